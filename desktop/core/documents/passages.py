"""A document's text cut into passages of about the same length, to be found and cited.

A passage ends where a paragraph, a line or a sentence does (in Chinese and Japanese too,
where no spaces are), never runs from one page onto the next, and begins a little before the
previous one ends, so a sentence cut in two is still whole in one of them.

The embedding model reads each passage after its document's title (``embedded_texts``): a
passage alone seldom says what it is part of.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from desktop.core.documents.extract import Extracted

_BREAKS = (
    ("\n\n",),
    ("\n",),
    (". ", "! ", "? ", "。", "！", "？", "…", "．"),
    ("; ", ": ", ", ", "；", "：", "，", "、", " ", "\t"),
)
"""Where a passage may end, the best first: a paragraph, a line, a sentence, a clause or word."""

_SENTENCE_AND_WORD_BREAKS = _BREAKS[2:]
"""Where the overlap may begin: after a sentence, else after a word."""

_VISIBLE = re.compile(r"\S")

TITLE_CHARS = 80
"""The longest first line of a document that is read as its title; a longer one is prose."""

SHORTEST_FRACTION = 2
"""A passage is cut short at a break no earlier than 1/this of the target length; with no
break that late it is cut at the target length itself."""


@dataclass(frozen=True)
class Passage:
    """A stretch of one page's text.

    Attributes:
        page: the 1-based page of a PDF, None where the format has no pages.
        start: where it begins in ``Extracted.text``.
        end: where it ends there (``text == extracted.text[start:end]``).
        text: the passage itself.
        scanned: its page was read by text recognition.
    """

    page: int | None
    start: int
    end: int
    text: str
    scanned: bool = False


def split_passages(
    extracted: Extracted, target_chars: int = 1000, overlap_chars: int = 150
) -> list[Passage]:
    """The passages of *extracted*, each about *target_chars* long (never longer), each but
    a page's first starting up to *overlap_chars* before the previous one ends.

    Raises:
        ValueError: *target_chars* is not positive, or *overlap_chars* is negative.
    """
    if target_chars < 1 or overlap_chars < 0:
        raise ValueError(f"target {target_chars} and overlap {overlap_chars} make no passages")
    overlap = min(overlap_chars, target_chars // 2)
    text = extracted.text
    passages = []
    for page in extracted.pages:
        page_end = page.start + len(page.text)
        for start, end in _spans(text, page.start, page_end, target_chars, overlap):
            passages.append(Passage(page.number, start, end, text[start:end], page.scanned))
    return passages


def _spans(text: str, start: int, end: int, target: int, overlap: int) -> list[tuple[int, int]]:
    """The (start, end) of each passage within ``text[start:end]``."""
    spans: list[tuple[int, int]] = []
    position = _next_visible(text, start, end)
    while position < end:
        stop = _passage_end(text, position, end, target)
        spans.append((position, stop))
        if _next_visible(text, stop, end) >= end:
            break
        position = _overlap_start(text, position, stop, end, overlap)
    return spans


def _passage_end(text: str, start: int, end: int, target: int) -> int:
    """The end of the passage beginning at *start*: the page's end if it is near, else the
    best break between half the target length and the target length."""
    if end - start <= target:
        cut = end
    else:
        limit = start + target
        earliest = start + max(1, target // SHORTEST_FRACTION)
        cut = limit
        for breaks in _BREAKS:
            found = max(text.rfind(mark, earliest, limit) + len(mark) for mark in breaks)
            if found >= earliest + 1:
                cut = found
                break
    while cut > start + 1 and text[cut - 1].isspace():
        cut -= 1
    return cut


def _overlap_start(text: str, start: int, stop: int, end: int, overlap: int) -> int:
    """Where the passage after ``text[start:stop]`` begins: at the first sentence (else
    word, else character) in its last *overlap* characters, else at the next visible
    character before the page's *end*."""
    earliest = max(start + 1, stop - overlap)
    for breaks in (*_SENTENCE_AND_WORD_BREAKS, ("",)):
        found = [i + len(mark) for mark in breaks if (i := text.find(mark, earliest, stop)) >= 0]
        begin = _next_visible(text, min(found, default=stop), stop)
        if begin < stop:
            return begin
    return _next_visible(text, stop, end)


def _next_visible(text: str, start: int, end: int) -> int:
    found = _VISIBLE.search(text, start, end)
    return found.start() if found else end


def embedded_texts(path: PurePath, texts: Sequence[str]) -> list[str]:
    """What the embedding model reads of each of *texts*, the passages of the document at
    *path* in order: the passage after the document's title, its file's name and its first
    line where that is short enough to be a title.

    A passage alone seldom says what it is part of (a clause of which contract, the
    definitions of which license), and a passage's vector is all a vector search knows of
    it: with the title, a question that names the document or its subject finds its
    passages, where those of look-alike documents answered before (in
    ``tests/bench/bench_retrieval.py``, vector recall@5 from 0.66 to 0.84). Only the vector
    changes: a stored passage stays the exact span of its document, and a query is read
    as it is. (Word search reads the file's name on its own: ``fulltext.index_words``.)
    """
    if not texts:
        return []
    first = next((line.strip() for line in texts[0].splitlines() if line.strip()), "")
    title = path.stem if len(first) > TITLE_CHARS else f"{path.stem}. {first}"
    return [f"{title}. {text}" for text in texts]
