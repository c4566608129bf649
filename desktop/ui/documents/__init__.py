"""The user's documents: their collections, searching them, and the sources a reply cites."""
