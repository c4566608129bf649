"""A .docx read for revision: its bytes, kept in memory, and the body paragraphs it offers.

The file is read once; every check on it (not a .docx, empty, damaged, protected, a zip
bomb, a pipe given a document's name) is the document index's own, by ``extract``. Only the
body's own paragraphs are offered: tables, headers and footers stay as they were.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

from desktop.core.documents.errors import CorruptDocumentError
from desktop.core.documents.extract import WORD, extract
from desktop.core.revise.errors import (
    NothingToReviseError,
    NotWordDocumentError,
    ProtectedWordDocumentError,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""WordprocessingML's namespace."""

COMPOUND_FILE = bytes.fromhex("D0CF11E0A1B11AE1")
"""How a compound file starts: what Word writes for a .docx protected by a password."""

_PARAGRAPH_PARTS = frozenset(
    f"{{{W}}}{tag}"
    for tag in ("pPr", "r", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd")
)
"""What a paragraph may hold to be revised: runs and marks that hold no text. A paragraph
with fields, links, pictures or earlier revisions is left as it is."""

_RUN_PARTS = frozenset(
    f"{{{W}}}{tag}" for tag in ("rPr", "t", "tab", "br", "lastRenderedPageBreak")
)


@dataclass(frozen=True)
class Passage:
    """One body paragraph the model may revise.

    Attributes:
        index: its place among the body's paragraphs (``body_paragraphs``).
        text: its text: ``w:t`` as written, a tab as ``\\t``, a line break as ``\\n``.
        headings: the headings it stands under, the outermost first (itself, for a heading).
        heading: whether it is a heading itself.
    """

    index: int
    text: str
    headings: tuple[str, ...]
    heading: bool


@dataclass(frozen=True)
class Source:
    """A document to revise, in memory only.

    Attributes:
        name: the file's name, for sentences and the history.
        data: the file's bytes: the revised copy is made from them, never from the file.
        passages: the paragraphs that can be revised, in order.
    """

    name: str
    data: bytes
    passages: tuple[Passage, ...]

    def headings(self) -> list[str]:
        """The headings' texts, in order (for choosing which parts to revise)."""
        return [passage.text for passage in self.passages if passage.heading]


def read_source(path: Path, cancelled: Callable[[], bool] = lambda: False) -> Source:
    """The .docx at *path*, read whole into memory.

    Raises:
        NotWordDocumentError: its name does not end in .docx.
        ProtectedWordDocumentError: it is protected by a password.
        DocumentError: the index's sentence for what is wrong with the file.
        NothingToReviseError: its body has no paragraph that can be revised.
        CancelledError: *cancelled* said so.
    """
    if path.suffix.lower() not in WORD:
        raise NotWordDocumentError(path.name)
    try:
        extract(path, cancelled)  # every check on the file; the text is read again below
    except CorruptDocumentError as error:
        with path.open("rb") as file:  # a regular file: extract opened it
            if file.read(len(COMPOUND_FILE)) == COMPOUND_FILE:
                raise ProtectedWordDocumentError(path.name) from error
        raise
    data = path.read_bytes()
    passages = tuple(_passages(data, path.name))
    if not passages:
        raise NothingToReviseError(path.name)
    return Source(path.name, data, passages)


def open_document(data: bytes, name: str) -> Document:
    """python-docx's ``Document`` of *data*.

    Raises:
        CorruptDocumentError: python-docx cannot read it (it changed since it was checked).
    """
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    # python-docx and lxml raise many kinds of error for a damaged package: all mean one thing.
    except Exception as error:
        raise CorruptDocumentError(name, f"{type(error).__name__}: {error}") from error


def body_paragraphs(document: Document) -> list[etree._Element]:
    """The body's own paragraphs (not those in tables), in order: ``Passage.index`` counts
    these."""
    return list(document.element.body.iterchildren(f"{{{W}}}p"))


def paragraph_text(paragraph: etree._Element) -> str | None:
    """*paragraph*'s text, or None where it holds what a revision would not keep (fields,
    links, pictures, earlier tracked changes)."""
    pieces: list[str] = []
    for part in paragraph:
        if part.tag not in _PARAGRAPH_PARTS:
            return None
        if part.tag != f"{{{W}}}r":
            continue
        for item in part:
            if item.tag not in _RUN_PARTS:
                return None
            text = atom_text(item)
            if text is None:
                return None
            pieces.append(text)
    return "".join(pieces)


def atom_text(item: etree._Element) -> str | None:
    """The text one child of a run stands for; None for one a revision cannot keep (a page
    break)."""
    tag = etree.QName(item).localname
    if tag == "t":
        return item.text or ""
    if tag == "tab":
        return "\t"
    if tag == "br":
        kind = item.get(f"{{{W}}}type", "textWrapping")
        return "\n" if kind == "textWrapping" else None
    return ""  # rPr, lastRenderedPageBreak


def _passages(data: bytes, name: str) -> Iterator[Passage]:
    from docx.text.paragraph import Paragraph

    document = open_document(data, name)
    headings: list[tuple[int, str]] = []
    for index, element in enumerate(body_paragraphs(document)):
        text = paragraph_text(element)
        if text is None or not text.strip():
            continue
        level = _heading_level(Paragraph(element, document))
        if level is not None:
            headings = [(lvl, title) for lvl, title in headings if lvl < level]
            headings.append((level, text.strip()))
        yield Passage(index, text, tuple(title for _, title in headings), level is not None)


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for the title, 1 for Heading 1, 2 for Heading 2...; None for a paragraph of text."""
    style = paragraph.style
    name = (style.name if style is not None else "") or ""
    if name == "Title":
        return 0
    if name.startswith("Heading "):
        digits = name.removeprefix("Heading ")
        return int(digits) if digits.isdigit() else None
    return None
