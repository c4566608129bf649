"""The passages a model is given: a collection that fits its share of the context is given
whole as its own passages (verbatim, each overlap once, without loading the embedding
model), so each can be cited alone; a larger one is
searched; the share follows the model's context."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.index_errors import NoSuchCollectionError
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.retrieval import (
    REMOTE_CONTEXT,
    choose_passages,
    whole_budget,
    whole_collection,
)
from tests.unit.core.documents.conftest import BagOfWords

CLAUSES = [
    "The buyer pays every invoice within thirty days of delivery.",
    "The seller delivers the goods to the warehouse in Rotterdam.",
    "Disputes are settled by the courts of Amsterdam.",
]


@pytest.fixture
def matter(tmp_path: Path, index: DocumentIndex, bag: BagOfWords) -> Path:
    """Two files long enough to be cut into overlapping passages."""
    folder = tmp_path / "matter"
    folder.mkdir()
    for number, clause in enumerate(CLAUSES[:2]):
        lines = [f"Paragraph {line} of note {number}. {clause}" for line in range(40)]
        (folder / f"note{number}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    add_to_collection(index, "Matter", [folder], bag)
    report = index_collection(index, "Matter", bag)
    assert len(report.indexed) == 2
    return folder


def size_of(folder: Path) -> int:
    return sum(len(file.read_text(encoding="utf-8")) for file in folder.iterdir())


def test_a_collection_that_fits_is_given_whole_verbatim_each_overlap_once(
    index: DocumentIndex, matter: Path
) -> None:
    hits = whole_collection(index, "Matter", size_of(matter))
    assert hits is not None
    files = sorted(matter.iterdir())
    assert sorted({hit.file for hit in hits}) == files
    assert [hit.file for hit in hits] == sorted(hit.file for hit in hits)  # document order
    for file in files:
        text = file.read_text(encoding="utf-8")
        pieces = [hit for hit in hits if hit.file == file]
        assert len(pieces) > 1  # a passage each, to be cited alone
        for before, after in pairwise(pieces):
            assert before.end <= after.start  # no text given twice
        for hit in pieces:
            assert hit.text == text[hit.start : hit.end]
        assert " ".join(hit.text for hit in pieces).split() == text.split()  # none left out


def test_a_collection_over_the_budget_is_not_given_whole(
    index: DocumentIndex, matter: Path
) -> None:
    assert whole_collection(index, "Matter", size_of(matter) - 100) is None


def test_the_share_given_whole_follows_the_models_context() -> None:
    assert whole_budget(4096) == 2 * whole_budget(2048)
    assert whole_budget(None) == whole_budget(REMOTE_CONTEXT)  # a server's model


def test_a_collection_given_whole_does_not_load_the_embedding_model(
    index: DocumentIndex, matter: Path
) -> None:
    def no_model() -> BagOfWords:
        raise AssertionError("the whole collection needs no search")

    context = 1_000_000
    hits = choose_passages(index, "Matter", "Where are the goods delivered?", 2, context, no_model)
    assert hits == whole_collection(index, "Matter", whole_budget(context))


def test_a_collection_too_large_for_the_context_is_searched(
    index: DocumentIndex, matter: Path, bag: BagOfWords
) -> None:
    hits = choose_passages(index, "Matter", "warehouse in Rotterdam", 2, 512, lambda: bag)
    assert len(hits) == 2
    assert all("Rotterdam" in hit.text for hit in hits)


def test_a_missing_collection_is_named_before_any_model_loads(index: DocumentIndex) -> None:
    def no_model() -> BagOfWords:
        raise AssertionError("no model for a collection that does not exist")

    with pytest.raises(NoSuchCollectionError):
        choose_passages(index, "No such matter", "anything", 2, 512, no_model)
