"""Qt-free logic of Sotto. Nothing under this package may import Qt."""
