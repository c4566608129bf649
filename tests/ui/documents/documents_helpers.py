"""Documents for the document windows' tests: a real index in the test's vault, the real
embedding model (loaded once per test module), and folders of generated files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.library import DocumentLibrary
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore

TOPICS = [
    "The buyer pays every invoice within thirty days of delivery.",
    "Late payment bears interest at the statutory rate.",
    "The seller delivers the goods to the warehouse in Rotterdam.",
    "Either party may end this agreement with three months' notice.",
    "Disputes are settled by the courts of Amsterdam.",
    "The goods are forty pallets of ceramic tiles.",
]


class SharedModel:
    """The real embedding model, handed to the code as its factory; closing it is left to
    the fixture, so that every window and worker of a test module shares one."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.dimensions = embedder.dimensions

    def embed(self, texts):  # type: ignore[no-untyped-def]
        return self.embedder.embed(texts)

    def close(self) -> None:
        pass


@pytest.fixture(scope="module")
def real_embedder() -> Iterator[Embedder]:
    with Embedder() as embedder:
        yield embedder


@pytest.fixture
def library(paths: AppPaths, store: ConversationStore) -> DocumentLibrary:
    return DocumentLibrary.of(paths, store.db)


def write_matter(folder: Path, count: int = 4) -> Path:
    """A folder of *count* text and Markdown files, each a few paragraphs long."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        suffix = ".md" if number % 2 else ".txt"
        paragraphs = [
            f"Document {number}, paragraph {line}. {TOPICS[(number + line) % len(TOPICS)]}"
            for line in range(6)
        ]
        (folder / f"note{number}{suffix}").write_text("\n\n".join(paragraphs), encoding="utf-8")
    return folder


def write_topics(folder: Path, count: int) -> Path:
    """*count* notes, each about one of ``TOPICS`` (in turn), three short paragraphs long:
    a search finds a question's topic in its own notes."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        topic = TOPICS[number % len(TOPICS)]
        paragraphs = [f"Note {number}, paragraph {line}. {topic}" for line in range(3)]
        (folder / f"note{number:02}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    return folder


def files_read(count: int) -> str:
    """ "3 files read", as an indexing's last sentence says it in the language shown."""
    return QCoreApplication.translate("IndexingService", "%n file(s) read", "", count)
