"""The user's own model servers (vLLM, llama.cpp's llama-server: the OpenAI-compatible API):
their records in the vault, their keys, and the client that chats with them."""
