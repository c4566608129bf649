"""The local API in the window: switched on and off in Settings, sharing the window's model."""
