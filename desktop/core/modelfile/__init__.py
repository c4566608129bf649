"""A model file: its GGUF header, what it describes, whether it fits and can be loaded."""
