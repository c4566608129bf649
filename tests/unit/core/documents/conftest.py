"""Document index test setup: an index in a fresh vault, and a stand-in embedder for the tests
that are about storage and ranking rather than meaning."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt
import pytest

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.library import DocumentLibrary
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore


class BagOfWords:
    """Each word hashed to one of 384 dimensions: texts sharing words are close. Enough to
    test storage, ranking and fusion; meaning is the real embedder's test."""

    name = "bag-of-words"
    dimensions = 384

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.calls += 1
        vectors = np.zeros((len(texts), self.dimensions), np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.casefold()):
                slot = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
                vectors[row, slot % self.dimensions] += 1.0
            norm = np.linalg.norm(vectors[row])
            if norm:
                vectors[row] /= norm
        return vectors


@pytest.fixture
def bag() -> BagOfWords:
    return BagOfWords()


@pytest.fixture
def library(paths: AppPaths, store: ConversationStore) -> DocumentLibrary:
    """The document library of a fresh passphrase vault under ``paths``."""
    return DocumentLibrary.of(paths, store.db)


@pytest.fixture
def index(library: DocumentLibrary) -> Iterator[DocumentIndex]:
    opened = library.open()
    yield opened
    opened.close()
