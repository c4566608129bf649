"""A question put to a model with the passages found for it, numbered so that its answer can
cite them; the question saved in the history stays as the user wrote it."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.documents.search import Hit
from desktop.core.inference.types import Message
from desktop.core.vault.sources import Source

INSTRUCTION = (
    "Answer the question using only the numbered passages below, and cite the passages you "
    "use by their numbers, like [1]. If the passages do not hold the answer, say so."
)
"""For the model, not the user: it stays English, which small models follow best."""


def source_label(hit: Hit) -> str:
    """The file and page of *hit*, as a citation shows them: "contract.pdf, page 3"."""
    return hit.file.name if hit.page is None else f"{hit.file.name}, page {hit.page}"


def grounded_question(question: str, hits: Sequence[Hit]) -> str:
    """*question* after the passages of *hits*, numbered [1], [2], … in their order."""
    passages = "\n\n".join(
        f"[{number}] {source_label(hit)}:\n{hit.text.strip()}"
        for number, hit in enumerate(hits, start=1)
    )
    return f"{INSTRUCTION}\n\n{passages}\n\nQuestion: {question}"


def grounded_messages(messages: Sequence[Message], hits: Sequence[Hit]) -> list[Message]:
    """*messages* as the model reads them when their last question is asked with *hits*:
    only that message changes, so what the model read before is reused as it is."""
    if not hits or not messages or messages[-1]["role"] != "user":
        return list(messages)
    asked = Message(role="user", content=grounded_question(messages[-1]["content"], hits))
    return [*messages[:-1], asked]


def sources_of(hits: Sequence[Hit]) -> tuple[Source, ...]:
    """*hits* as the sources kept with the reply, numbered as the question numbered them."""
    return tuple(
        Source(number, str(hit.file), hit.page, hit.start, hit.end, hit.text)
        for number, hit in enumerate(hits, start=1)
    )
