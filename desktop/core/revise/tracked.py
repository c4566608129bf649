"""A new .docx whose accepted revisions are Word's own tracked changes.

Each changed paragraph's runs are cut where the changes begin and end: a stretch kept is a
run with the original run's properties (bold, italics, its style), a stretch deleted is that
run inside ``w:del`` with its text as ``w:delText``, and inserted text is a run inside
``w:ins`` with the properties of the run it follows. Paragraph properties (style, numbering)
are not touched, nor any paragraph without a change, nor tables, headers and footers.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from lxml import etree

from desktop.core.durable import write_whole
from desktop.core.revise.diff import Kind, Piece
from desktop.core.revise.errors import SameFileError
from desktop.core.revise.revision import Revision
from desktop.core.revise.source import (
    Source,
    W,
    atom_text,
    body_paragraphs,
    open_document,
    paragraph_text,
)
from desktop.core.storage_errors import storage_error

if TYPE_CHECKING:
    from docx.document import Document

DEFAULT_AUTHOR = "Sotto"
"""Who the tracked changes are by, unless the user set a name in Settings."""

_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class _Atom(NamedTuple):
    """One character of a paragraph's text and the run it is in (``item``: the run's
    ``w:tab`` or ``w:br`` it stands for, None for a character of a ``w:t``). A tuple: a
    long document has hundreds of thousands."""

    text: str
    run: etree._Element
    item: etree._Element | None


def save_tracked(
    path: Path,
    source: Source,
    original: Path,
    revisions: Sequence[Revision],
    author: str = DEFAULT_AUTHOR,
    when: datetime | None = None,
    comments: bool = False,
) -> None:
    """Write the copy of *source* with *revisions* as tracked changes to *path*, whole or
    not at all (a full disk leaves no part of it).

    Raises:
        SameFileError: *path* is the *original* file.
        StorageError: the folder could not be written (full, read-only, failing).
    """
    if path.exists() and original.exists() and path.samefile(original):
        raise SameFileError(original.name)
    data = tracked_docx(source, revisions, author, when or datetime.now().astimezone(), comments)
    try:
        write_whole(path, lambda file: file.write(data))
    except OSError as error:
        raise storage_error(path.parent, error) from error


def tracked_docx(
    source: Source,
    revisions: Sequence[Revision],
    author: str,
    when: datetime,
    comments: bool,
) -> bytes:
    """The bytes of *source* with *revisions* written in as tracked changes by *author* at
    *when*, each with a comment holding its reason if *comments*."""
    document = open_document(source.data, source.name)
    paragraphs = body_paragraphs(document)
    # Comments take the ids after those used so far, one each: revisions come after them.
    ids = _free_ids(document.element, len(revisions) if comments else 0)
    date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for revision in revisions:
        paragraph = paragraphs[revision.index]
        if paragraph_text(paragraph) != revision.original:
            raise ValueError(f"paragraph {revision.index} is not the one revised")
        _mark(paragraph, revision.pieces, {f"{{{W}}}author": author, f"{{{W}}}date": date}, ids)
        if comments and revision.reason:
            _comment(document, paragraph, revision.reason, author)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _mark(
    paragraph: etree._Element, pieces: list[Piece], stamp: dict[str, str], ids: Iterator[int]
) -> None:
    """Replace *paragraph*'s runs by the runs and revisions of *pieces*."""
    atoms: list[_Atom] = []
    marks: list[tuple[int, etree._Element]] = []  # bookmarks and the like, where they stood
    for part in list(paragraph):
        if part.tag == f"{{{W}}}pPr":
            continue
        paragraph.remove(part)
        if part.tag != f"{{{W}}}r":
            marks.append((len(atoms), part))
            continue
        for item in part:
            text = atom_text(item) or ""
            if item.tag == f"{{{W}}}t":
                atoms.extend(_Atom(char, part, None) for char in text)
            elif text:
                atoms.append(_Atom(text, part, item))

    def place_marks(upto: int) -> None:
        while marks and marks[0][0] <= upto:
            paragraph.append(marks.pop(0)[1])

    replaced: Piece | None = None  # a deletion just before: an insertion replaces it
    for piece in pieces:
        place_marks(piece.at)
        if piece.kind == Kind.SAME:
            for run in _runs(atoms[piece.at : piece.at + len(piece.text)], deleted=False):
                paragraph.append(run)
            replaced = None
            continue
        change = etree.SubElement(
            paragraph,
            f"{{{W}}}{'ins' if piece.kind == Kind.INSERTED else 'del'}",
            {f"{{{W}}}id": str(next(ids)), **stamp},
        )
        if piece.kind == Kind.DELETED:
            change.extend(_runs(atoms[piece.at : piece.at + len(piece.text)], deleted=True))
            replaced = piece
            continue
        # Formatted as text typed over a selection is: like its first character; else
        # like the character before, or the paragraph's first.
        at = replaced.at if replaced is not None else max(piece.at - 1, 0)
        change.append(_new_run(atoms[at].run if atoms else None, piece.text))
        replaced = None
    place_marks(len(atoms))


def _runs(atoms: list[_Atom], deleted: bool) -> Iterator[etree._Element]:
    """Runs holding *atoms*, one for each stretch in the same original run, with its
    properties; text in ``w:delText`` if *deleted*."""
    start = 0
    while start < len(atoms):
        end = start
        while end < len(atoms) and atoms[end].run is atoms[start].run:
            end += 1
        run = _bare(atoms[start].run)
        text = ""
        for atom in atoms[start:end]:
            if atom.item is None:
                text += atom.text
                continue
            _add_text(run, text, deleted)
            text = ""
            run.append(copy.deepcopy(atom.item))
        _add_text(run, text, deleted)
        yield run
        start = end


def _new_run(like: etree._Element | None, text: str) -> etree._Element:
    """A run of *text* with the properties of *like*: tabs and line breaks as Word's own."""
    run = _bare(like) if like is not None else etree.Element(f"{{{W}}}r")
    plain = ""
    for char in text:
        if char in "\t\n":
            _add_text(run, plain, deleted=False)
            plain = ""
            etree.SubElement(run, f"{{{W}}}{'tab' if char == chr(9) else 'br'}")
        else:
            plain += char
    _add_text(run, plain, deleted=False)
    return run


def _bare(run: etree._Element) -> etree._Element:
    """A copy of *run* with its properties and attributes, and no content."""
    bare = etree.Element(run.tag, dict(run.attrib))
    properties = run.find(f"{{{W}}}rPr")
    if properties is not None:
        bare.append(copy.deepcopy(properties))
    return bare


def _add_text(run: etree._Element, text: str, deleted: bool) -> None:
    if text:
        element = etree.SubElement(run, f"{{{W}}}{'delText' if deleted else 't'}")
        element.text = text
        element.set(_SPACE, "preserve")


def _free_ids(root: etree._Element, spare: int) -> Iterator[int]:
    """Revision ids not used yet in the document's body, leaving *spare* after those used."""
    values = (element.get(f"{{{W}}}id", "") for element in root.iter())
    start = max((int(value) for value in values if value.isdigit()), default=0) + 1 + spare
    while True:
        yield start
        start += 1


def _comment(document: Document, paragraph: etree._Element, reason: str, author: str) -> None:
    """A Word comment holding *reason*, on the whole of *paragraph*."""
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    runs = paragraph.findall(f".//{{{W}}}r")
    if not runs:
        return
    owner = Paragraph(paragraph, document._body)
    initials = "".join(word[0] for word in author.split()[:3]).upper()
    document.add_comment(
        [Run(runs[0], owner), Run(runs[-1], owner)], text=reason, author=author, initials=initials
    )
