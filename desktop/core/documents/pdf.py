"""The text of a PDF, page by page, read by PDFium straight from the open file."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import BinaryIO

import pypdfium2  # type: ignore[import-untyped]

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    EncryptedPdfError,
    ScannedPdfError,
)
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

MIN_CHARACTERS_PER_PAGE = 4
"""Fewer visible characters than this on an average page, and the PDF is taken for a scan:
a scan's pages carry at most a stray page number or stamp in text."""

_PDFIUM = threading.Lock()
"""PDFium is not thread-safe: one document is read at a time in the whole process."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""What PDFium puts in text that is not text: control codes and non-characters."""


def pdf_pages(
    file: BinaryIO, name: str, cancelled: Callable[[], bool], max_characters: int
) -> list[str]:
    """The text of each page of the PDF in *file*, in order.

    Raises:
        EncryptedPdfError: it needs a password.
        CorruptDocumentError: PDFium cannot read it.
        ScannedPdfError: its pages have (almost) no text.
        DocumentTooLargeError: its text is longer than *max_characters*.
        CancelledError: *cancelled* said so, checked between pages.
    """
    texts: list[str] = []
    length = 0
    with _PDFIUM:
        try:
            document = pypdfium2.PdfDocument(file)
        except pypdfium2.PdfiumError as error:
            if error.err_code in (pypdfium2.raw.FPDF_ERR_PASSWORD, pypdfium2.raw.FPDF_ERR_SECURITY):
                raise EncryptedPdfError(name) from error
            raise CorruptDocumentError(name, str(error)) from error
        try:
            for index in range(len(document)):
                if cancelled():
                    raise CancelledError
                text = _page_text(document, index, name)
                length += len(text)
                if length > max_characters:
                    raise DocumentTooLargeError(name, Bytes(max_characters))
                texts.append(text)
        finally:
            document.close()
    visible = sum(len("".join(text.split())) for text in texts)
    if visible < MIN_CHARACTERS_PER_PAGE * len(texts):
        raise ScannedPdfError(name)
    return texts


def _page_text(document: pypdfium2.PdfDocument, index: int, name: str) -> str:
    try:
        page = document[index]
        try:
            text_page = page.get_textpage()
            try:
                raw = str(text_page.get_text_bounded())
            finally:
                text_page.close()
        finally:
            page.close()
    except pypdfium2.PdfiumError as error:
        raise CorruptDocumentError(name, f"page {index + 1}: {error}") from error
    lines = _CONTROL.sub("", raw.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
