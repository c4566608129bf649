"""Hybrid search in a collection: full-text (FTS5 BM25) and vector (cosine) rankings fused by
weighted reciprocal rank fusion.

Each ranking gives a passage ``weight / (RRF_K + rank)`` (rank 1 first); a passage's score is
the sum over the rankings it is in. The full-text side searches each word of three characters
or more (case folded, any script; a clause number such as ``7.2`` is a word), and each run of
three characters of a Chinese or Japanese phrase; shorter Chinese words (付款) and short
numbers are found with ``LIKE`` and ranked by how many of them a passage holds, as a ranking
of their own with the full-text weight. Nothing the user types is read as FTS5 syntax.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.index_errors import EmbedderChangedError
from desktop.core.documents.records import Collection

if TYPE_CHECKING:  # numpy is imported where vectors are used: it weighs on a start
    import numpy as np
    import numpy.typing as npt

RRF_K = 60
"""The constant of reciprocal rank fusion (Cormack et al.): it damps the head of each list."""
CANDIDATES = 50
"""How many passages each ranking offers to the fusion, at least."""

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(rf"(?:(?![{_CJK}])[^\W_])+(?:[.,:/\-](?:(?![{_CJK}])[^\W_])+)*")
_TRIGRAM = 3
COMMON_WORDS = frozenset(
    """
    about after also and any are been before being but can could did does each for from
    had has have her his how its into may might more most must not now off only other our
    out over per shall she should some such than that the their them then there these they
    this those under upon was were what when where which while who whom whose why will with
    would you your
    """.split()  # noqa: SIM905 (a list of 75 quoted words reads worse)
)
"""English words found in almost every passage: matched, they rank nearly the whole
collection (slowly, and for nothing), so a query's full-text side leaves them out."""


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
    """How much each ranking counts in the fusion."""

    fts: float = 0.5
    vectors: float = 1.0


@dataclass(frozen=True)
class Hit:
    """A passage found: ``text`` is the document's text from ``start`` to ``end``.

    Attributes:
        file: the document's path; page: its page (1 first), or None for a file without pages.
        score: its fused score (higher is better).
    """

    file: Path
    page: int | None
    start: int
    end: int
    text: str
    score: float
    passage_id: int
    document_id: int


@dataclass(frozen=True)
class Terms:
    """A query as the full-text side reads it.

    Attributes:
        match: an FTS5 query (quoted phrases joined by OR), or "" when there is none.
        short: terms too short for the trigram index, searched with LIKE.
    """

    match: str
    short: tuple[str, ...]


def query_terms(query: str) -> Terms:
    """Read *query* as words and phrases, never as FTS5 syntax."""
    phrases: list[str] = []
    short: list[str] = []
    spaced = _CJK_RUN.sub(lambda m: f" {m.group(0)} ", query)
    for token in spaced.split():
        if _CJK_RUN.fullmatch(token):
            if len(token) >= _TRIGRAM:
                phrases += [token[i : i + _TRIGRAM] for i in range(len(token) - _TRIGRAM + 1)]
            else:
                short.append(token)
            continue
        for word in _WORD.findall(token):
            if len(word) >= _TRIGRAM:
                phrases.append(word)
            elif any(c.isdigit() for c in word):
                short.append(word)
    unique = list(dict.fromkeys(p.casefold() for p in phrases))
    telling = [phrase for phrase in unique if phrase not in COMMON_WORDS]
    unique = telling or unique  # a query of common words alone is searched as it is
    match = " OR ".join('"' + p.replace('"', '""') + '"' for p in unique)
    return Terms(match, tuple(dict.fromkeys(short)))


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
    collection = index.collection(collection_name)
    limit = max(CANDIDATES, k * 5)
    rankings: list[tuple[list[int], float]] = []
    if mode != Mode.VECTORS:
        terms = query_terms(query)
        rankings.append((fts_ranking(index, collection.id, terms.match, limit), weights.fts))
        rankings.append((like_ranking(index, collection.id, terms.short, limit), weights.fts))
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


def fts_ranking(index: DocumentIndex, collection_id: int, match: str, limit: int) -> list[int]:
    """Passage ids of the collection matching the FTS5 query *match*, best BM25 first.

    CROSS JOIN keeps the full-text index the outer loop: left to choose, SQLite's planner
    may scan the collection's passages and run the whole match once for each.
    """
    if not match:
        return []
    rows = index.db.execute(
        """
        SELECT p.id FROM passages_fts
        CROSS JOIN passages p ON p.id = passages_fts.rowid
        CROSS JOIN documents d ON d.id = p.document_id
        WHERE passages_fts MATCH ? AND d.collection_id = ?
        ORDER BY bm25(passages_fts), p.id LIMIT ?
        """,
        (match, collection_id, limit),
    )
    return [row[0] for row in rows]


def like_ranking(
    index: DocumentIndex, collection_id: int, terms: Sequence[str], limit: int
) -> list[int]:
    """Passage ids of the collection holding any of *terms*, those holding most first."""
    if not terms:
        return []
    held = " + ".join("(p.text LIKE ? ESCAPE '\\')" for _ in terms)
    patterns = ["%" + re.sub(r"([\\%_])", r"\\\1", term) + "%" for term in terms]
    rows = index.db.execute(
        f"""
        SELECT p.id, {held} AS held FROM passages p JOIN documents d ON d.id = p.document_id
        WHERE d.collection_id = ? AND held > 0 ORDER BY held DESC, p.id LIMIT ?
        """,
        (*patterns, collection_id, limit),
    )
    return [row[0] for row in rows]


def vector_ranking(
    index: DocumentIndex, collection_id: int, vector: npt.NDArray[np.float32], limit: int
) -> list[int]:
    """Passage ids of the collection, the closest to *vector* (unit length) first."""
    import numpy as np  # here, not at the top: it weighs on the start of the window

    ids, matrix = index.vectors(collection_id)
    if not len(ids):
        return []
    similarity = matrix @ np.asarray(vector, dtype=np.float32)
    top = np.arange(len(ids))
    if len(ids) > limit:
        top = np.argpartition(-similarity, limit)[:limit]
    best = top[np.argsort(-similarity[top], kind="stable")]
    return [int(ids[i]) for i in best]


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
