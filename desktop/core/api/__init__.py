"""Sotto's local API: other apps on this computer ask its models, OpenAI's way, on loopback."""
