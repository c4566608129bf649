"""The text of a PDF, page by page, read by PDFium straight from the open file; a scanned
page (a picture of text, with no text layer) is drawn in memory and read by text
recognition (``ocr.py``)."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

import pypdfium2  # type: ignore[import-untyped]

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedPdfError,
    ImageTooLargeError,
)
from desktop.core.documents.ocr import MAX_PIXELS, MAX_SIDE, Recogniser
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

if TYPE_CHECKING:
    from PIL import Image

SCANNED_PAGE_CHARACTERS = 40
"""A page showing a picture whose text layer has fewer visible characters than this is a
scan, and is read by text recognition: a scanned page carries at most a page number, a
stamp or a Bates number in text, and these are read again from the picture."""

MAX_DOTS_PER_INCH = 300
"""A scanned page is drawn at this resolution at most (and ``MAX_SIDE`` pixels at most)."""

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one call at a time in the whole process (the recognition of a
page, which does not call PDFium, runs beside another thread's reading)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""What PDFium puts in text that is not text: control codes and non-characters."""


def pdf_pages(
    file: BinaryIO,
    name: str,
    cancelled: Callable[[], bool],
    max_characters: int,
    recogniser: Recogniser,
) -> list[tuple[str, bool]]:
    """The text of each page of the PDF in *file*, in order, with whether it was read by
    text recognition (a scanned page).

    Raises:
        EncryptedPdfError: it needs a password.
        CorruptDocumentError: PDFium cannot read it.
        DocumentTooLargeError: its text is longer than *max_characters*.
        ImageTooLargeError: a scanned page shows a picture of more than ``MAX_PIXELS``.
        RecognitionUnavailableError: a page is scanned, and text recognition cannot start.
        CancelledError: *cancelled* said so, checked between pages.
    """
    pages: list[tuple[str, bool]] = []
    length = 0
    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(file)
        except pypdfium2.PdfiumError as error:
            if error.err_code in (pypdfium2.raw.FPDF_ERR_PASSWORD, pypdfium2.raw.FPDF_ERR_SECURITY):
                raise EncryptedPdfError(name) from error
            raise CorruptDocumentError(name, str(error)) from error
        count = len(document)
    try:
        for index in range(count):
            if cancelled():
                raise CancelledError
            with _PDFIUM:
                text, scan = _page(document, index, name)
            if scan is not None:
                text = recogniser.text(scan, name)
                recogniser.on_page(index + 1, count)
            length += len(text)
            if length > max_characters:
                raise DocumentTooLargeError(name, Bytes(max_characters))
            pages.append((text, scan is not None))
    finally:
        with _PDFIUM:
            document.close()
    return pages


def _page(document: pypdfium2.PdfDocument, index: int, name: str) -> tuple[str, Image.Image | None]:
    """The text of the page, or ("", the page drawn in grey) for a scanned page."""
    try:
        page = document[index]
        try:
            text = _text(page)
            if len("".join(text.split())) < SCANNED_PAGE_CHARACTERS:
                pictures = _picture_sizes(page)
                if max(pictures, default=0) > MAX_PIXELS:  # drawn, it would be decoded whole
                    raise ImageTooLargeError(name, MAX_PIXELS // 1_000_000)
                if pictures:
                    return "", _drawn(page)
        finally:
            page.close()
    except pypdfium2.PdfiumError as error:
        raise CorruptDocumentError(name, f"page {index + 1}: {error}") from error
    return text, None


def _text(page: pypdfium2.PdfPage) -> str:
    text_page = page.get_textpage()
    try:
        raw = str(text_page.get_text_bounded())
    finally:
        text_page.close()
    lines = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _picture_sizes(page: pypdfium2.PdfPage) -> list[int]:
    """The pixels of each picture the page shows (in its forms too)."""
    images = page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
    return [width * height for width, height in (image.get_px_size() for image in images)]


def _drawn(page: pypdfium2.PdfPage) -> Image.Image:
    """The page drawn in grey, its longer side ``MAX_SIDE`` pixels at most, as a picture of
    its own (PDFium's bitmap is freed here, under the lock)."""
    width, height = page.get_size()  # in points, 72 an inch
    scale = min(MAX_SIDE / max(width, height, 1.0), MAX_DOTS_PER_INCH / 72)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        drawn: Image.Image = bitmap.to_pil().convert("L")
        return drawn
    finally:
        bitmap.close()
