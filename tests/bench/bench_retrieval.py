"""Retrieval quality: recall@5 of full-text, vector and hybrid search on a set of questions.

The regular files (not links) of /usr/share/common-licenses and tests/bench/corpus/
MulanPSL-2.0.txt are indexed into one collection with the bundled embedding model, through
``index_collection`` as the app does (each copied with a ``.txt`` suffix, which the indexer
reads). Then each question of tests/bench/corpus/questions.json ("q"; "file", the license it
is answered by; "answer", a phrase verbatim in it but for white space) is searched, top 5,
with ``Mode.FTS``, ``Mode.VECTORS`` and ``Mode.HYBRID``. A question is found when a top-5
passage of the right file holds the answer (white space ignored), or at least its first 60 %
(a phrase may straddle two overlapping passages).

The passages the embedding model reads only the beginning of (more tokens than it reads,
with the title it reads them after: ``passages.embedded_texts``) are counted first: a
passage's vector says nothing of what is cut off. Recall@5 is printed per mode, overall and
for the English and the Chinese questions (a question with Chinese characters), with the
questions each mode misses; the issue asks that hybrid be no worse than either alone. Then
the same with other weights of the fusion (``search.Weights``: only the ratio of the two
weights changes a ranking).

    python tests/bench/bench_retrieval.py [--tiny]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np
import numpy.typing as npt

from desktop.core.documents.embedder import TOKENIZER_PATH, Embedder
from desktop.core.documents.index import DocumentIndex, open_index
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.passages import embedded_texts
from desktop.core.documents.search import Mode, Weights, search
from tests.bench.tiny import parse_arguments

REPO = Path(__file__).resolve().parents[2]
LICENSES = Path("/usr/share/common-licenses")
CORPUS = REPO / "tests" / "bench" / "corpus"
QUESTIONS = CORPUS / "questions.json"
K = 5
STRADDLE = 0.6
"""The share of an answer, from its start, that a passage must hold when it holds not all."""
COLLECTION = "Licenses"
RATIOS = (0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0)
"""Weights tried: full-text weight / vector weight."""
MODES = (Mode.FTS, Mode.VECTORS, Mode.HYBRID)
SHIPPED = Weights()
"""The weights search uses unless told otherwise."""

TINY = {"files": ["BSD", "CC0-1.0", "MulanPSL-2.0.txt"], "questions": 3}
"""Sizes for ``--tiny``: three small files, a question on each (one in Chinese)."""

_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Question:
    number: int
    q: str
    file: str
    answer: str

    @property
    def chinese(self) -> bool:
        return _CJK.search(self.q) is not None


def corpus_files() -> list[Path]:
    files = sorted(p for p in LICENSES.iterdir() if p.is_file() and not p.is_symlink())
    return [*files, CORPUS / "MulanPSL-2.0.txt"]


def stored_name(file: str) -> str:
    """The name a corpus file is indexed under: with a ``.txt`` suffix."""
    return file if file.endswith(".txt") else f"{file}.txt"


def chosen(
    questions: list[Question], files: Sequence[str] | None, count: int | None
) -> list[Question]:
    """The questions on *files* (all if None); at most *count*, taken in turn from each file
    and language, the Chinese first, when fewer than all."""
    pool = [q for q in questions if files is None or q.file in files]
    if count is None or count >= len(pool):
        return pool
    groups: dict[tuple[bool, str], list[Question]] = {}
    for q in pool:
        groups.setdefault((not q.chinese, q.file), []).append(q)
    ordered = [groups[key] for key in sorted(groups)]
    picked: list[Question] = []
    while len(picked) < count:
        for group in ordered:
            if group and len(picked) < count:
                picked.append(group.pop(0))
    return sorted(picked, key=lambda q: q.number)


def squeezed(text: str) -> str:
    return _SPACE.sub("", text)


def holds(passage: str, answer: str) -> bool:
    text, phrase = squeezed(passage), squeezed(answer)
    return phrase in text or phrase[: math.ceil(len(phrase) * STRADDLE)] in text


class CachedEmbedder:
    """The embedder, each query embedded once however many searches ask for it."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.name = embedder.name
        self.dimensions = embedder.dimensions
        self._cache: dict[str, npt.NDArray[np.float32]] = {}

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        missing = [t for t in texts if t not in self._cache]
        if missing:
            for text, vector in zip(missing, self.embedder.embed(missing), strict=True):
                self._cache[text] = vector
        return np.stack([self._cache[t] for t in texts])


def cut_off(index: DocumentIndex, max_tokens: int) -> str:
    """How many passages of the collection are longer than the model reads, and the share of
    all the passages' tokens it does not read."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    lengths = [
        len(encoding.ids)
        for doc in index.documents(index.collection(COLLECTION).id)
        for encoding in tokenizer.encode_batch(
            embedded_texts(doc.path, index.passage_texts(doc.id))
        )
    ]
    unread = sum(max(0, n - max_tokens) for n in lengths)
    return (
        f"passages longer than the model reads ({max_tokens} tokens): "
        f"{sum(n > max_tokens for n in lengths)} of {len(lengths)}, "
        f"{100 * unread / max(1, sum(lengths)):.1f} % of all their tokens unread"
    )


def found(
    index: DocumentIndex,
    embedder: CachedEmbedder,
    question: Question,
    mode: Mode,
    weights: Weights = SHIPPED,
) -> bool:
    hits = search(index, COLLECTION, question.q, k=K, embedder=embedder, mode=mode, weights=weights)
    name = stored_name(question.file)
    return any(hit.file.name == name and holds(hit.text, question.answer) for hit in hits)


def recall(results: dict[int, bool], questions: Sequence[Question]) -> str:
    def share(group: Sequence[Question]) -> str:
        if not group:
            return "none"
        hits = sum(results[q.number] for q in group)
        return f"{hits}/{len(group)} = {hits / len(group):.2f}"

    english = [q for q in questions if not q.chinese]
    chinese = [q for q in questions if q.chinese]
    return f"{share(questions)} (English {share(english)}, Chinese {share(chinese)})"


def scores(results: dict[int, bool], questions: Sequence[Question]) -> tuple[int, int, int]:
    """Hits overall, in English, in Chinese."""
    return (
        sum(results[q.number] for q in questions),
        sum(results[q.number] for q in questions if not q.chinese),
        sum(results[q.number] for q in questions if q.chinese),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", nargs="+", help="index only these files (names)")
    parser.add_argument("--questions", type=int, help="ask at most this many questions")
    args = parse_arguments(parser, TINY)
    every = [
        Question(number, item["q"], item["file"], item["answer"])
        for number, item in enumerate(json.loads(QUESTIONS.read_text(encoding="utf-8")), 1)
    ]
    questions = chosen(every, args.files, args.questions)
    files = [p for p in corpus_files() if args.files is None or p.name in args.files]
    with tempfile.TemporaryDirectory() as temp, Embedder() as model:
        folder = Path(temp, "corpus")
        folder.mkdir()
        for path in files:
            shutil.copyfile(path, folder / stored_name(path.name))
        with open_index(Path(temp, "documents.db"), secrets.token_bytes(32)) as index:
            add_to_collection(index, COLLECTION, [folder], model)
            started = time.perf_counter()
            report = index_collection(index, COLLECTION, model)
            assert not report.failed and not report.cancelled, report
            collection = index.collection(COLLECTION)
            print(
                f"indexed {collection.files} files, {collection.passages} passages, in "
                f"{time.perf_counter() - started:.0f} s; {len(questions)} questions "
                f"({sum(q.chinese for q in questions)} in Chinese)"
            )
            print(cut_off(index, model.max_tokens))
            embedder = CachedEmbedder(model)
            results = {
                mode: {q.number: found(index, embedder, q, mode) for q in questions}
                for mode in MODES
            }
            for mode in MODES:
                print(f"{mode.value} recall@{K}: {recall(results[mode], questions)}")
            for mode in MODES:
                missed = [q for q in questions if not results[mode][q.number]]
                print(f"  {mode.value} misses {len(missed)}:")
                for q in missed:
                    print(f"    #{q.number} [{q.file}] {q.q}")
            hybrid = scores(results[Mode.HYBRID], questions)
            alone = [scores(results[mode], questions) for mode in (Mode.FTS, Mode.VECTORS)]
            worse = [
                part
                for i, part in enumerate(("overall", "English", "Chinese"))
                if hybrid[i] < max(a[i] for a in alone)
            ]
            print(
                "hybrid is no worse than either alone"
                if not worse
                else f"hybrid is worse than the best single mode: {', '.join(worse)}"
            )
            print("weights (full-text/vectors ratio): hybrid recall@5")
            good = []
            for ratio in RATIOS:
                weights = Weights(fts=ratio, vectors=1.0)
                result = {
                    q.number: found(index, embedder, q, Mode.HYBRID, weights) for q in questions
                }
                got = scores(result, questions)
                fine = all(got[i] >= max(a[i] for a in alone) for i in range(3))
                if fine:
                    good.append((got[0], -abs(math.log(ratio)), ratio))
                print(
                    f"  ratio {ratio:.2f}: {recall(result, questions)}"
                    + ("  no worse than either alone" if fine else "")
                )
            if good:
                best = max(good)
                print(f"best weights no worse than either alone: ratio {best[2]:.2f}")
            else:
                print("no ratio tried makes hybrid no worse than either alone everywhere")
    return 0


if __name__ == "__main__":
    sys.exit(main())
