"""The documents' performance goals (issue 16), measured in one run:

1. indexing throughput on text PDFs with the bundled embedder: pages/s for extraction,
   passages/s for embedding, and the time to index 1,000 pages through ``index_collection``
   (indexed for real when a first, smaller run says it takes under ``--budget`` seconds here;
   else extrapolated from that run, and the output says so);
2. the longest pause of the GUI event loop while the real Documents window indexes a folder
   (goal: under 50 ms), and its 99th percentile, beside the same window left idle;
3. search latency (hybrid, full-text, vectors; median and 95th percentile, the query embedded
   by the real model) at 10,000 and 100,000 passages (``--passages 100000 1000000`` for a
   million), the time until the vectors are ready to search (read whole, and after an update),
   and memory per passage (RSS growth once the vectors are loaded; bytes on disk).

The text is sentences of the licenses in /usr/share/common-licenses (and, for the synthetic
passages, tests/bench/corpus/MulanPSL-2.0.txt), shuffled with a fixed seed. Retrieval quality
is ``bench_retrieval.py``.

    python tests/bench/bench_documents.py [--pages N] [--passages N N] [--queries N] [--tiny]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import psutil

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.extract import extract
from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.indexer import BATCH, index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.passages import Passage, split_passages
from desktop.core.documents.search import Mode, search
from desktop.core.documents.vectors import VectorCache
from desktop.core.vault.database import database_files
from tests.bench.tiny import parse_arguments
from tests.pdf_builder import text_pdf

REPO = Path(__file__).resolve().parents[2]
LICENSES = Path("/usr/share/common-licenses")
CORPUS = REPO / "tests" / "bench" / "corpus"
QUESTIONS = CORPUS / "questions.json"
SEED = 16
PAGES_PER_PDF = 20
LINES_PER_PAGE = 46
"""Lines of 12-point Helvetica, 14 points apart, on a US letter page: a full page of text."""
LINE_CHARS = 90
STALL_GOAL_MS = 50

TINY = {
    "pages": 5,
    "embed_passages": 4,
    "index_pages": 5,
    "budget": 0,
    "window_pages": 2,
    "passages": [200, 400],
    "queries": 3,
}
"""Sizes for ``--tiny``."""


# Text


def license_files(english_only: bool = False) -> list[Path]:
    """The license texts: regular files (not links) of /usr/share/common-licenses, and the
    Mulan licence (Chinese and English) unless *english_only*."""
    files = sorted(p for p in LICENSES.iterdir() if p.is_file() and not p.is_symlink())
    if not english_only:
        files.append(CORPUS / "MulanPSL-2.0.txt")
    return files


_SENTENCE_END = re.compile(r"(?<=[.;:!?。；！？])\s+|(?<=[。；！？])")


def sentences(english_only: bool = False) -> list[str]:
    """Every sentence of the license texts, white space made single spaces."""
    found = []
    for path in license_files(english_only):
        text = " ".join(path.read_text(encoding="utf-8").split())
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip()
            if len(sentence) >= 20 and (not english_only or _cp1252(sentence)):
                found.append(sentence)
    return found


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def shuffled_sentences(rng: random.Random, pool: Sequence[str]) -> Iterator[str]:
    """Sentences of *pool* in a random order, over and over."""
    while True:
        order = list(pool)
        rng.shuffle(order)
        yield from order


def legal_pages(count: int, rng: random.Random) -> list[list[str]]:
    """*count* full pages of numbered clauses, as lines of text."""
    stream = shuffled_sentences(rng, sentences(english_only=True))
    pages: list[list[str]] = []
    lines: list[str] = []
    clause = 1
    while len(pages) < count:
        paragraph = " ".join(next(stream) for _ in range(rng.randint(2, 5)))
        lines += textwrap.wrap(f"{clause // 10 + 1}.{clause % 10 + 1} {paragraph}", LINE_CHARS)
        lines.append("")
        clause += 1
        while len(lines) >= LINES_PER_PAGE:
            pages.append(lines[:LINES_PER_PAGE])
            lines = lines[LINES_PER_PAGE:]
    return pages[:count]


def write_pdfs(folder: Path, pages: int, rng: random.Random) -> list[Path]:
    """PDFs of ``PAGES_PER_PDF`` pages each (the last may be shorter), *pages* in all."""
    folder.mkdir(parents=True, exist_ok=True)
    text = legal_pages(pages, rng)
    written = []
    for number, first in enumerate(range(0, pages, PAGES_PER_PDF)):
        path = folder / f"contract-{number:04d}.pdf"
        path.write_bytes(text_pdf(text[first : first + PAGES_PER_PDF]))
        written.append(path)
    return written


def new_index(folder: Path) -> DocumentIndex:
    """A new document index in *folder*, with a key of its own."""
    return open_index(documents_path_in(folder), secrets.token_bytes(32))


def documents_path_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "documents.db"


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


# 1. Indexing throughput


def throughput(
    embedder: Embedder, pages: int, embed_passages: int, index_pages: int, budget: float
) -> None:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pdfs = write_pdfs(folder / "extract", pages, rng)
        started = time.perf_counter()
        extracted = [extract(pdf) for pdf in pdfs]
        seconds = time.perf_counter() - started
        read = sum(len(e.pages) for e in extracted)
        chars = sum(len(e.text) for e in extracted)
        print(
            f"extraction: {read} pages ({chars / read:,.0f} characters a page) in "
            f"{seconds:.2f} s: {read / seconds:.1f} pages/s"
        )
        passages = [p.text for e in extracted for p in split_passages(e)]
        print(f"  {len(passages) / read:.2f} passages a page")
        texts = (passages * (embed_passages // len(passages) + 1))[:embed_passages]
        embedder.embed(texts[:BATCH])  # llama.cpp plans its computation: not timed
        started = time.perf_counter()
        for begin in range(0, len(texts), BATCH):
            embedder.embed(texts[begin : begin + BATCH])
        seconds = time.perf_counter() - started
        rate = len(texts) / seconds
        print(f"embedding: {len(texts)} passages in {seconds:.1f} s: {rate:.2f} passages/s")

        measured = index_pages_once(embedder, folder / "small", index_pages, rng)
        per_page = measured / index_pages
        print(
            f"  index_collection: {index_pages} pages in {measured:.1f} s "
            f"({index_pages / measured:.2f} pages/s)"
        )
        if index_pages < 1000 and per_page * 1000 <= budget:
            thousand = index_pages_once(embedder, folder / "thousand", 1000, rng)
            how = "measured"
        else:
            thousand = per_page * 1000
            how = f"extrapolated from {index_pages} pages"
            if index_pages >= 1000:
                how = "measured"
        print(f"1,000 pages indexed in {thousand:.0f} s ({thousand / 60:.1f} min; {how})")


def index_pages_once(embedder: Embedder, folder: Path, pages: int, rng: random.Random) -> float:
    """Seconds ``index_collection`` takes to index *pages* pages of new PDFs."""
    write_pdfs(folder / "pdfs", pages, rng)
    with new_index(folder / "data") as index:
        add_to_collection(index, "Bench", [folder / "pdfs"], embedder)
        started = time.perf_counter()
        report = index_collection(index, "Bench", embedder)
        seconds = time.perf_counter() - started
        assert not report.failed and not report.cancelled, report
    return seconds


# 2. The window's longest stall


def window_stall(pages: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.core.documents.library import DocumentLibrary
    from desktop.core.paths import AppPaths
    from desktop.core.vault.opener import VaultOpener
    from desktop.ui.documents.documents_window import DocumentsWindow
    from desktop.ui.documents.indexing_service import IndexingService
    from desktop.ui.tasks import TaskRunner

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pdfs = write_pdfs(folder / "Matter", pages, random.Random(SEED))
        paths = AppPaths.resolve(folder / "data").ensure()
        db = VaultOpener(paths, keyring_finder=lambda: None).open("bench passphrase")
        runner = TaskRunner()
        service = IndexingService(DocumentLibrary.of(paths, db), runner)
        window = DocumentsWindow(service)
        window.show()
        loop = QEventLoop()
        window.collections_changed.connect(loop.quit)
        window.new_collection("Matter")  # loads the model on a worker, then makes it
        loop.exec()

        ticks: list[float] = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

        def gaps_ms() -> list[float]:
            return [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]

        timer.start()
        idle = QEventLoop()
        QTimer.singleShot(2000, idle.quit)
        idle.exec()
        idle_gaps = gaps_ms()
        ticks.clear()

        done = QEventLoop()
        started = time.perf_counter()
        task = window.add_folder(folder / "Matter")
        assert task is not None
        task.ended.connect(done.quit)
        done.exec()
        seconds = time.perf_counter() - started
        QTimer.singleShot(100, done.quit)  # what the end of the job sets off
        done.exec()
        timer.stop()
        busy = gaps_ms()
        runner.shutdown()
        service.shutdown()
        window.close()
        db.close()
    print(
        f"  indexed {len(pdfs)} PDFs ({pages} pages) through the window in {seconds:.1f} s; "
        f"{len(busy)} timer gaps"
    )
    print(
        f"longest GUI event-loop pause while indexing: {max(busy):.1f} ms, p99 "
        f"{percentile(busy, 0.99):.1f} ms (goal: under {STALL_GOAL_MS} ms)"
    )
    print(
        f"  the same window idle: longest {max(idle_gaps):.1f} ms, p99 "
        f"{percentile(idle_gaps, 0.99):.1f} ms; indexing/idle longest ratio "
        f"{max(busy) / max(idle_gaps):.2f}"
    )


# 3. Query latency and memory


class Synthetic:
    """A collection filled through ``store_document``, as the indexer fills it, a document of
    ``PER_DOCUMENT`` passages at a time: passages of about 900 characters drawn from a pool of
    shuffled license sentences (English and Chinese), and random unit vectors. A pool, not a
    new text per passage: a million passages are stored in minutes, not hours."""

    PER_DOCUMENT = 100
    POOL = 20_000
    BATCH = 50

    def __init__(self, index: DocumentIndex, name: str, dimensions: int, model: str) -> None:
        self.index = index
        self.collection = index.create_collection(name, model, dimensions)
        self.dimensions = dimensions
        self.model = model
        self.rng = random.Random(SEED)
        self.numbers = np.random.default_rng(SEED)
        self.stream = shuffled_sentences(self.rng, sentences())
        self.pool: list[str] = []
        self.passages = 0
        self.documents = 0

    def grow_to(self, passages: int) -> float:
        """Add documents until the collection holds *passages* passages; seconds taken.
        ``BATCH`` documents are committed together (each a savepoint)."""
        started = time.perf_counter()
        while self.passages < passages:
            with self.index.db.transaction():
                for _ in range(self.BATCH):
                    if self.passages < passages:
                        self.add_document(min(self.PER_DOCUMENT, passages - self.passages))
        return time.perf_counter() - started

    def add_document(self, count: int, index: DocumentIndex | None = None) -> None:
        """Store a new document of *count* passages (through *index*, another connection)."""
        writer = self.index if index is None else index
        path = f"/bench/doc-{self.documents:07d}.txt"
        [(document_id,)] = writer.db.execute(
            "INSERT INTO documents (collection_id, path, status) VALUES (?, ?, 'pending') "
            "RETURNING id",
            (self.collection.id, path),
        ).fetchall()
        new = self._passages(count)
        vectors = self.numbers.standard_normal((count, self.dimensions), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        writer.store_document(
            document_id,
            size=sum(len(p.text) for p in new),
            mtime_ns=0,
            sha256="",
            pages=0,
            embedder=self.model,
            passages=new,
            vectors=vectors,
        )
        self.passages += count
        self.documents += 1

    def _passages(self, count: int) -> list[Passage]:
        while len(self.pool) < min(self.POOL, self.passages + count):
            text = ""
            while len(text) < 900:
                text = f"{text} {next(self.stream)}".strip()
            self.pool.append(text[:1000])
        made = []
        start = 0
        for _ in range(count):
            text = self.pool[self.rng.randrange(len(self.pool))]
            made.append(Passage(None, start, start + len(text), text))
            start += len(text) + 2
        return made


def latency(embedder: Embedder, sizes: Sequence[int], queries: int) -> None:
    import json

    texts = [q["q"] for q in json.loads(QUESTIONS.read_text(encoding="utf-8"))]
    rng = random.Random(SEED)
    rng.shuffle(texts)
    asked = list(itertools.islice(itertools.cycle(texts), queries))
    medians: dict[Mode, list[float]] = {mode: [] for mode in Mode}
    with tempfile.TemporaryDirectory() as temp:
        path = documents_path_in(Path(temp))
        key = secrets.token_bytes(32)
        with open_index(path, key) as index:
            synthetic = Synthetic(index, "Bench", embedder.dimensions, embedder.name)
            for size in sizes:
                seconds = synthetic.grow_to(size)
                index.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                on_disk = sum(f.stat().st_size for f in database_files(path) if f.exists())
                print(
                    f"{size:,} passages (stored in {seconds:.0f} s: "
                    f"{size / seconds:,.0f} passages/s; {on_disk / size:,.0f} bytes a passage "
                    "on disk)",
                    flush=True,
                )
                # A connection and a cache of their own, as the window's search thread.
                with open_index(path, key, check_pages=False, cache=VectorCache()) as reader:
                    vectors_ready(reader, synthetic, path, key)
                    embed_times = []
                    for text in asked:
                        started = time.perf_counter()
                        embedder.embed([text])
                        embed_times.append(time.perf_counter() - started)
                    print(
                        f"  embedding a query alone: median "
                        f"{statistics.median(embed_times) * 1000:.0f} ms"
                    )
                    for mode in (Mode.HYBRID, Mode.FTS, Mode.VECTORS):
                        search(reader, "Bench", asked[0], k=8, embedder=embedder, mode=mode)
                        times = []
                        for text in asked:
                            started = time.perf_counter()
                            search(reader, "Bench", text, k=8, embedder=embedder, mode=mode)
                            times.append(time.perf_counter() - started)
                        median = statistics.median(times) * 1000
                        medians[mode].append(median)
                        print(
                            f"  {mode.value} search at {size:,}: median {median:.0f} ms, "
                            f"p95 {percentile(times, 0.95) * 1000:.0f} ms "
                            f"({len(times)} queries)",
                            flush=True,
                        )
    for mode in (Mode.HYBRID, Mode.FTS, Mode.VECTORS):
        first, last = medians[mode][0], medians[mode][-1]
        print(
            f"{mode.value} median latency {sizes[-1]:,}/{sizes[0]:,} passages ratio "
            f"{last / first:.2f}"
        )


def vectors_ready(reader: DocumentIndex, synthetic: Synthetic, path: Path, key: bytes) -> None:
    """Print how long *reader* takes to have the collection's vectors in memory: read whole
    (after unlocking), and again after another connection stored one more document."""
    process = psutil.Process()
    collection = synthetic.collection.id
    gc.collect()
    before = process.memory_info().rss
    started = time.perf_counter()
    ids, codes = reader.vectors(collection)
    loaded = time.perf_counter() - started
    gc.collect()
    grown = process.memory_info().rss - before
    print(
        f"  vectors ready in {loaded * 1000:.0f} ms (read whole); RSS growth "
        f"{grown / len(ids):,.0f} bytes a passage (the codes and ids: "
        f"{(codes.nbytes + ids.nbytes) / len(ids):,.0f})"
    )
    with open_index(path, key, check_pages=False) as writer:  # as the indexing worker
        synthetic.add_document(Synthetic.PER_DOCUMENT, writer)
    started = time.perf_counter()
    ids, _ = reader.vectors(collection)
    print(
        f"  vectors ready in {(time.perf_counter() - started) * 1000:.0f} ms after an update "
        f"added a document of {Synthetic.PER_DOCUMENT} passages ({len(ids):,} now)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=200, help="pages to extract")
    parser.add_argument("--embed-passages", type=int, default=96, help="passages to embed")
    parser.add_argument(
        "--index-pages", type=int, default=60, help="pages to index, to time 1,000 pages"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=300,
        help="index 1,000 pages for real if it should take under this many seconds",
    )
    parser.add_argument("--window-pages", type=int, default=20)
    parser.add_argument("--passages", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument(
        "--only", choices=["throughput", "window", "latency"], help="run one part alone"
    )
    args = parse_arguments(parser, TINY)
    run: dict[str, Callable[[], None]] = {}
    embedder = Embedder()
    try:
        run["throughput"] = lambda: throughput(
            embedder, args.pages, args.embed_passages, args.index_pages, args.budget
        )
        run["window"] = lambda: window_stall(args.window_pages)
        run["latency"] = lambda: latency(embedder, args.passages, args.queries)
        app = None
        if args.only in (None, "window"):
            from PySide6.QtWidgets import QApplication

            app = QApplication([])  # noqa: F841 (kept alive for the whole run)
        titles = {
            "throughput": "1. indexing throughput on text PDFs",
            "window": f"2. the Documents window indexing a folder of {args.window_pages} pages",
            "latency": "3. search latency and memory",
        }
        for name, part in run.items():
            if args.only in (None, name):
                print(titles[name], flush=True)
                part()
                sys.stdout.flush()
    finally:
        embedder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
