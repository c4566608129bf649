"""Which passages of a collection a model is given with a question: the whole collection when
it fits its share of the model's context, else the passages a search finds.

The window (on its search thread) and ``sotto ask --docs`` both choose here, so the same
question about the same collection, for a model of the same context, is given the same text.

A small collection is given as its stored passages in document order, so that each one is
numbered and cited on its own (a citation opens the clause it used, not the whole document).
Passages overlap a little (a sentence cut in two is whole in one of them), so giving every
passage whole would repeat text: each is given from where the one before it on its page ends,
each one exactly the document's text from ``start`` to ``end``.

A follow-up ("and what about the second one?") often names nothing it asks about: the search
reads it with the questions asked just before it (``search_text``), the newest weighing most.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.records import INDEXED, PENDING, PassageRecord
from desktop.core.documents.search import Embeds, Hit, search

WHOLE_SHARE = 0.4
"""Documents that take at most this share of the model's context are given to it whole."""
CHARS_PER_TOKEN = 2
"""A cautious guess at the characters a token holds: about 4 in English, 1 to 2 in Chinese."""
REMOTE_CONTEXT = 8192
"""The context assumed of a model on a server, which does not say."""
RECENT_QUESTIONS = 2
"""The questions before a follow-up that its search reads with it."""


def whole_budget(context: int | None) -> int:
    """How much text (characters) of a collection is given whole to a model that reads
    *context* tokens at once (None: a model on a server, whose context is not known)."""
    tokens = REMOTE_CONTEXT if context is None else context
    return int(tokens * WHOLE_SHARE * CHARS_PER_TOKEN)


def choose_passages(
    index: DocumentIndex,
    collection: str,
    question: str,
    k: int,
    context: int | None,
    embedder: Callable[[], Embeds],
    earlier: Sequence[str] = (),
) -> list[Hit]:
    """The text of *collection* a model of *context* tokens (None: on a server) is given with
    *question*: the whole collection, in document order, when it fits ``whole_budget``; else
    the *k* passages that best answer the question, read with the *earlier* questions of its
    conversation (oldest first), best first. *embedder* gives the collection's embedding
    model, asked for only when a search needs it.

    Raises:
        NoSuchCollectionError: there is no such collection (said before the model loads).
    """
    whole = whole_collection(index, collection, whole_budget(context))
    if whole is not None:
        return whole
    return search(index, collection, search_text(question, earlier), k, embedder=embedder())


def search_text(question: str, earlier: Sequence[str]) -> str:
    """What a search reads for *question* asked after the *earlier* questions (oldest
    first): the last ``RECENT_QUESTIONS`` of them, then the question twice, so that in the
    query's meaning it weighs twice as much as each of them (the full-text side reads each
    word once)."""
    recent = [text for text in earlier[-RECENT_QUESTIONS:] if text.strip()]
    return "\n".join([*recent, question, question]) if recent else question


def unread_files(index: DocumentIndex, collection: str) -> list[Path]:
    """The files of *collection* not read yet (waiting to be indexed, or being read): a
    question asked now is not answered from them.

    Raises:
        NoSuchCollectionError: there is no such collection.
    """
    found = index.collection(collection, counted=False)
    return [document.path for document in index.documents(found.id) if document.status == PENDING]


def whole_collection(index: DocumentIndex, name: str, budget: int) -> list[Hit] | None:
    """Every indexed document of the collection *name*, by path, as its passages in order
    (each overlap given once), or None if they hold more than *budget* characters.

    Raises:
        NoSuchCollectionError: there is no such collection.
    """
    collection = index.collection(name)
    hits: list[Hit] = []
    size = 0
    for document in index.documents(collection.id):
        if document.status != INDEXED:
            continue
        for hit in _without_overlaps(index.document_passages(document.id)):
            size += len(hit.text)
            if size > budget:
                return None
            hits.append(hit)
    return hits


def _without_overlaps(passages: list[PassageRecord]) -> list[Hit]:
    """The passages (of one document, in order), each from where the one before it on the
    same page ends (and its first visible character): no text given twice, none left out
    but white space."""
    hits: list[Hit] = []
    previous: PassageRecord | None = None
    end = 0
    for passage in passages:
        same_page = previous is not None and passage.page == previous.page
        start = max(passage.start, end) if same_page else passage.start
        end = max(end, passage.end) if same_page else passage.end
        previous = passage
        text = passage.text[start - passage.start :]
        skipped = len(text) - len(text.lstrip())
        if skipped < len(text):  # else all of it was in the passage before it
            hits.append(_hit(passage, start + skipped, text[skipped:]))
    return hits


def _hit(passage: PassageRecord, start: int, text: str) -> Hit:
    return Hit(
        file=passage.path,
        page=passage.page,
        start=start,
        end=passage.end,
        text=text,
        score=0.0,
        passage_id=passage.id,
        document_id=passage.document_id,
        scanned=passage.scanned,
    )
