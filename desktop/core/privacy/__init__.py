"""Privacy: forgetting everything (and, later, the network guard)."""
