"""The encrypted vault: key custody, the SQLCipher database, its schema and the conversations."""
