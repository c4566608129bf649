"""Reading a document's text: each format, page numbers, and every way a file can be bad,
all as a ``DocumentError`` naming the file, and nothing written anywhere on the way."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
import zipfile
from pathlib import Path

import docx
import pypdfium2  # type: ignore[import-untyped]
import pytest

from desktop.core.documents.errors import (
    CorruptDocumentError,
    DocumentAccessError,
    DocumentTooLargeError,
    EmptyDocumentError,
    EncryptedPdfError,
    NotAFileError,
    UnsupportedDocumentError,
)
from desktop.core.documents.extract import MAX_TEXT, PAGE_SEPARATOR, extract
from desktop.core.library.digest import CancelledError
from tests.pdf_builder import picture_pdf, text_pdf
from tests.scan_builder import picture_file, text_picture

THREE_PAGES = [
    ["Chapter one", "The tenant pays the rent (monthly)."],
    ["Chapter two", "Repairs are the landlord's."],
    ["Chapter three", "Notice is three months."],
]


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_pdf_gives_each_page_its_number_and_text(tmp_path: Path) -> None:
    extracted = extract(written(tmp_path / "lease.pdf", text_pdf(THREE_PAGES)))

    assert [page.number for page in extracted.pages] == [1, 2, 3]
    assert [page.text for page in extracted.pages] == ["\n".join(lines) for lines in THREE_PAGES]
    for page in extracted.pages:
        assert extracted.text[page.start : page.start + len(page.text)] == page.text
    assert extracted.text == PAGE_SEPARATOR.join(page.text for page in extracted.pages)


def test_a_pdf_locked_with_a_password_is_refused_as_encrypted(tmp_path: Path) -> None:
    data = text_pdf(THREE_PAGES, password="secret")
    # The file is a real locked PDF: with its password, PDFium reads it.
    with pypdfium2.PdfDocument(data, password="secret") as unlocked:
        assert "tenant" in unlocked[0].get_textpage().get_text_bounded()

    with pytest.raises(EncryptedPdfError, match=re.escape("locked.pdf")):
        extract(written(tmp_path / "locked.pdf", data))


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_a_cut_off_pdf_is_damaged(tmp_path: Path, keep: float) -> None:
    data = text_pdf(THREE_PAGES)
    with pytest.raises(CorruptDocumentError, match=re.escape("cut.pdf")) as raised:
        extract(written(tmp_path / "cut.pdf", data[: int(len(data) * keep)]))
    assert raised.value.details


def test_binary_data_named_pdf_is_damaged(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocumentError, match=re.escape("photo.pdf")):
        extract(written(tmp_path / "photo.pdf", bytes(range(256)) * 64))


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.txt", "empty.html"])
def test_a_file_of_no_bytes_is_empty(tmp_path: Path, name: str) -> None:
    with pytest.raises(EmptyDocumentError, match=re.escape(name)):
        extract(written(tmp_path / name, b""))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b" \n\t\r\n  "),
        ("blank.md", "\ufeff\n\n".encode()),
        ("blank.html", b"<html><head><style>p {}</style></head><body> <p> </p></body></html>"),
    ],
)
def test_a_file_of_only_white_space_is_empty(tmp_path: Path, name: str, data: bytes) -> None:
    with pytest.raises(EmptyDocumentError, match=re.escape(name)):
        extract(written(tmp_path / name, data))


def test_a_word_document_with_nothing_written_is_empty(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    document.save(str(tmp_path / "blank.docx"))
    with pytest.raises(EmptyDocumentError, match=re.escape("blank.docx")):
        extract(tmp_path / "blank.docx")


def test_a_huge_text_file_is_refused_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: no disk used
    with pytest.raises(DocumentTooLargeError, match=re.escape("huge.txt")) as raised:
        extract(huge)
    assert raised.value.params["limit"] == MAX_TEXT


def test_a_text_file_just_over_the_limit_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as file:
        file.truncate(MAX_TEXT + 1)
    with pytest.raises(DocumentTooLargeError):
        extract(path)


def test_a_word_document_gives_headings_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Terms of the lease", level=1)
    document.add_paragraph("The rent is due on the first day.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Room", "Rent"), ("Attic", "€400")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Signed by both.")
    document.save(str(tmp_path / "lease.docx"))

    extracted = extract(tmp_path / "lease.docx")

    assert [page.number for page in extracted.pages] == [None]
    assert extracted.text == (
        "Terms of the lease\nThe rent is due on the first day.\nRoom | Rent\nAttic | €400\n"
        "Signed by both."
    )


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 not really a zip", b"plain words", text_pdf(THREE_PAGES)]
)
def test_a_damaged_word_document_is_damaged(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(CorruptDocumentError, match=re.escape("report.docx")):
        extract(written(tmp_path / "report.docx", data))


def test_a_zip_that_is_not_a_word_document_is_damaged(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "other.docx", "w") as package:
        package.writestr("hello.txt", "not Word")
    with pytest.raises(CorruptDocumentError, match=re.escape("other.docx")):
        extract(tmp_path / "other.docx")


def test_markdown_is_read_as_written(tmp_path: Path) -> None:
    text = "# Notes\r\n\r\nSome *emphasis* and a [link](https://example.org).\r\n"
    extracted = extract(written(tmp_path / "notes.markdown", text.encode()))
    assert extracted.text == "# Notes\n\nSome *emphasis* and a [link](https://example.org)."
    assert extracted.pages[0].number is None


def test_html_gives_the_visible_text_without_scripts_or_styles(tmp_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Lease</title>"
        "<style>body { color: red }</style><script>var secret = 'x < y';</script></head>"
        "<body><h1>Terms &amp; conditions</h1><p>Rent:   &euro;400\n per month.</p>"
        "<ul><li>One</li><li>Two<br>lines</li></ul>"
        "<table><tr><td>Room</td><td>Attic</td></tr></table></body></html>"
    )
    extracted = extract(written(tmp_path / "lease.htm", page.encode()))
    assert extracted.text == (
        "Lease\nTerms & conditions\nRent: €400 per month.\nOne\nTwo\nlines\nRoom Attic"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded_by_it(tmp_path: Path, encoding: str) -> None:
    text = "Grüße aus Zürich — 你好"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert extract(written(tmp_path / "greeting.txt", data)).text == text


def test_chinese_text_in_gb18030_is_decoded(tmp_path: Path) -> None:
    text = "租金每月一号支付。房东负责维修！\n第二段：通知期为三个月。"
    assert extract(written(tmp_path / "合同.txt", text.encode("gb18030"))).text == text


def test_western_text_in_windows_1252_is_decoded(tmp_path: Path) -> None:
    text = "Café – naïve “quotes” cost €5."
    assert extract(written(tmp_path / "menu.txt", text.encode("cp1252"))).text == text


def test_binary_data_named_txt_is_not_text(tmp_path: Path) -> None:
    with pytest.raises(CorruptDocumentError, match=re.escape("data.txt")) as raised:
        extract(written(tmp_path / "data.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" * 10))
    assert "binary" in raised.value.details


@pytest.mark.parametrize("name", ["photo.heic", "book.epub", "archive.doc", "README"])
def test_an_unsupported_suffix_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsupportedDocumentError, match=re.escape(name)):
        extract(written(tmp_path / name, b"hello"))


def test_a_vanished_file_says_it_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(DocumentAccessError, match=re.escape("gone.pdf")) as raised:
        extract(tmp_path / "gone.pdf")
    assert "it is not there" in str(raised.value)
    assert raised.value.details


def test_a_folder_named_like_a_document_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(DocumentAccessError, match=re.escape("folder.md")) as raised:
        extract(tmp_path / "folder.md")
    assert "it is a folder" in str(raised.value)


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(NotAFileError, match=re.escape("pipe.txt is a named pipe")):
        extract(tmp_path / "pipe.txt")


def test_stopping_ends_a_pdf_between_pages(tmp_path: Path) -> None:
    path = written(tmp_path / "long.pdf", text_pdf([["a page of text"]] * 20))
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 3

    with pytest.raises(CancelledError):
        extract(path, cancelled)
    assert len(asked) == 4


def test_pdfs_are_read_from_several_threads_safely(tmp_path: Path) -> None:
    paths = [written(tmp_path / f"{n}.pdf", text_pdf(THREE_PAGES * 5)) for n in range(4)]
    results: list[str] = []
    threads = [threading.Thread(target=lambda p=p: results.append(extract(p).text)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 4


def test_extracting_writes_no_file_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    written(documents / "a.pdf", text_pdf(THREE_PAGES))
    written(documents / "b.txt", "hello".encode("utf-16"))
    written(documents / "c.html", b"<p>hello</p>")
    written(documents / "d.pdf", text_pdf(THREE_PAGES, password="x"))
    written(documents / "e.pdf", picture_pdf(2))  # read by text recognition: no text
    written(documents / "g.png", picture_file([text_picture(["Scanned words"])], "PNG"))
    word = docx.Document()
    word.add_paragraph("hello")
    word.save(str(documents / "f.docx"))
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for variable in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(variable, str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the folder chosen before
    # The working folder too, where a relative path would land; only its top, as others'
    # tests may write deeper in a shared checkout.
    before = _listing(tmp_path), set(Path.cwd().iterdir())

    for path in sorted(documents.iterdir()):
        with contextlib.suppress(EncryptedPdfError, EmptyDocumentError):
            extract(path)

    assert list(temporary.iterdir()) == []
    assert (_listing(tmp_path), set(Path.cwd().iterdir())) == before


def _listing(folder: Path) -> set[tuple[Path, int]]:
    """Every file under *folder*, with its size."""
    return {(path, path.stat().st_size) for path in folder.rglob("*") if path.is_file()}
