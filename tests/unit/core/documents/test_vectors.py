"""Vectors are kept as int8 codes in a block per document, read into memory once per
process and brought up to date block by block; the best are ranked again in float32."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.library import DocumentLibrary
from desktop.core.documents.search import Mode, search
from desktop.core.documents.vectors import VectorCache, nearest, quantize
from tests.unit.core.documents.conftest import BagOfWords
from tests.unit.core.documents.test_index import put


def test_codes_keep_each_vectors_direction() -> None:
    vectors = np.random.default_rng(1).standard_normal((50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    codes = quantize(vectors)
    assert codes.dtype == np.int8 and np.abs(codes).max(axis=1).tolist() == [127] * 50
    back = codes.astype(np.float32)
    back /= np.linalg.norm(back, axis=1, keepdims=True)
    assert np.min(np.sum(back * vectors, axis=1)) > 0.999
    assert not quantize(np.zeros((1, 4), np.float32)).any()


def test_the_cache_reads_only_the_blocks_that_changed(
    library: DocumentLibrary, index: DocumentIndex, bag: BagOfWords
) -> None:
    put(index, "Matter", Path("/one.txt"), ["first passage"], bag)
    put(index, "Matter", Path("/two.txt"), ["second passage"], bag)
    collection = index.collection("Matter").id
    cache = VectorCache()
    before = cache.vectors(index.db, collection)
    reads: list[str] = []
    index.db._connection.set_trace_callback(reads.append)
    with library.open() as writer:  # the indexing worker: another connection
        two = next(d for d in writer.documents(collection) if d.path.name == "two.txt")
        writer.remove_documents([two.id])
        put(writer, "Matter", Path("/three.txt"), ["third passage", "fourth"], bag)
    ids, codes = cache.vectors(index.db, collection)
    index.db._connection.set_trace_callback(None)
    live = sorted(int(i) for i in ids if i >= 0)  # two.txt's passage left a gap (-1)
    assert -1 in ids and sorted(index.vectors(collection)[0]) == live
    assert len(before[0]) == 2 and len(live) == 3 and codes.shape[1] == bag.dimensions
    assert live == sorted(
        p.id for d in index.documents(collection) for p in index.document_passages(d.id)
    )
    blocks_read = [r for r in reads if "SELECT document_id, stamp, ids, codes" in r]
    assert len(blocks_read) == 1 and blocks_read[0].count(",") == 3  # three.txt's alone
    assert np.shares_memory(cache.vectors(index.db, collection)[1], before[1])  # in place


def test_gaps_are_closed_once_they_are_a_quarter_of_the_vectors(
    index: DocumentIndex, bag: BagOfWords
) -> None:
    for name in ("one", "two", "three"):
        put(index, "Matter", Path(f"/{name}.txt"), [f"{name} passage"], bag)
    collection = index.collection("Matter").id
    index.vectors(collection)
    gone = [d.id for d in index.documents(collection) if d.path.name != "one.txt"]
    index.remove_documents(gone)
    ids, codes = index.vectors(collection)
    assert list(ids) == [p.id for p in index.document_passages(index.documents(collection)[0].id)]
    assert len(codes) == 1
    [hit] = search(index, "Matter", "passage", k=3, embedder=bag, mode=Mode.VECTORS)
    assert hit.text == "one passage"


def test_the_library_shares_one_cache_between_its_connections(
    library: DocumentLibrary, bag: BagOfWords
) -> None:
    with library.open() as first:
        put(first, "Matter", Path("/one.txt"), ["first passage"], bag)
        ids, _ = first.vectors(first.collection("Matter").id)
    with library.open() as second:
        assert np.shares_memory(second.vectors(second.collection("Matter").id)[0], ids)


def test_the_best_codes_are_ranked_again_by_their_float_vectors(
    index: DocumentIndex, bag: BagOfWords
) -> None:
    texts = [f"passage {n} about rent" for n in range(30)] + ["ceramic tiles goods pallets"]
    put(index, "Matter", Path("/one.txt"), texts, bag)
    collection = index.collection("Matter").id
    ids, codes = index.vectors(collection)
    query = bag.embed(["ceramic tiles goods"])[0]
    found = nearest(index.db, ids, codes, query, 3)
    stored = {
        row[0]: np.frombuffer(row[1], dtype=np.float32)
        for row in index.db.execute("SELECT id, vector FROM passages")
    }
    exact = sorted(stored, key=lambda passage: -float(stored[passage] @ query))
    assert found == exact[:3]
    assert sorted(nearest(index.db, ids, codes, query, len(ids))) == sorted(stored)
    [hit] = search(index, "Matter", "ceramic tiles goods", k=1, embedder=bag, mode=Mode.VECTORS)
    assert hit.text == texts[-1]
