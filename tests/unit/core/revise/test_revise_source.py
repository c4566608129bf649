"""Reading a Word document to revise: the body's paragraphs under their headings, and a
sentence for each file that cannot be revised."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pytest

from desktop.core.documents.errors import DocumentError
from desktop.core.errors import UserError
from desktop.core.revise.asking import chosen
from desktop.core.revise.errors import (
    NothingToReviseError,
    NotWordDocumentError,
    ProtectedWordDocumentError,
)
from desktop.core.revise.source import COMPOUND_FILE, read_source
from tests.contract_builder import contract

OLE2 = COMPOUND_FILE  # what Word writes for a .doc, and for a .docx it encrypts


def _png() -> bytes:
    """A one-pixel PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_the_body_paragraphs_are_offered_under_their_headings_and_tables_are_not(
    tmp_path: Path,
) -> None:
    source = read_source(contract(tmp_path / "contract.docx", clauses=4))

    texts = [passage.text for passage in source.passages]
    assert texts[0] == "Master Services Agreement"
    assert source.headings()[1:] == [
        "1. Definitions",
        "2. Services",
        "3. Fees and Payment",
        "4. Liability",
    ]
    assert not any("£12,000" in text for text in texts)  # the table's cells
    assert not any("CONFIDENTIAL" in text for text in texts)  # the header
    clause = next(p for p in source.passages if p.text.startswith("2.1 "))
    assert clause.headings == ("Master Services Agreement", "2. Services")
    under = chosen(source.passages, ["4. Liability"])
    assert under[0].text == "4. Liability"
    assert len(under) == 5  # the heading, three clauses and a closing paragraph


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("damaged.docx", b"PK\x03\x04" + bytes(100)),
        ("empty.docx", b""),
    ],
)
def test_a_file_that_is_not_a_readable_docx_gets_a_sentence_naming_it(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(DocumentError) as raised:
        read_source(path)

    assert name in str(raised.value)


def test_a_docx_protected_by_a_password_is_told_to_be_saved_without_it(tmp_path: Path) -> None:
    path = tmp_path / "protected.docx"
    path.write_bytes(OLE2 + bytes(4096))

    with pytest.raises(ProtectedWordDocumentError) as raised:
        read_source(path)

    assert "protected.docx is protected by a password" in str(raised.value)


def test_a_document_of_tables_only_has_no_paragraph_to_revise(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Fee: £12,000"
    path = tmp_path / "table.docx"
    document.save(path)

    with pytest.raises(NothingToReviseError) as raised:
        read_source(path)

    assert "table.docx has no paragraphs Sotto can revise" in str(raised.value)


def test_a_doc_file_is_told_to_be_saved_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(OLE2 + bytes(4096))

    with pytest.raises(NotWordDocumentError) as raised:
        read_source(path)

    assert "old.doc" in str(raised.value)
    assert ".docx" in str(raised.value)


def test_a_document_of_pictures_only_has_no_text_to_revise(tmp_path: Path) -> None:
    picture = tmp_path / "dot.png"
    picture.write_bytes(_png())
    document = docx.Document()
    document.add_picture(str(picture))
    document.add_picture(str(picture))
    path = tmp_path / "pictures.docx"
    document.save(path)

    with pytest.raises(UserError) as raised:
        read_source(path)

    assert "pictures.docx has no text" in str(raised.value)
