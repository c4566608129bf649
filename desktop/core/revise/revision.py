"""One paragraph's revision, and what a set of them adds up to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from desktop.core.revise.diff import Kind, Piece, word_count, word_diff


@dataclass(frozen=True)
class Revision:
    """The model's new text for one paragraph, which the user accepts or rejects whole.

    Attributes:
        index: the paragraph's place among the body's paragraphs (``Passage.index``).
        original: its text now.
        revised: the text the model proposes.
        reason: the model's one line on why ("" where it gave none).
        cut_off: the model's reply stopped at its length limit, so the revision likely
            drops the end of the paragraph: never accepted unless the user says so.
    """

    index: int
    original: str
    revised: str
    reason: str = ""
    cut_off: bool = False

    @cached_property
    def pieces(self) -> list[Piece]:
        """The word-level difference between ``original`` and ``revised``."""
        return word_diff(self.original, self.revised)


@dataclass(frozen=True)
class Summary:
    """What a set of revisions changes: paragraphs, and words inserted and deleted."""

    paragraphs: int = 0
    inserted: int = 0
    deleted: int = 0


def summary(revisions: list[Revision]) -> Summary:
    """The totals of *revisions*."""
    return Summary(
        paragraphs=len(revisions),
        inserted=sum(word_count(r.pieces, Kind.INSERTED) for r in revisions),
        deleted=sum(word_count(r.pieces, Kind.DELETED) for r in revisions),
    )
