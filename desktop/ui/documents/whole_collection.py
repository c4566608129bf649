"""A small collection given whole: its text in document order, each stretch verbatim.

Passages overlap a little (a sentence cut in two is whole in one of them), so giving every
passage would repeat text. Here the passages of each page are joined by their offsets into
the stretches they cover, each one exactly the document's text from ``start`` to ``end``.
"""

from __future__ import annotations

from desktop.core.documents.index import INDEXED, DocumentIndex, PassageRecord
from desktop.core.documents.search import Hit


def whole_collection(index: DocumentIndex, name: str, budget: int) -> list[Hit] | None:
    """Every indexed document of the collection *name*, by path, as stretches of text (one
    per page, or more where passages leave a gap), or None if they hold more than *budget*
    characters.

    Raises:
        NoSuchCollectionError: there is no such collection.
    """
    collection = index.collection(name)
    hits: list[Hit] = []
    size = 0
    for document in index.documents(collection.id):
        if document.status != INDEXED:
            continue
        for hit in _stretches(index.document_passages(document.id)):
            size += len(hit.text)
            if size > budget:
                return None
            hits.append(hit)
    return hits


def _stretches(passages: list[PassageRecord]) -> list[Hit]:
    """The passages (of one document, in order) joined where they touch or overlap on the
    same page, each overlap given once."""
    hits: list[Hit] = []
    first: PassageRecord | None = None
    parts: list[str] = []
    end = 0
    for passage in passages:
        if first is not None and passage.page == first.page and passage.start <= end:
            parts.append(passage.text[end - passage.start :])
            end = max(end, passage.end)
            continue
        if first is not None:
            hits.append(_hit(first, end, "".join(parts)))
        first, parts, end = passage, [passage.text], passage.end
    if first is not None:
        hits.append(_hit(first, end, "".join(parts)))
    return hits


def _hit(first: PassageRecord, end: int, text: str) -> Hit:
    return Hit(
        file=first.path,
        page=first.page,
        start=first.start,
        end=end,
        text=text,
        score=0.0,
        passage_id=first.id,
        document_id=first.document_id,
    )
