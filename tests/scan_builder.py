"""Scans made in the test: lines of text drawn into a picture (in a font that has Chinese
too), saved as a PNG, a TIFF or a PDF of pictures only, as a scanner makes them. Small, so
that text recognition reads each in about a second."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pypdfium2  # type: ignore[import-untyped]
from PIL import Image, ImageDraw, ImageFont

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
"""Noto Sans CJK (fonts-noto-cjk, in scripts/setup.sh): Latin and Chinese alike."""


def text_picture(lines: Sequence[str], width: int = 760, size: int = 30) -> Image.Image:
    """*lines* drawn in black on white, *size* pixels high, as a scanned page shows them."""
    font = ImageFont.truetype(CJK_FONT, size)
    picture = Image.new("L", (width, 40 + len(lines) * size * 2), 255)
    drawing = ImageDraw.Draw(picture)
    for number, line in enumerate(lines):
        drawing.text((30, 20 + number * size * 2), line, font=font, fill=0)
    return picture


def picture_file(pictures: Sequence[Image.Image], kind: str) -> bytes:
    """*pictures* saved as one file of *kind* ("PNG", "JPEG", "TIFF", or "PDF": a page a
    picture, nothing but the pictures on them)."""
    out = io.BytesIO()
    first, *rest = pictures
    if rest:
        first.save(out, kind, save_all=True, append_images=rest)
    else:
        first.save(out, kind)
    return out.getvalue()


def joined_pdfs(*documents: bytes) -> bytes:
    """The pages of *documents*, one PDF after the other, as one PDF."""
    joined = pypdfium2.PdfDocument.new()
    for data in documents:
        joined.import_pages(pypdfium2.PdfDocument(data))
    out = io.BytesIO()
    joined.save(out)
    return out.getvalue()
