"""The text of a Word (.docx) document: its paragraphs and table rows, in order."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from desktop.core.documents.errors import CorruptDocumentError, DocumentTooLargeError
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

MAX_XML_BYTES = 256 * 1024 * 1024
"""The most XML a .docx may unpack to: its parts are parsed whole in memory, and a small
file can unpack to gigabytes."""

CELL_SEPARATOR = " | "


def word_text(file: BinaryIO, name: str, cancelled: Callable[[], bool], max_characters: int) -> str:
    """The paragraphs (headings included) and table rows of the .docx in *file*, one a line.

    Raises:
        CorruptDocumentError: it is not a .docx that python-docx can read.
        DocumentTooLargeError: it unpacks to too much XML, or its text is longer than
            *max_characters*.
        CancelledError: *cancelled* said so.
    """
    _check_unpacked_size(file, name, max_characters)
    file.seek(0)
    if cancelled():
        raise CancelledError
    lines: list[str] = []
    length = 0
    try:
        document = docx.Document(file)
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


def _check_unpacked_size(file: BinaryIO, name: str, max_characters: int) -> None:
    try:
        with zipfile.ZipFile(file) as package:
            unpacked = sum(
                part.file_size
                for part in package.infolist()
                if part.filename.endswith((".xml", ".rels"))
            )
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise CorruptDocumentError(name, f"not a Word package: {error}") from error
    # zipfile never gives more than a part's declared size, so the declared sizes bound it.
    if unpacked > MAX_XML_BYTES:
        raise DocumentTooLargeError(name, Bytes(max_characters))


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
