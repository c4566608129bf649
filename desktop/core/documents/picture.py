"""The text of a picture of a document (PNG, JPEG, TIFF: a scan, a photo of a page), read by
text recognition (``ocr.py``) from the open file; each frame of a TIFF is a page.

Pillow reads only the header before the size is checked, so a decompression bomb (a few
kilobytes that say billions of pixels) is refused before it is decoded.
"""

from __future__ import annotations

import contextlib
import struct
import warnings
from collections.abc import Callable, Iterator
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentTooLargeError,
    ImageTooLargeError,
)
from desktop.core.documents.ocr import MAX_PIXELS, MAX_SIDE, Recogniser
from desktop.core.library.digest import CancelledError
from desktop.core.units import Bytes

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# Pillow warns between MAX_IMAGE_PIXELS and twice that, and refuses above: Sotto refuses
# from MAX_PIXELS on itself (ImageTooLargeError), so the warning would only repeat it.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)


def picture_pages(
    file: BinaryIO,
    name: str,
    cancelled: Callable[[], bool],
    max_characters: int,
    recogniser: Recogniser,
) -> list[str]:
    """The text of each frame of the picture in *file* (one, but for a TIFF of several
    pages), in order.

    Raises:
        CorruptDocumentError: it is not a picture Pillow can read, or it is damaged.
        ImageTooLargeError: a frame has more than ``MAX_PIXELS`` pixels.
        DocumentTooLargeError: its text is longer than *max_characters*.
        RecognitionUnavailableError: text recognition cannot start.
        CancelledError: *cancelled* said so, checked between pages.
    """
    texts: list[str] = []
    length = 0
    with _damage_named(name):
        picture = Image.open(file)
    with picture:
        count = getattr(picture, "n_frames", 1)
        for number in range(1, count + 1):
            if cancelled():
                raise CancelledError
            with _damage_named(name):
                page = _page(picture, number - 1, name)
            text = recogniser.text(page, name)
            recogniser.on_page(number, count)
            length += len(text)
            if length > max_characters:
                raise DocumentTooLargeError(name, Bytes(max_characters))
            texts.append(text)
    return texts


def _page(picture: Image.Image, index: int, name: str) -> Image.Image:
    """Frame *index* of *picture*, decoded in grey, upright, and no larger than the models
    read (a JPEG is decoded at a smaller scale)."""
    picture.seek(index)
    if picture.width * picture.height > MAX_PIXELS:
        raise ImageTooLargeError(name, MAX_PIXELS // 1_000_000)
    picture.draft("L", (MAX_SIDE, MAX_SIDE))
    upright = ImageOps.exif_transpose(picture).convert("L")  # a photo taken turned
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    return upright


@contextlib.contextmanager
def _damage_named(name: str) -> Iterator[None]:
    """Pillow's errors for a file that is not the picture its name says, is cut short or
    is a decompression bomb, as the document's; an error of the disk goes on as it is."""
    try:
        yield
    except Image.DecompressionBombError as error:  # twice MAX_PIXELS, found by Pillow
        raise ImageTooLargeError(name, MAX_PIXELS // 1_000_000) from error
    except (UnidentifiedImageError, SyntaxError, ValueError, EOFError, struct.error) as error:
        raise CorruptDocumentError(name, f"{type(error).__name__}: {error}") from error
    except OSError as error:
        if error.errno is not None:  # the disk or the file system, not the picture
            raise
        raise CorruptDocumentError(name, str(error)) from error
