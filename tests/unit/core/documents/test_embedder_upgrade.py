"""An index made when Sotto shipped its embedding model as GGUF (run by llama.cpp) is embedded
again by the model it ships now (int8 ONNX on onnxruntime), never searched with both."""

from __future__ import annotations

import secrets
from pathlib import Path

import numpy as np

from desktop.core.documents.embedder import EMBEDDER_NAME
from desktop.core.documents.index import open_index
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.schema import DOCUMENT_MIGRATIONS
from desktop.core.documents.search import Mode, search
from tests.embedder_reference import GGUF_EMBEDDER_NAME
from tests.unit.core.documents.conftest import BagOfWords


class Named(BagOfWords):
    """The stand-in embedder under another model's name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


def test_a_collection_embedded_by_the_gguf_model_is_embedded_again_by_the_onnx_one(
    tmp_path: Path,
) -> None:
    path, key = tmp_path / "documents.db", secrets.token_bytes(32)
    upgrade = next(
        i for i, m in enumerate(DOCUMENT_MIGRATIONS) if any(EMBEDDER_NAME in s for s in m)
    )
    folder = tmp_path / "matter"
    folder.mkdir()
    lease = folder / "lease.txt"
    lease.write_text("The tenant pays the rent monthly.", encoding="utf-8")
    old, new = Named(GGUF_EMBEDDER_NAME), Named(EMBEDDER_NAME)
    with open_index(path, key) as index:
        add_to_collection(index, "Matter", [folder], old)
        assert len(index_collection(index, "Matter", old).indexed) == 1
        index.db.execute(f"PRAGMA user_version = {upgrade}")  # as the older Sotto left it

    with open_index(path, key) as index:
        collection = index.collection("Matter")
        assert collection.embedder == EMBEDDER_NAME
        ids, _codes = index.vectors(collection.id)
        assert len(ids) == 0  # the old model's vectors are not searched with the new one's
        assert search(index, "Matter", "rent", embedder=new, mode=Mode.VECTORS) == []
        report = index_collection(index, "Matter", new)
        assert report.reembedded == 1 and not report.indexed
        ids, codes = index.vectors(collection.id)
        assert len(ids) == 1 and codes.dtype == np.int8
        [hit] = search(index, "Matter", "rent", embedder=new, mode=Mode.VECTORS)
        assert hit.file == lease
