"""Scanned pages and pictures are read by text recognition, in English and in Chinese, page by
page, only where a page has no text layer; bad pictures are refused with a sentence."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from desktop.core.documents import ocr
from desktop.core.documents.errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    ImageTooLargeError,
    RecognitionUnavailableError,
)
from desktop.core.documents.extract import extract
from desktop.core.documents.ocr import Recogniser, page_text
from desktop.core.library.digest import CancelledError
from tests.pdf_builder import picture_pdf, text_pdf
from tests.scan_builder import joined_pdfs, picture_file, text_picture

ENGLISH = ["The tenant pays a deposit", "of 2,500 pounds."]
CHINESE = ["租赁保证金应于三月三日前支付。"]


@pytest.fixture(scope="module")
def recogniser() -> Iterator[Recogniser]:
    """One recogniser for the module, as one indexing run holds one (its models load once)."""
    yield Recogniser()


@pytest.fixture
def pages(recogniser: Recogniser) -> Iterator[list[tuple[int, int]]]:
    """The (page, pages) the recogniser reports, for one test."""
    told: list[tuple[int, int]] = []
    recogniser.on_page = lambda done, total: told.append((done, total))
    yield told
    recogniser.on_page = lambda done, total: None


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_scanned_pdf_is_read_page_by_page_and_a_text_page_is_not_recognised(
    tmp_path: Path, recogniser: Recogniser, pages: list[tuple[int, int]]
) -> None:
    scans = picture_file([text_picture(ENGLISH), text_picture(CHINESE)], "PDF")
    typed = ["Schedule", "The landlord keeps the keys."]
    mixed = written(tmp_path / "signed.pdf", joined_pdfs(scans, text_pdf([typed])))

    extracted = extract(mixed, recogniser=recogniser)

    assert [(page.number, page.scanned) for page in extracted.pages] == [
        (1, True),
        (2, True),
        (3, False),
    ]
    assert "tenant pays a deposit" in extracted.pages[0].text
    assert "2,500 pounds" in extracted.pages[0].text
    assert extracted.pages[1].text == CHINESE[0]
    assert extracted.pages[2].text == "\n".join(typed)  # its text layer, exactly
    assert pages == [(1, 3), (2, 3)]  # the page with text was never drawn nor recognised


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_picture_is_read_as_one_scanned_page(
    tmp_path: Path, recogniser: Recogniser, kind: str
) -> None:
    picture = written(
        tmp_path / f"note.{kind.lower()}", picture_file([text_picture(CHINESE)], kind)
    )

    extracted = extract(picture, recogniser=recogniser)

    assert [(page.number, page.scanned) for page in extracted.pages] == [(None, True)]
    assert extracted.text == CHINESE[0]


def test_each_frame_of_a_tiff_is_a_page(tmp_path: Path, recogniser: Recogniser) -> None:
    frames = [text_picture(["First page"]), text_picture(["Second page"])]
    tiff = written(tmp_path / "fax.tiff", picture_file(frames, "TIFF"))

    extracted = extract(tiff, recogniser=recogniser)

    assert [(page.number, page.text) for page in extracted.pages] == [
        (1, "First page"),
        (2, "Second page"),
    ]


def test_a_scan_is_cancelled_between_pages(
    tmp_path: Path, recogniser: Recogniser, pages: list[tuple[int, int]]
) -> None:
    scans = [text_picture([f"Page {n}"]) for n in range(1, 4)]
    scan = written(tmp_path / "long.pdf", picture_file(scans, "PDF"))

    with pytest.raises(CancelledError):
        extract(scan, lambda: len(pages) >= 1, recogniser)

    assert pages == [(1, 3)]


def test_a_scan_of_no_text_is_empty(tmp_path: Path, recogniser: Recogniser) -> None:
    grey = picture_file([Image.new("L", (400, 120), 200)], "PDF")
    with pytest.raises(EmptyDocumentError, match=re.escape("grey.pdf")):
        extract(written(tmp_path / "grey.pdf", grey), recogniser=recogniser)


@pytest.mark.parametrize("cut", [0.3, 0.8])
def test_a_damaged_picture_is_refused_as_damaged(
    tmp_path: Path, recogniser: Recogniser, cut: float
) -> None:
    data = picture_file([text_picture(ENGLISH)], "PNG")
    damaged = written(tmp_path / "torn.png", data[: int(len(data) * cut)])

    with pytest.raises(CorruptDocumentError, match=re.escape("torn.png")) as raised:
        extract(damaged, recogniser=recogniser)
    assert "damaged" in str(raised.value)


def test_a_file_that_is_no_picture_is_refused_as_damaged(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocumentError, match=re.escape("photo.jpg")):
        extract(written(tmp_path / "photo.jpg", b"this is not a picture " * 50))


# Within twice the limit (where Pillow only warns, and Sotto ignores the warning), and far past.
@pytest.mark.parametrize("side", [8_000, 100_000])
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(
    tmp_path: Path, side: int
) -> None:
    bomb = written(tmp_path / "bomb.png", _png_header(side, side))  # a few bytes

    with pytest.raises(ImageTooLargeError, match=re.escape("bomb.png")) as raised:
        extract(bomb, recogniser=Recogniser())
    assert f"{ocr.MAX_PIXELS // 1_000_000} million pixels" in str(raised.value)


def test_a_scanned_page_of_too_many_pixels_is_refused_before_it_is_drawn(tmp_path: Path) -> None:
    bomb = written(tmp_path / "bomb.pdf", picture_pdf(1, side=100_000))  # 10 billion pixels

    with pytest.raises(ImageTooLargeError, match=re.escape("bomb.pdf")):
        extract(bomb, recogniser=Recogniser())


def test_missing_models_are_said_in_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "DETECTION_MODEL", "gone.onnx")
    scan = written(tmp_path / "scan.png", picture_file([text_picture(ENGLISH)], "PNG"))

    with pytest.raises(RecognitionUnavailableError, match=re.escape("scan.png")) as raised:
        extract(scan, recogniser=Recogniser())
    assert "Install Sotto again" in str(raised.value)
    assert "gone.onnx" in raised.value.details


def test_pieces_beside_each_other_make_a_line_read_left_to_right() -> None:
    pieces = [
        (52.0, 80.0, 300.0, "30 days."),
        (10.0, 40.0, 200.0, "pays"),
        (12.0, 38.0, 10.0, "The tenant"),
        (50.0, 78.0, 10.0, "within"),
        (90.0, 120.0, 10.0, "租赁"),
        (92.0, 118.0, 90.0, "保证金"),
    ]
    assert page_text(pieces) == "The tenant pays\nwithin 30 days.\n租赁保证金"


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is *width* by *height* pixels, with a few bytes of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
