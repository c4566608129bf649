"""Word-level differences between a paragraph and its revision.

The standard library's ``difflib`` on word tokens: words, runs of spaces and single
punctuation marks, so that "fees," becoming "fees paid," inserts " paid" and nothing else.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


class Kind(StrEnum):
    """What a piece of a difference does to the text."""

    SAME = "same"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Piece:
    """A stretch of the difference: text kept, inserted or deleted.

    Attributes:
        kind: what happens to it.
        text: the text.
        at: where it starts in the original text (for an insertion, where it goes).
    """

    kind: Kind
    text: str
    at: int


def tokens(text: str) -> list[str]:
    """*text* cut into words, runs of white space and punctuation marks; joined, they give
    *text* back."""
    return _TOKEN.findall(text)


def word_diff(original: str, revised: str) -> list[Piece]:
    """The pieces that turn *original* into *revised*: the SAME and DELETED ones joined give
    *original*, the SAME and INSERTED ones *revised*. A replacement is its deletion followed by
    its insertion."""
    before, after = tokens(original), tokens(revised)
    # Spaces as junk: a match never starts at one (there are too many), though it may
    # run through them; the pieces still join to the texts exactly.
    matcher = difflib.SequenceMatcher(str.isspace, before, after, autojunk=False)
    pieces: list[Piece] = []
    at = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            pieces.append(Piece(Kind.SAME, old, at))
        if tag in ("delete", "replace"):
            pieces.append(Piece(Kind.DELETED, old, at))
        if tag in ("insert", "replace"):
            pieces.append(Piece(Kind.INSERTED, new, at + len(old)))
        at += len(old)
    return pieces


def word_count(pieces: list[Piece], kind: Kind) -> int:
    """How many words the pieces of *kind* hold."""
    return sum(len(re.findall(r"\w+", piece.text)) for piece in pieces if piece.kind == kind)
