"""A .docx that unpacks to far more than it weighs is refused before it is unpacked, by the
limit it is over, named in its sentence; its pictures are never unpacked at all."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest

from desktop.core.documents.errors import UnpacksTooLargeError
from desktop.core.documents.extract import extract
from desktop.core.documents.word import MAX_RATIO, MAX_XML_BYTES
from desktop.core.units import Bytes
from tests.unit.core.documents.indexing_child import index_in_child
from tests.zip_bombs import MIB, media_bomb, xml_bomb


def test_a_gibibyte_picture_in_a_megabyte_docx_is_refused_in_little_memory(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    bomb = media_bomb(folder / "bomb.docx")
    assert bomb.stat().st_size < 2 * MIB
    with zipfile.ZipFile(bomb) as package:  # a real gibibyte, referred to by the document
        assert package.getinfo("word/media/image1.png").file_size == 1024 * MIB
        assert b"media/image1.png" in package.read("word/_rels/document.xml.rels")
    (folder / "lease.txt").write_text("The rent is paid on the first day.\n")

    result = index_in_child(tmp_path / "data", [folder])

    assert result["indexed"] == ["lease.txt"]
    code, sentence = result["failed"]["bomb.docx"]
    assert code == "packed-too-tightly"
    assert f"more than {MAX_RATIO} times its packed size" in sentence
    assert result["peak_mib"] < 300  # python-docx alone would hold the whole gibibyte


def test_an_xml_bomb_names_the_limit_on_unpacked_xml(tmp_path: Path) -> None:
    with pytest.raises(UnpacksTooLargeError) as raised:
        extract(xml_bomb(tmp_path / "bomb.docx"))
    assert str(raised.value).startswith(
        f"bomb.docx unpacks to more than {Bytes(MAX_XML_BYTES)} of text and layout"
    )
    assert "50" not in str(raised.value)  # not the limit on a document's text


def test_pictures_are_not_unpacked_and_their_text_is_read(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The quokka clause survives the photographs.")
    saved = io.BytesIO()
    document.save(saved)
    path = tmp_path / "photos.docx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as copy:
        for part in source.infolist():
            copy.writestr(part, source.read(part))
        # A photograph: packs hardly at all, and is never unpacked to read the text.
        copy.writestr("word/media/photo.jpeg", os.urandom(3 * MIB), zipfile.ZIP_DEFLATED)

    assert extract(path).text == "The quokka clause survives the photographs."
