"""What the command line prints besides its results: one way to say an error."""

from __future__ import annotations

import sys


def print_error(sentence: str) -> None:
    """Print *sentence* to standard error, as ``sotto: sentence``."""
    print(f"sotto: {sentence}", file=sys.stderr)
