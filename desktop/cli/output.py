"""What the command line prints besides its results: one way to say an error, and one way
to print a name that came from a file (a document, a model, a conversation's title)."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

_VISIBLE = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Characters that reorder the text after them: a name could show itself as another."""


def print_error(sentence: str) -> None:
    """Print *sentence* to standard error, as ``sotto: sentence``."""
    print(f"sotto: {sentence}", file=sys.stderr)


def print_no_such_model(name: str, installed: Iterable[str]) -> None:
    """Say there is no model called *name*, naming the *installed* ones."""
    print_error(
        QCoreApplication.translate(
            "cli", "There is no model called {name}. Installed models: {names}."
        ).format(name=name, names=", ".join(installed) or "-")
    )


def shown(name: str) -> str:
    """*name* as a terminal may print it: each control character written visibly (``\\n``,
    ``\\r``, ``\\x1b``), so that a name cannot start a line of its own, overwrite one, or
    send the terminal an escape sequence. Letters of every script pass unchanged; ``--json``
    output is never passed through here, so it stays exact."""
    return "".join(_visible(character) for character in name)


def _visible(character: str) -> str:
    if character in _VISIBLE:
        return _VISIBLE[character]
    if unicodedata.category(character) == "Cc" or character in _BIDI_CONTROLS:
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return character
