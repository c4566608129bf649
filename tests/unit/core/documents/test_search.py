"""Hybrid search finds passages by their exact words (any script) and by their meaning, and
fuses the two rankings by weighted reciprocal rank."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.index_errors import EmbedderChangedError
from desktop.core.documents.search import (
    RRF_K,
    Mode,
    Weights,
    fuse,
    passage_in_context,
    search,
)
from tests.unit.core.documents.conftest import BagOfWords
from tests.unit.core.documents.test_index import put

CONTRACT = [
    "Clause 7.2: the buyer pays the invoice within thirty days of delivery.",
    "Clause 7.3: late payment bears interest at the statutory rate.",
    "Clause 12: this agreement is signed by Ingrid Halvorsen for the seller.",
    "本合同的付款期限为收到发票后三十天。",
    "交货地点为上海仓库，运费由卖方承担。",
    "Schedule A lists the goods: 40 pallets of ceramic tiles.",
]


@pytest.fixture
def contract(index: DocumentIndex, bag: BagOfWords) -> str:
    put(index, "Contract", Path("/matter/contract.txt"), CONTRACT, bag)
    return "Contract"


def first_text(index: DocumentIndex, query: str, mode: Mode = Mode.FTS) -> str:
    hits = search(index, "Contract", query, k=3, embedder=BagOfWords(), mode=mode)
    assert hits, query
    return hits[0].text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("7.2", CONTRACT[0]),
        ("clause 7.3", CONTRACT[1]),
        ("Ingrid Halvorsen", CONTRACT[2]),
        ("halvorsen", CONTRACT[2]),
        ("付款", CONTRACT[3]),  # a word of two characters: one pair
        ("款", CONTRACT[3]),  # one character: the pairs that begin with it
        ("payments", CONTRACT[1]),  # stemmed: "payment"
        ("付款期限是多久", CONTRACT[3]),
        ("上海", CONTRACT[4]),
        ("运费", CONTRACT[4]),
        ("40 pallets", CONTRACT[5]),
    ],
)
def test_full_text_finds_clause_numbers_names_and_chinese_words(
    index: DocumentIndex, contract: str, query: str, expected: str
) -> None:
    assert first_text(index, query) == expected
    assert first_text(index, query, Mode.HYBRID) == expected


@pytest.mark.parametrize(
    "query", ['"', 'a"b', "NOT", "(7.2", "*", "AND OR NEAR(", "7.2*", "^x", "'; DROP TABLE", ""]
)
def test_what_the_user_types_is_never_read_as_fts_syntax(
    index: DocumentIndex, contract: str, query: str
) -> None:
    search(index, contract, query, embedder=BagOfWords())  # no error


def test_fusion_adds_each_rankings_weighted_reciprocal_rank() -> None:
    fts, vectors = [1, 2, 3], [3, 1, 4]
    fused = fuse([(fts, 1.0), (vectors, 1.0)])
    assert [item for item, _ in fused] == [1, 3, 2, 4]
    assert fused[0][1] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))
    # Weighting the vectors three times as much puts their first choice first.
    assert [item for item, _ in fuse([(fts, 1.0), (vectors, 3.0)])] == [3, 1, 4, 2]


def test_vector_search_ranks_by_similarity(index: DocumentIndex, contract: str) -> None:
    hits = search(
        index, contract, "ceramic tiles goods", k=2, embedder=BagOfWords(), mode=Mode.VECTORS
    )
    assert hits[0].text == CONTRACT[5]
    assert hits[0].score > hits[1].score


def test_hybrid_weights_decide_between_rankings(index: DocumentIndex, contract: str) -> None:
    hits = search(
        index, contract, "payment", embedder=BagOfWords(), weights=Weights(fts=1.0, vectors=0.0)
    )
    assert hits[0].text == CONTRACT[1]  # only that passage holds the word "payment"


def test_a_hit_is_a_verbatim_span_with_its_place(index: DocumentIndex, contract: str) -> None:
    [hit] = search(index, contract, "Halvorsen", k=1, embedder=BagOfWords(), mode=Mode.FTS)
    whole = "\n\n".join(CONTRACT)
    assert whole[hit.start : hit.end] == hit.text
    assert hit.file == Path("/matter/contract.txt") and hit.page is None

    excerpt = passage_in_context(index, hit, chars=20)
    assert excerpt.text == hit.text
    assert whole[hit.start - 20 : hit.start].strip() == excerpt.before.strip()
    assert whole[hit.end : hit.end + 20].strip() == excerpt.after.strip()


def test_another_embedder_is_refused_rather_than_mixing_vectors(
    index: DocumentIndex, contract: str
) -> None:
    class Other(BagOfWords):
        name = "another-model"

    with pytest.raises(EmbedderChangedError):
        search(index, contract, "payment", embedder=Other())
    assert search(index, contract, "payment", mode=Mode.FTS)  # words need no embedder


def test_vector_search_finds_a_paraphrase_with_the_shipped_embedder(
    tmp_path: Path, index: DocumentIndex
) -> None:
    from desktop.core.documents.embedder import Embedder
    from desktop.core.documents.indexer import index_collection
    from desktop.core.documents.library import add_to_collection

    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "terms.txt").write_text(CONTRACT[0] + "\n")
    (folder / "goods.txt").write_text(CONTRACT[5] + "\n")
    (folder / "weather.md").write_text("It rained all week in the mountains.\n")
    with Embedder() as embedder:
        add_to_collection(index, "Matter", [folder], embedder)
        index_collection(index, "Matter", embedder)
        question = "How long does the customer have to settle the bill?"  # no word in common
        hits = search(index, "Matter", question, k=1, embedder=embedder, mode=Mode.VECTORS)
        assert hits[0].file.name == "terms.txt"
        assert search(index, "Matter", question, k=1, embedder=embedder)[0].file.name == (
            "terms.txt"
        )
