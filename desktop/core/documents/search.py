"""Hybrid search in a collection: word (FTS5 BM25, ``fulltext.py``) and vector (cosine,
``vectors.py``) rankings fused by weighted reciprocal rank fusion.

Each ranking gives a passage ``weight / (RRF_K + rank)`` (rank 1 first); a passage's score is
the sum over the rankings it is in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.documents.fulltext import word_ranking
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.index_errors import EmbedderChangedError
from desktop.core.documents.records import Collection
from desktop.core.documents.vectors import nearest

if TYPE_CHECKING:  # numpy is imported where vectors are used: it weighs on a start
    import numpy as np
    import numpy.typing as npt

RRF_K = 60
"""The constant of reciprocal rank fusion (Cormack et al.): it damps the head of each list."""
CANDIDATES = 50
"""How many passages each ranking offers to the fusion, at least."""


class Embeds(Protocol):
    """What search and indexing need of an embedding model (``embedder.Embedder``)."""

    @property
    def name(self) -> str: ...

    @property
    def dimensions(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


class Mode(StrEnum):
    HYBRID = "hybrid"
    FTS = "fts"
    VECTORS = "vectors"


@dataclass(frozen=True)
class Weights:
    """How much each ranking counts in the fusion: the same, since each reads what the other
    misses (word search exact words, stems and file names; vectors meaning, each passage with
    its document's title), and neither is better on every kind of question. They are not
    fitted to ``tests/bench/bench_retrieval.py``'s questions, which are too few to tell."""

    fts: float = 1.0
    vectors: float = 1.0


@dataclass(frozen=True)
class Hit:
    """A passage found: ``text`` is the document's text from ``start`` to ``end``.

    Attributes:
        file: the document's path; page: its page (1 first), or None for a file without pages.
        score: its fused score (higher is better).
        scanned: its page was read by text recognition (a scan: words may be misread).
    """

    file: Path
    page: int | None
    start: int
    end: int
    text: str
    score: float
    passage_id: int
    document_id: int
    scanned: bool = False


def search(
    index: DocumentIndex,
    collection_name: str,
    query: str,
    k: int = 8,
    *,
    embedder: Embeds | None = None,
    mode: Mode = Mode.HYBRID,
    weights: Weights = Weights(),
) -> list[Hit]:
    """The *k* passages of the collection that best answer *query*, best first.

    *embedder* is needed unless *mode* is ``Mode.FTS``; it must be the collection's.

    Raises:
        NoSuchCollectionError: there is no such collection.
        EmbedderChangedError: *embedder* is not the one the collection was indexed with.
    """
    collection = index.collection(collection_name, counted=False)
    limit = max(CANDIDATES, k * 5)
    rankings: list[tuple[list[int], float]] = []
    if mode != Mode.VECTORS:
        rankings.append((word_ranking(index.db, collection.id, query, limit), weights.fts))
    if mode != Mode.FTS:
        if embedder is None:
            raise ValueError("a vector search needs the collection's embedder")
        check_embedder(collection, embedder)
        vector = embedder.embed([query])[0]
        rankings.append((vector_ranking(index, collection.id, vector, limit), weights.vectors))
    fused = fuse(rankings)[:k]
    found = index.passages([passage for passage, _ in fused])
    return [
        Hit(
            file=p.path,
            page=p.page,
            start=p.start,
            end=p.end,
            text=p.text,
            score=score,
            passage_id=p.id,
            document_id=p.document_id,
            scanned=p.scanned,
        )
        for passage, score in fused
        if (p := found.get(passage)) is not None
    ]


def check_embedder(collection: Collection, embedder: Embeds) -> None:
    """Raise ``EmbedderChangedError`` unless *embedder* made the collection's vectors."""
    if embedder.name != collection.embedder or embedder.dimensions != collection.dimensions:
        raise EmbedderChangedError(collection.name, collection.embedder, embedder.name)


def fuse(
    rankings: Sequence[tuple[Sequence[int], float]], k: int = RRF_K
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion of *rankings* (each a list best first, and its weight):
    every item with its score, best first (ties: the earlier item in the first list)."""
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def vector_ranking(
    index: DocumentIndex, collection_id: int, vector: npt.NDArray[np.float32], limit: int
) -> list[int]:
    """Passage ids of the collection, the closest to *vector* (unit length) first."""
    ids, codes = index.vectors(collection_id, gaps=True)
    return nearest(index.db, ids, codes, vector, limit)


@dataclass(frozen=True)
class Excerpt:
    """A hit in its surroundings: ``before + text + after`` is a span of the document."""

    before: str
    text: str
    after: str


def passage_in_context(index: DocumentIndex, hit: Hit, chars: int = 600) -> Excerpt:
    """The hit's passage with up to *chars* characters of its document on each side, put
    together from the passages around it (on the same page, for a paged document)."""
    passages = [
        p
        for p in index.document_passages(hit.document_id)
        if p.page == hit.page and p.end > hit.start - chars and p.start < hit.end + chars
    ]
    begin = min([hit.start, *(p.start for p in passages)])
    end = max([hit.end, *(p.end for p in passages)])
    text = [" "] * (end - begin)  # a gap between passages (white space) reads as spaces
    for p in passages:
        text[p.start - begin : p.end - begin] = p.text
    whole = "".join(text)

    def at(offset: int) -> int:
        return min(max(offset - begin, 0), len(whole))

    return Excerpt(
        before=whole[at(hit.start - chars) : at(hit.start)],
        text=hit.text,
        after=whole[at(hit.end) : at(hit.end + chars)],
    )
