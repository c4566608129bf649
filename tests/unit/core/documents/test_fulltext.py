"""Word search: Latin words stemmed, Chinese as pairs of characters, a query's common words
left out when they would rank most of the index, and an index made before the word index
(trigrams) searchable after its migration."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from desktop.core.documents import fulltext
from desktop.core.documents.fulltext import indexed_text, query_words, rare_words
from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.schema import DOCUMENT_MIGRATIONS
from desktop.core.documents.search import Mode, search
from desktop.core.vault.database import open_database
from tests.unit.core.documents.conftest import BagOfWords
from tests.unit.core.documents.test_index import put


def test_chinese_runs_are_indexed_as_pairs_and_other_words_as_they_are() -> None:
    assert indexed_text("付款期限 is 30 days; 款") == " 付款 款期 期限  is 30 days;  款 "
    assert query_words("付款期限 7.2 clause, 款?") == [
        "付款",
        "款期",
        "期限",
        "款*",
        "7.2",
        "clause",
    ]
    assert query_words("clause Clause CLAUSE") == ["clause"]


def test_the_rarest_words_are_kept_while_they_match_few_passages(
    index: DocumentIndex, bag: BagOfWords, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = [f"the tenant pays rent number {n}" for n in range(20)] + ["the zanzibar clause"]
    put(index, "Lease", Path("/lease.txt"), texts, bag)
    # "the" is in 21 passages, "tenant" in 20, "zanzibar" in 1, "absent" in none.
    monkeypatch.setattr(fulltext, "POSTINGS", 25)
    assert rare_words(index.db, ["the", "tenant", "zanzibar", "absent"]) == ["zanzibar", "tenant"]
    monkeypatch.setattr(fulltext, "POSTINGS", 5)
    assert rare_words(index.db, ["the", "zanzibar"]) == ["zanzibar"]
    assert len(rare_words(index.db, ["the", "tenant"])) == 1  # common words alone: one
    hits = search(index, "Lease", "the zanzibar", k=1, embedder=bag, mode=Mode.FTS)
    assert hits[0].text == "the zanzibar clause"


def test_a_collection_finds_only_its_own_passages(index: DocumentIndex, bag: BagOfWords) -> None:
    put(index, "One", Path("/one.txt"), ["a zanzibar clause"], bag)
    put(index, "Two", Path("/two.txt"), ["another zanzibar clause", "付款期限"], bag)
    [hit] = search(index, "One", "zanzibar", embedder=bag, mode=Mode.FTS)
    assert hit.text == "a zanzibar clause"
    assert search(index, "One", "付款", embedder=bag, mode=Mode.FTS) == []


def test_an_index_made_before_the_word_index_is_searchable_after_its_migration(
    tmp_path: Path, bag: BagOfWords
) -> None:
    path, key = tmp_path / "documents.db", secrets.token_bytes(32)
    before = next(
        i for i, m in enumerate(DOCUMENT_MIGRATIONS) if any("vector_blocks" in s for s in m)
    )
    texts = ["Late payments bear interest.", "本合同的付款期限为三十天。", "Goods: ceramic tiles."]
    old = open_database(path, key, migrations=DOCUMENT_MIGRATIONS[:before])
    old.execute(
        "INSERT INTO collections (id, name, embedder, dimensions) VALUES (1, 'Old', ?, ?)",
        (bag.name, bag.dimensions),
    )
    old.execute(
        "INSERT INTO documents (id, collection_id, path, status, embedder) "
        "VALUES (1, 1, '/old.txt', 'indexed', ?)",
        (bag.name,),
    )
    vectors = bag.embed(texts)
    old.executemany(  # as the older Sotto stored them; its triggers filled the trigram index
        "INSERT INTO passages (document_id, char_start, char_end, text, vector) "
        "VALUES (1, ?, ?, ?, ?)",
        [(i * 100, i * 100 + len(t), t, vectors[i].tobytes()) for i, t in enumerate(texts)],
    )
    old.close()

    with open_index(path, key) as index:
        assert index.db.execute("SELECT count(*) FROM upkeep").fetchone()[0] == 0
        for query, expected in [("payment", 0), ("付款", 1), ("tiles", 2)]:
            [hit] = search(index, "Old", query, k=1, embedder=bag, mode=Mode.FTS)
            assert hit.text == texts[expected]
        # Its vectors are kept in one block, set apart as made from passages alone until the
        # next update embeds them with their titles (test_embedded_texts.py).
        block = index.db.execute("SELECT passages, embedder, length(codes) FROM vector_blocks")
        assert block.fetchall() == [(3, f"{bag.name} (passages alone)", 3 * bag.dimensions)]


def test_a_question_that_names_the_file_finds_its_passages(
    index: DocumentIndex, bag: BagOfWords
) -> None:
    put(index, "Matter", Path("/matter/Loan agreement.txt"), ["The rent is due monthly."], bag)
    put(index, "Matter", Path("/matter/Lease-2024.txt"), ["The rent is due monthly."], bag)
    for query, name in [
        ("lease rent", "Lease-2024.txt"),
        ("rent under the loan", "Loan agreement.txt"),
    ]:
        hits = search(index, "Matter", query, k=2, embedder=bag, mode=Mode.FTS)
        assert hits[0].file.name == name
