"""The embedding model reads each passage after its document's title, while the stored
passage stays the exact span of the document; vectors made from passages alone (before this)
are never searched beside the new ones, and are made again at the next update."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path, PurePath

import numpy as np
import numpy.typing as npt

from desktop.core.documents.index import open_index
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.passages import TITLE_CHARS, embedded_texts
from desktop.core.documents.schema import DOCUMENT_MIGRATIONS
from desktop.core.documents.search import Mode, search
from tests.unit.core.documents.conftest import BagOfWords


class Reading(BagOfWords):
    """The stand-in embedder, keeping every text it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.texts += texts
        return super().embed(texts)


def test_each_passage_is_read_after_the_file_name_and_the_first_line() -> None:
    passages = ["\n  Lease Agreement\nThe tenant pays rent.", "Either party may end it."]
    assert embedded_texts(PurePath("/m/lease-2024.docx"), passages) == [
        "lease-2024. Lease Agreement. \n  Lease Agreement\nThe tenant pays rent.",
        "lease-2024. Lease Agreement. Either party may end it.",
    ]


def test_a_first_line_too_long_for_a_title_is_left_out() -> None:
    prose = "word " * (TITLE_CHARS // 5 + 1)
    assert embedded_texts(PurePath("notes.txt"), [prose, "more"]) == [
        f"notes. {prose}",
        "notes. more",
    ]
    assert embedded_texts(PurePath("notes.txt"), []) == []


def test_the_index_keeps_the_passage_and_embeds_it_with_its_title(tmp_path: Path) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "lease.txt").write_text("Rental terms\nThe tenant pays rent monthly.", "utf-8")
    reading = Reading()
    with open_index(tmp_path / "documents.db", secrets.token_bytes(32)) as index:
        add_to_collection(index, "Matter", [folder], reading)
        index_collection(index, "Matter", reading)
        [hit] = search(index, "Matter", "rent", embedder=reading, mode=Mode.FTS)
    assert hit.text == "Rental terms\nThe tenant pays rent monthly."
    assert reading.texts == [f"lease. Rental terms. {hit.text}"]


def test_vectors_of_passages_alone_are_made_again_with_titles(tmp_path: Path) -> None:
    path, key = tmp_path / "documents.db", secrets.token_bytes(32)
    titled = next(
        i for i, m in enumerate(DOCUMENT_MIGRATIONS) if any("passages alone" in s for s in m)
    )
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "lease.txt").write_text("The tenant pays the rent monthly.", encoding="utf-8")
    reading = Reading()
    with open_index(path, key) as index:
        add_to_collection(index, "Matter", [folder], reading)
        index_collection(index, "Matter", reading)
        index.db.execute(f"PRAGMA user_version = {titled}")  # as the older Sotto left it

    with open_index(path, key) as index:
        collection = index.collection("Matter")
        assert collection.embedder == reading.name  # the same model: no question asked
        assert len(index.vectors(collection.id)[0]) == 0  # the old vectors are not searched
        reading.texts.clear()
        report = index_collection(index, "Matter", reading)
        assert report.reembedded == 1 and not report.indexed
        text = "The tenant pays the rent monthly."  # its first line too
        assert reading.texts == [f"lease. {text}. {text}"]
        [hit] = search(index, "Matter", "rent", embedder=reading, mode=Mode.VECTORS)
        assert hit.file.name == "lease.txt"
