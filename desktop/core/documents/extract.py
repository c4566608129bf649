"""The text of a document the user adds (PDF, Word, text, Markdown, HTML, a picture of a
page), read in memory; scanned pages and pictures by text recognition (``ocr.py``).

Nothing is written anywhere on the way: no temporary file, no cache. Every failure a file
can cause is a ``DocumentError`` that names the file.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentAccessError,
    DocumentTooLargeError,
    EmptyDocumentError,
    NotAFileError,
    UnsupportedDocumentError,
)
from desktop.core.documents.html_text import html_text
from desktop.core.documents.ocr import Recogniser
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

PDF = frozenset({".pdf"})
WORD = frozenset({".docx"})
PLAIN = frozenset({".txt", ".md", ".markdown"})
HTML = frozenset({".html", ".htm"})
PICTURE = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES = PDF | WORD | PLAIN | HTML | PICTURE

MAX_TEXT = 50_000_000
"""The most text read from one document: bytes of a text or HTML file, characters of a PDF's
or a Word document's text. About 25,000 pages; more would only fill memory."""

PAGE_SEPARATOR = "\n\n"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Byte order marks and their encodings, the four-byte ones first (UTF-32 LE's begins with
UTF-16 LE's)."""


@dataclass(frozen=True)
class Page:
    """One page's text.

    Attributes:
        number: the 1-based page of a PDF; None where a format has no pages.
        start: where this page's text begins in ``Extracted.text``.
        text: the page's text, lines separated by ``\\n``.
        scanned: whether it was read by text recognition (a scanned page or a picture).
    """

    number: int | None
    start: int
    text: str
    scanned: bool = False


@dataclass(frozen=True)
class Extracted:
    """A document's text, page by page (one page, numbered None, for formats without)."""

    pages: tuple[Page, ...]

    @cached_property
    def text(self) -> str:
        """The pages' texts joined by a blank line; each ``Page.start`` points into it."""
        return PAGE_SEPARATOR.join(page.text for page in self.pages)


def extract(
    path: Path,
    cancelled: Callable[[], bool] = lambda: False,
    recogniser: Recogniser | None = None,
) -> Extracted:
    """The text of the document at *path*, chosen by its suffix; scanned pages and pictures
    are read by *recogniser* (one of its own, loaded if needed, when None).

    Raises:
        DocumentError: a subclass that says what is wrong with the file (not an ordinary
            file, unsupported, cannot be opened, empty, too large, damaged, a locked PDF).
        CancelledError: *cancelled* returned True (checked between pages and blocks).
    """
    with open_document(path) as file:
        return read_document(file, path, cancelled, recogniser)


def open_document(path: Path) -> BinaryIO:
    """The file at *path*, opened to be read once it is known to be an ordinary file: its
    kind is checked before it is opened (opening a device can act on it), and again on the
    open descriptor, opened without blocking so that a pipe put in its place cannot hang the
    open. Everything read of a document (its hash, its text) is read from this one file.

    Raises:
        NotAFileError: it is a named pipe, a socket, a device or a symlink loop.
        DocumentAccessError: it cannot be opened (not there, not allowed, a folder).
    """
    name = path.name
    try:
        _check_kind(os.stat(path).st_mode, path)
        descriptor = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotAFileError(name, NotAFileError.LOOP) from error
        raise DocumentAccessError.of(name, error) from error
    try:
        _check_kind(os.fstat(descriptor).st_mode, path)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb")


def _check_kind(mode: int, path: Path) -> None:
    """Raise unless *mode* is an ordinary file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if stat.S_ISFIFO(mode):
        kind = NotAFileError.PIPE
    elif stat.S_ISSOCK(mode):
        kind = NotAFileError.SOCKET
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = NotAFileError.DEVICE
    else:
        kind = NotAFileError.SPECIAL
    raise NotAFileError(path.name, kind)


def read_document(
    file: BinaryIO,
    path: Path,
    cancelled: Callable[[], bool] = lambda: False,
    recogniser: Recogniser | None = None,
) -> Extracted:
    """The text of the document at *path*, read from *file* (``open_document``'s), from
    its start.

    Raises:
        DocumentError, CancelledError: as ``extract``.
    """
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedDocumentError(name)
    try:
        if os.fstat(file.fileno()).st_size == 0:
            raise EmptyDocumentError(name)
        texts = _read(file, suffix, name, cancelled, recogniser or Recogniser())
    except OSError as error:
        raise DocumentAccessError.of(name, error) from error
    if all(not text.strip() for _, text, _ in texts):
        raise EmptyDocumentError(name)
    return _extracted(texts)


def _read(
    file: BinaryIO, suffix: str, name: str, cancelled: Callable[[], bool], recogniser: Recogniser
) -> list[tuple[int | None, str, bool]]:
    """Each page's number, text and whether it was read by text recognition."""
    # pypdfium2, python-docx and Pillow are imported by the first document that needs them:
    # loading them with the window would delay it.
    if suffix in PDF:
        from desktop.core.documents.pdf import pdf_pages

        pages = pdf_pages(file, name, cancelled, MAX_TEXT, recogniser)
        return [(number, text, scanned) for number, (text, scanned) in enumerate(pages, 1)]
    if suffix in PICTURE:
        from desktop.core.documents.picture import picture_pages

        frames = picture_pages(file, name, cancelled, MAX_TEXT, recogniser)
        if len(frames) == 1:  # a picture has no pages, a TIFF of several has
            return [(None, frames[0], True)]
        return [(number, text, True) for number, text in enumerate(frames, 1)]
    if suffix in WORD:
        from desktop.core.documents.word import word_text

        return [(None, word_text(file, name, cancelled, MAX_TEXT), False)]
    if cancelled():
        raise CancelledError
    text = _decoded(_bounded(file, name), name)
    if suffix in HTML:
        text = html_text(text)
    return [(None, text.strip(), False)]


def _bounded(file: BinaryIO, name: str) -> bytes:
    """All of *file*, or ``DocumentTooLargeError`` before reading more than the limit (a
    file can grow between its size being read and its bytes)."""
    too_large = DocumentTooLargeError(name, Bytes(MAX_TEXT))
    if os.fstat(file.fileno()).st_size > MAX_TEXT:
        raise too_large
    data = file.read(MAX_TEXT + 1)
    if len(data) > MAX_TEXT:
        raise too_large
    return data


def _decoded(data: bytes, name: str) -> str:
    """*data* as text: by its byte order mark, else UTF-8, else GB18030 where that reads as
    Chinese, else Windows-1252; line ends made ``\\n``."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise CorruptDocumentError(name, str(error)) from error
            return _unix_lines(text, name)
    if b"\x00" in data:
        raise CorruptDocumentError(name, "it holds NUL bytes: binary data, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guessed(data)
    return _unix_lines(text, name)


def _guessed(data: bytes) -> str:
    try:
        chinese = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        foreign = [char for char in chinese if ord(char) > 0x7F]
        if sum(_is_cjk(char) for char in foreign) * 2 > len(foreign):
            return chinese
    return data.decode("cp1252", errors="replace")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def _unix_lines(text: str, name: str) -> str:
    if "\x00" in text:
        raise CorruptDocumentError(name, "it holds NUL characters: binary data, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _extracted(texts: list[tuple[int | None, str, bool]]) -> Extracted:
    pages = []
    start = 0
    for number, text, scanned in texts:
        pages.append(Page(number, start, text, scanned))
        start += len(text) + len(PAGE_SEPARATOR)
    return Extracted(tuple(pages))
