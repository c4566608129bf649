"""Word search over a collection's passages (FTS5), fast however common the query's words.

``passages_fts`` (``schema.py``) indexes each passage's words with FTS5's ``porter unicode61``
tokenizer: case and accents folded, English words stemmed (``payments`` finds ``payment``).
Chinese and Japanese have no spaces between words, so each run of their characters is
indexed as its overlapping pairs (付款期限 as 付款 款期 期限), the usual way to index them: a
query's pairs find the passages that hold them, and a word of two characters (付款) is one
pair. Each passage is indexed with its file's name (``title``): a question that names the
document ("under the lease, ...") finds its passages.

Ranking a word held by nearly every passage (``the``, ``shall``) means scoring nearly the
whole collection, slowly and for little: BM25 gives such a word almost no weight anyway. So a
query keeps its rarest words, by how many passages hold each (counted up to a bound), while
the passages they match stay under ``POSTINGS``, and FTS5 ranks those, best BM25 first. The
index is the whole database's: the best are then kept of the collection's passages. Nothing
the user types is read as FTS5 syntax: every word is quoted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath

from desktop.core.vault.database import Database

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\uac00-\ud7af"  # Hangul syllables
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(rf"(?:(?![{_CJK}])[^\W_])+(?:[.,:/\-](?:(?![{_CJK}])[^\W_])+)*")
POSTINGS = 2_000
"""How many passages (counted once per word that they hold) a query's words may match: the
rarest words are kept up to this many, and at least the rarest one. FTS5 scores every match
(about a microsecond each): this bounds the time a word search takes at any size."""
TITLE_WEIGHT = 2.0
"""How much more a word of the file's name counts than one of the passage (BM25F-like)."""


def indexed_text(text: str) -> str:
    """*text* as ``passages_fts`` indexes it: each run of Chinese, Japanese or Korean
    characters written as its overlapping pairs (a run of one character as it is)."""
    return _CJK_RUN.sub(lambda run: f" {' '.join(_pairs(run.group(0)))} ", text)


def query_words(query: str) -> list[str]:
    """The words of *query*, each once whatever its case: words of other scripts (a clause
    number such as ``7.2`` is one), and the pairs of each run of Chinese or Japanese
    characters; a single such character ends in ``*``, a prefix of the pairs that begin
    with it."""
    words: list[str] = []
    for run in _CJK_RUN.finditer(query):
        text = run.group(0)
        words += _pairs(text) if len(text) > 1 else [text + "*"]
    words += _WORD.findall(_CJK_RUN.sub(" ", query))
    unique: dict[str, str] = {}
    for word in words:
        unique.setdefault(word.casefold(), word)
    return list(unique.values())


def word_ranking(db: Database, collection_id: int, query: str, limit: int) -> list[int]:
    """Passage ids of the collection holding the query's rarest words, best BM25 first."""
    kept = rare_words(db, query_words(query))
    if not kept:
        return []
    match = " OR ".join(_quoted(word) for word in kept)
    # The best of the whole index first (FTS5 scores every match anyway: the kept words
    # bound them), then all of them where other collections' passages crowd the best out.
    found: list[int] = []
    for best in (limit * _SHARE, -1):
        rows = db.execute(_RANKED, (match, best)).fetchall()
        found = [passage for passage, collection in rows if collection == collection_id]
        if len(found) >= limit or len(rows) < best:
            break
    return found[:limit]


_SHARE = 4
_RANKED = f"""
    SELECT f.rowid, d.collection_id FROM (
        SELECT rowid, bm25(passages_fts, {TITLE_WEIGHT}, 1.0) AS rank FROM passages_fts
        WHERE passages_fts MATCH ?
        ORDER BY rank LIMIT ?
    ) f
    CROSS JOIN passages p ON p.id = f.rowid
    CROSS JOIN documents d ON d.id = p.document_id
    ORDER BY f.rank
"""


def rare_words(db: Database, words: Sequence[str]) -> list[str]:
    """The *words* worth searching, rarest first: those that some passage holds, while the
    passages they match stay under ``POSTINGS`` (and at least the rarest; of words held by
    more than that, which are not told apart, the longest)."""
    counts = [_passages_holding(db, word) for word in words]
    held = sorted((count, -len(words[i]), i) for i, count in enumerate(counts) if count)
    kept: list[str] = []
    total = 0
    for count, _, i in held:
        total += count
        if kept and total > POSTINGS:
            break
        kept.append(words[i])
    return kept


def _passages_holding(db: Database, word: str) -> int:
    """How many passages hold *word*, counted up to ``POSTINGS`` + 1 only: a word held by
    more is not searched unless it is the rarest (counting reads a posting per passage;
    ``fts5vocab`` reads all of them, not faster)."""
    query = "SELECT count(*) FROM (SELECT 1 FROM passages_fts WHERE passages_fts MATCH ? LIMIT ?)"
    return int(db.execute(query, (_quoted(word), POSTINGS + 1)).fetchone()[0])


def _pairs(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)] or [run]


def _quoted(word: str) -> str:
    if word.endswith("*"):
        return '"' + word[:-1].replace('"', '""') + '"*'
    return '"' + word.replace('"', '""') + '"'


def index_words(db: Database, path: str, passages: Sequence[tuple[int, str]]) -> None:
    """Add the passages (id, text) of the file at *path* to ``passages_fts`` (a passage
    deleted leaves it by the table's trigger)."""
    title = indexed_text(PurePath(path).stem)
    db.executemany(
        "INSERT INTO passages_fts (rowid, title, text) VALUES (?, ?, ?)",
        [(passage, title, indexed_text(text)) for passage, text in passages],
    )
