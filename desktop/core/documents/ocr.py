"""Text recognition (OCR) for scanned pages and pictures of text: RapidOCR's PP-OCR models
for Chinese and English, run by onnxruntime, on images held in memory.

The models come inside the ``rapidocr`` wheel and are named by path, so nothing is ever
fetched (RapidOCR downloads a model it cannot find): recognition works offline. They take a
few seconds to load, so a ``Recogniser`` loads them at the first page it reads and keeps them
until it is dropped: one indexing run holds one. RapidOCR, onnxruntime, OpenCV and Pillow are
imported then too, never with the window.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.documents.errors import RecognitionUnavailableError

if TYPE_CHECKING:
    from PIL import Image

MAX_SIDE = 1600
"""The longest side, in pixels, of an image given to the models: a page of A4 1,600 pixels
high (about 140 dots per inch, an 8-point footnote 15 pixels high) reads as well as a larger
one, and the detection's time grows with the pixels."""

MAX_PIXELS = 60_000_000
"""The most pixels an image file may have (a page of A4 scanned at 600 dots per inch has
35 million): larger ones are refused before they are decoded (a decompression bomb: a few
kilobytes of PNG can say a billion pixels)."""

DETECTION_MODEL = "PP-OCRv6_det_small.onnx"
RECOGNITION_MODEL = "PP-OCRv6_rec_small.onnx"


def _nothing(done: int, total: int) -> None:
    pass


class Recogniser:
    """The text on images, for one indexing run (use it on one thread).

    Attributes:
        on_page: called with (pages recognised, pages in the document) after each page it
            reads, so that a long scan shows its progress.
    """

    def __init__(self, on_page: Callable[[int, int], None] = _nothing) -> None:
        self.on_page = on_page
        self._engine: Any = None

    def text(self, image: Image.Image, name: str) -> str:
        """The text on *image*, a line of the page a line of the text; "" if none is found.

        Raises:
            RecognitionUnavailableError: the models cannot be loaded (a damaged install).
        """
        import numpy as np

        engine = self.load(name)
        picture = image.convert("L")
        picture.thumbnail((MAX_SIDE, MAX_SIDE))
        found = engine(np.asarray(picture))
        if found.boxes is None or found.txts is None:
            return ""
        pieces = [
            (min(y for _, y in box), max(y for _, y in box), min(x for x, _ in box), text)
            for box, text in zip(found.boxes.tolist(), found.txts, strict=True)
        ]
        return page_text(pieces)

    def load(self, name: str) -> Any:
        """The models, loaded now if they are not yet (the document *name* needs them).

        Raises:
            RecognitionUnavailableError: they cannot be loaded.
        """
        if self._engine is None:
            self._engine = _engine(name)
        return self._engine


def _engine(name: str) -> Any:
    try:
        # onnxruntime's telemetry (Microsoft's 1DS) writes a session file in the temporary
        # folder when it is imported, and collects events: off, here as for the whole app
        # (privacy/protect.py), wherever the recogniser is used.
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        import onnxruntime

        onnxruntime.disable_telemetry_events()
        import rapidocr

        models = Path(rapidocr.__file__).parent / "models"
        for model in (DETECTION_MODEL, RECOGNITION_MODEL):
            if not (models / model).is_file():
                raise FileNotFoundError(f"{models / model} is missing")
        engine: Any = rapidocr.RapidOCR(
            params={
                "Global.log_level": "critical",  # it would log each step to stderr
                "Global.use_cls": False,  # turned lines (180°) are rare in scans, and slow
                # Pictures are given at most MAX_SIDE pixels long, and detected at their
                # size: by default a short side is enlarged to 736 pixels, so a strip of
                # a few lines is read as a picture many times its size.
                "Det.limit_type": "max",
                "Det.limit_side_len": MAX_SIDE,
                "Det.model_path": str(models / DETECTION_MODEL),
                "Rec.model_path": str(models / RECOGNITION_MODEL),
            }
        )
        # RapidOCR loads each model at its first use; loaded here, a failure is this one.
        engine._load_det_model()
        engine._load_rec_model()
        return engine
    except Exception as error:  # an import, a file, onnxruntime: all one to the user
        raise RecognitionUnavailableError(name, f"{type(error).__name__}: {error}") from error


def page_text(pieces: Sequence[tuple[float, float, float, str]]) -> str:
    """The text of a page from the pieces found on it, each (top, bottom, left, text): pieces
    beside each other (their middles within the height of the line) make one line, read
    from left to right, and lines are read from top to bottom.

    Pieces on one line are joined by a space, except between two Chinese or Japanese
    characters, which have none between them.
    """
    lines: list[list[tuple[float, float, float, str]]] = []
    for piece in sorted(pieces):
        top, bottom = piece[0], piece[1]
        middle = (top + bottom) / 2
        line = lines[-1] if lines else None
        if line is not None and line[0][0] <= middle <= line[0][1]:
            line.append(piece)
        else:
            lines.append([piece])
    texts = []
    for line in lines:
        words = [piece[3].strip() for piece in sorted(line, key=lambda piece: piece[2])]
        joined = ""
        for word in filter(None, words):
            close = not joined or (_wide(joined[-1]) and _wide(word[0]))
            joined += word if close else " " + word
        texts.append(joined)
    return "\n".join(text for text in texts if text)


def _wide(char: str) -> bool:
    """Whether *char* is written full width (Chinese, Japanese, Korean): no spaces between."""
    return unicodedata.east_asian_width(char) in ("W", "F")
