"""The collections' vectors as search reads them: a block of int8 codes per document, kept in
memory and brought up to date block by block, searched exactly, the best rescored in float32.

Each passage's vector is stored twice: in float32 with its passage (``passages.vector``), and
in its document's block (``vector_blocks``: the passage ids and one row of int8 codes each,
the vector scaled so that its largest component is 127). A collection's blocks are read in
one go, a quarter of the bytes of float32, and decrypted once: then kept in memory by a
``VectorCache`` that every connection of the process shares (the window's search thread, the
indexing worker). A write raises the collection's generation and stamps the blocks it wrote;
the next search reads the stamps only, drops the blocks that went and reads the new ones.

A search ranks every code by cosine (usearch's exact search, on SIMD kernels), and the best
``RESCORE`` times as many as asked for are ranked again by their float32 vectors. Exact search
stays within the goals up to a million passages on two cores (about 130 ms of one core's time
for a million codes, split over both; ``tests/bench/bench_documents.py``), while an
approximate (HNSW) index took 144 s to build for 100,000 here and would hold the vectors
again: none is kept.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop.core.vault.database import Database

if TYPE_CHECKING:  # numpy is imported where vectors are used: it weighs on a start
    import numpy as np
    import numpy.typing as npt

    Ids = npt.NDArray[np.int64]
    Codes = npt.NDArray[np.int8]
    Vectors = npt.NDArray[np.float32]

RESCORE = 4
"""Candidates ranked again in float32, per passage asked for."""
_CHUNK = 500


def quantize(vectors: Vectors) -> Codes:
    """Each row of *vectors* as int8 codes: scaled so that its largest component is 127
    (cosine does not change with the scale of a vector)."""
    import numpy as np

    rows = np.asarray(vectors, dtype=np.float32)
    largest = np.abs(rows).max(axis=1, keepdims=True) if rows.size else rows[:, :1]
    scale = np.divide(127.0, largest, out=np.zeros_like(largest), where=largest > 0)
    return np.rint(rows * scale).astype(np.int8)


def write_block(
    db: Database,
    document_id: int,
    collection_id: int,
    embedder: str,
    stamp: int,
    ids: Ids,
    vectors: Vectors,
) -> None:
    """Store the document's block: its passages' *ids* and *vectors* (float32, one row each),
    made by *embedder*, stamped *stamp* (the collection's generation after this write)."""
    import numpy as np

    db.execute(
        "INSERT OR REPLACE INTO vector_blocks (document_id, collection_id, embedder, stamp, "
        "passages, ids, codes) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            document_id,
            collection_id,
            embedder,
            stamp,
            len(ids),
            np.ascontiguousarray(ids, dtype=np.int64).tobytes(),
            quantize(vectors).tobytes(),
        ),
    )


class _Loaded:
    """One collection's vectors in memory, as of *generation*: the codes of every block one
    after another in a matrix with room to grow, where a block that goes leaves a gap (its
    ids -1, its codes 0) until gaps are a quarter of it, and one that comes is added at the
    end. A search reads ``ids[:used]`` and ``codes[:used]``: an update writes past them, or
    into a gap, never moving what a search on another thread reads."""

    def __init__(self, embedder: str, dimensions: int) -> None:
        import numpy as np

        self.embedder = embedder
        self.generation = -1
        self.blocks: dict[int, tuple[int, int, int]] = {}  # document: stamp, first row, rows
        self.ids: Ids = np.empty(0, np.int64)
        self.codes: Codes = np.empty((0, dimensions), np.int8)
        self.used = 0
        self.gaps = 0

    def drop(self, document_id: int) -> None:
        _, first, rows = self.blocks.pop(document_id)
        self.ids[first : first + rows] = -1
        self.codes[first : first + rows] = 0
        self.gaps += rows

    def reserve(self, rows: int) -> None:
        """Make room for *rows* more rows (in new arrays, if it must grow), and an eighth
        more: the next documents indexed are added without copying the rest."""
        import numpy as np

        if self.used + rows > len(self.ids):
            room = max((self.used + rows) * 9 // 8, len(self.ids) * 3 // 2, 1024)
            grown_ids = np.full(room, -1, np.int64)
            grown_codes = np.zeros((room, self.codes.shape[1]), np.int8)
            grown_ids[: self.used] = self.ids[: self.used]
            grown_codes[: self.used] = self.codes[: self.used]
            self.ids, self.codes = grown_ids, grown_codes

    def add(self, document_id: int, stamp: int, ids: Ids, codes: Codes) -> None:
        self.reserve(len(ids))
        self.ids[self.used : self.used + len(ids)] = ids
        self.codes[self.used : self.used + len(ids)] = codes
        self.blocks[document_id] = (stamp, self.used, len(ids))
        self.used += len(ids)

    def compacted(self) -> _Loaded:
        """The same vectors without gaps, in new arrays (a search may read the old ones)."""
        if self.gaps * 4 <= self.used:
            return self
        fresh = _Loaded(self.embedder, self.codes.shape[1])
        fresh.generation = self.generation
        for document_id, (stamp, first, rows) in sorted(self.blocks.items()):
            end = first + rows
            fresh.add(document_id, stamp, self.ids[first:end], self.codes[first:end])
        return fresh


class VectorCache:
    """Each collection's vectors in memory, shared by the connections of a process (any
    thread): read whole once, then block by block as they change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[int, _Loaded] = {}

    def vectors(self, db: Database, collection_id: int) -> tuple[Ids, Codes]:
        """The passage ids of the collection whose vectors its embedder made, and their
        codes (one row each), as *db* has them now. An id of -1 is a gap: skip it."""
        import numpy as np

        row = db.execute(
            "SELECT generation, embedder, dimensions FROM collections WHERE id = ?",
            (collection_id,),
        ).fetchone()
        if row is None:
            self.forget(collection_id)
            return np.empty(0, np.int64), np.empty((0, 0), np.int8)
        generation, embedder, dimensions = row
        with self._lock:
            loaded = self._loaded.get(collection_id)
            if loaded is None or loaded.embedder != embedder:
                loaded = _Loaded(embedder, dimensions)
            if loaded.generation != generation:
                _bring_up_to_date(db, collection_id, loaded)
                loaded.generation = generation
                loaded = loaded.compacted()
            self._loaded[collection_id] = loaded
            return loaded.ids[: loaded.used], loaded.codes[: loaded.used]

    def forget(self, collection_id: int) -> None:
        with self._lock:
            self._loaded.pop(collection_id, None)


def _bring_up_to_date(db: Database, collection_id: int, loaded: _Loaded) -> None:
    """Drop the blocks of *loaded* that went or changed, and read those it lacks."""
    import numpy as np

    rows = db.execute(
        "SELECT document_id, stamp, passages FROM vector_blocks "
        "WHERE collection_id = ? AND embedder = ?",
        (collection_id, loaded.embedder),
    ).fetchall()
    stamps = {document_id: stamp for document_id, stamp, _ in rows}
    for document_id, (stamp, _, _) in list(loaded.blocks.items()):
        if stamps.get(document_id) != stamp:
            loaded.drop(document_id)
    missing = [d for d in stamps if d not in loaded.blocks]
    loaded.reserve(sum(count for d, _, count in rows if d not in loaded.blocks))
    dimensions = loaded.codes.shape[1]
    for begin in range(0, len(missing), _CHUNK):
        chunk = missing[begin : begin + _CHUNK]
        marks = ",".join("?" * len(chunk))
        blocks = db.execute(
            "SELECT document_id, stamp, ids, codes FROM vector_blocks "
            f"WHERE document_id IN ({marks})",
            chunk,
        )
        for document_id, stamp, ids, codes in blocks:
            loaded.add(
                document_id,
                stamp,
                np.frombuffer(ids, dtype=np.int64),
                np.frombuffer(codes, dtype=np.int8).reshape(-1, dimensions),
            )


def nearest(db: Database, ids: Ids, codes: Codes, vector: Vectors, limit: int) -> list[int]:
    """The ids among *ids* of the *limit* passages closest to *vector* (unit length), the
    closest first: ranked by their *codes*, the best ``RESCORE`` times *limit* again by their
    float32 vectors (read from *db*)."""
    import numpy as np
    from usearch.compiled import MetricKind
    from usearch.index import search

    if not len(ids):
        return []
    query = np.asarray(vector, dtype=np.float32)
    count = min(len(ids), limit * RESCORE)
    matches = search(codes, quantize(query[None, :])[0], count, MetricKind.Cos, exact=True)
    rows = np.asarray(matches.keys).reshape(-1)[:count]
    candidates = [int(ids[i]) for i in rows if ids[i] >= 0]  # -1: a gap
    stored = _float_vectors(db, candidates, len(query))
    scored = sorted(stored, key=lambda passage: -float(stored[passage] @ query))
    return scored[:limit]


def _float_vectors(db: Database, passage_ids: Sequence[int], dimensions: int) -> dict[int, Vectors]:
    import numpy as np

    found: dict[int, Vectors] = {}
    for begin in range(0, len(passage_ids), _CHUNK):
        chunk = list(passage_ids[begin : begin + _CHUNK])
        marks = ",".join("?" * len(chunk))
        for passage, blob in db.execute(
            f"SELECT id, vector FROM passages WHERE id IN ({marks})", chunk
        ):
            found[passage] = np.frombuffer(blob, dtype=np.float32)[:dimensions]
    return found
