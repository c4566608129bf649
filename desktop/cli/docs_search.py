"""``sotto docs search``: the passages that best match a query, printed in about a second.

A command pays for all it starts, every time it runs, so this one starts little: the
embedding model loads on a thread of its own while the index opens and the words are
ranked; the index is opened without reading every page first (nothing is written, and each
page read is checked as it is read); and the query, a few tokens, is embedded on one thread:
a model's threads meet at every step of it, and on a busy processor a second thread made
one short query take seconds (``tests/bench/bench_docs_cli.py``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.output import shown
from desktop.core.chat.written_out import one_line
from desktop.core.documents.library import DocumentLibrary
from desktop.core.documents.prompt import source_label
from desktop.core.documents.search import Hit, Mode, search

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from desktop.core.documents.embedder import Embedder

QUERY_THREADS = 1
"""Threads that embed a query: one suffices for a few tokens, and never waits for another."""


def search_collection(args: argparse.Namespace, library: DocumentLibrary, model: Path) -> int:
    """Print the passages of the collection in *args* that best match its query, found with
    the embedding model at *model* (none for a search by words alone)."""
    mode = Mode(args.mode)
    embedder = None if mode == Mode.FTS else LoadingEmbedder(model)
    try:
        with library.open(reads_only=True) as index:
            hits = search(index, args.collection, args.query, args.k, embedder=embedder, mode=mode)
    finally:
        if embedder is not None:
            embedder.close()
    if args.json:
        print(json.dumps([_hit_json(hit) for hit in hits], ensure_ascii=False, indent=1))
    else:
        for hit in hits:
            print(f"{hit.score:.4f}\t{shown(source_label(hit))}\t{shown(one_line(hit.text))}")
    return 0


class LoadingEmbedder:
    """The embedding model at a path, loading on a thread of its own from the moment this is
    made: whatever asks for it (its name, a vector) waits for it, and the work before that
    goes on meanwhile. The load's failure (a missing or damaged model) is raised there."""

    def __init__(self, path: Path) -> None:
        self._loading = ThreadPoolExecutor(1, thread_name_prefix="embedder-load")
        self._model: Future[Embedder] = self._loading.submit(_load, path)

    @property
    def name(self) -> str:
        return self._model.result().name

    @property
    def dimensions(self) -> int:
        return self._model.result().dimensions

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return self._model.result().embed(texts)

    def close(self) -> None:
        """Free the model, once it has loaded."""
        self._loading.shutdown()
        if self._model.exception() is None:
            self._model.result().close()


def _load(path: Path) -> Embedder:
    # Here: the model's runtime weighs on a start, and a search by words needs none.
    from desktop.core.documents.embedder import Embedder

    return Embedder(path, n_threads=QUERY_THREADS)


def _hit_json(hit: Hit) -> dict[str, object]:
    return {
        "file": str(hit.file),
        "page": hit.page,
        "scanned": hit.scanned,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "score": hit.score,
    }
