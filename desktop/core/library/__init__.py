"""Models: reading GGUF files and finding the ones installed."""
