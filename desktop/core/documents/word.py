"""The text of a Word (.docx) document: its paragraphs and table rows, in order.

A .docx is a zip of parts, and a file of a megabyte can unpack to gigabytes. Before anything
is unpacked, every part's declared sizes are checked (zip never gives more than a part
declares: the declared sizes bound what is read): none may unpack to more than
``MAX_RATIO`` times its packed size, and the parts that hold text and layout (XML) may not
unpack to more than ``MAX_XML_BYTES`` in all. Only those parts are unpacked, into a copy of
the package in memory; pictures, fonts and other media are left packed, their parts in the
copy empty, so their size never weighs on memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    PackedTooTightlyError,
    UnpacksTooLargeError,
)
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

MAX_XML_BYTES = 256 * 1024 * 1024
"""The most XML a .docx may unpack to: its parts are parsed whole in memory."""

MAX_RATIO = 100
"""The most a part may unpack to, as a multiple of its packed size: Word's XML packs to a
tenth or a twentieth, pictures hardly at all; a zip bomb packs a thousand to one."""

RATIO_FLOOR = 1024 * 1024
"""Parts that unpack to less than this are not held to ``MAX_RATIO``: a small part full of
repeated markup may pack very tightly, and is harmless."""

CELL_SEPARATOR = " | "


def word_text(file: BinaryIO, name: str, cancelled: Callable[[], bool], max_characters: int) -> str:
    """The paragraphs (headings included) and table rows of the .docx in *file*, one a line.

    Raises:
        CorruptDocumentError: it is not a .docx that python-docx can read.
        PackedTooTightlyError: a part of it unpacks to more than ``MAX_RATIO`` times its size.
        UnpacksTooLargeError: its XML unpacks to more than ``MAX_XML_BYTES``.
        DocumentTooLargeError: its text is longer than *max_characters*.
        CancelledError: *cancelled* said so.
    """
    package = _text_parts(file, name, cancelled)
    lines: list[str] = []
    length = 0
    try:
        document = docx.Document(package)
        for line in _lines(document.iter_inner_content()):
            if cancelled():
                raise CancelledError
            length += len(line) + 1
            if length > max_characters:
                raise DocumentTooLargeError(name, Bytes(max_characters))
            lines.append(line)
    except (CancelledError, DocumentTooLargeError):
        raise
    # python-docx and lxml raise many kinds of error for a damaged package (KeyError for a
    # missing part, ValueError, XMLSyntaxError, PackageNotFoundError...): all mean the same.
    except Exception as error:
        raise CorruptDocumentError(name, f"{type(error).__name__}: {error}") from error
    return "\n".join(lines)


def _text_parts(file: BinaryIO, name: str, cancelled: Callable[[], bool]) -> BinaryIO:
    """A copy in memory of the package in *file*, with its XML parts unpacked and every
    other part left empty, once the declared sizes of all its parts have been checked."""
    copy = io.BytesIO()
    try:
        with zipfile.ZipFile(file) as package, zipfile.ZipFile(copy, "w") as text:
            parts = package.infolist()
            _check_sizes(parts, name)
            for part in parts:
                if cancelled():
                    raise CancelledError
                text.writestr(part.filename, package.read(part) if _is_xml(part) else b"")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise CorruptDocumentError(name, f"not a Word package: {error}") from error
    copy.seek(0)
    return copy


def _check_sizes(parts: list[zipfile.ZipInfo], name: str) -> None:
    """Refuse the package by its parts' declared sizes, naming the limit it is over."""
    if sum(part.file_size for part in parts if _is_xml(part)) > MAX_XML_BYTES:
        raise UnpacksTooLargeError(name, Bytes(MAX_XML_BYTES))
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > MAX_RATIO * part.compress_size:
            raise PackedTooTightlyError(
                name,
                MAX_RATIO,
                f"{part.filename}: {part.compress_size} bytes unpack to {part.file_size}",
            )


def _is_xml(part: zipfile.ZipInfo) -> bool:
    """Whether *part* holds markup python-docx parses (the rest is media it only carries)."""
    return part.filename.lower().endswith((".xml", ".rels"))


def _lines(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                yield text
        else:
            yield from _table_lines(block)


def _table_lines(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells = []
        seen = set()
        for cell in row.cells:
            # A merged cell comes once for each grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(line for line in _lines(cell.iter_inner_content()))
            if text:
                cells.append(text)
        if cells:
            yield CELL_SEPARATOR.join(cells)
