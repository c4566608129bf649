"""The model library: the catalog, the hub, downloads, imports and the models installed."""
