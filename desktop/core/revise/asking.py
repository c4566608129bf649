"""Asking the model to revise a document, a paragraph at a time.

Each request holds the user's instruction, the headings the paragraph stands under and the
paragraph; the reply is the revised paragraph and a one-line reason. The instruction comes
first, so the model reuses what it read of it from one paragraph to the next. A paragraph too
long for the model's context is left as it is.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from desktop.core.inference.types import ChatBackend, Message, Sampling
from desktop.core.revise.revision import Revision
from desktop.core.revise.source import Passage

SYSTEM = (
    "You revise documents as a careful legal editor. You are given an instruction and one "
    "paragraph of a document. Apply the instruction to that paragraph only. Reply in exactly "
    "this form, and nothing else:\n"
    "REVISED: <the whole paragraph, revised; or the paragraph unchanged if the instruction "
    "does not apply to it>\n"
    "REASON: <one short line saying what you changed and why>"
)

CHARACTERS_PER_TOKEN = 3
"""A cautious guess at how much text one token holds, to keep a request within the context."""

_REVISED = re.compile(r"^\s*(?:\*\*)?REVISED:?(?:\*\*)?:?\s*", re.IGNORECASE | re.MULTILINE)
_REASON = re.compile(r"^\s*(?:\*\*)?REASON:?(?:\*\*)?:?\s*", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Progress:
    """How far a revision has gone: *done* of *total* paragraphs asked, *changed* so far."""

    done: int
    total: int
    changed: int


def chosen(passages: Sequence[Passage], headings: Collection[str] | None) -> list[Passage]:
    """The passages to revise: all, or those under one of *headings* (and those headings)."""
    if headings is None:
        return list(passages)
    wanted = set(headings)
    return [passage for passage in passages if wanted & set(passage.headings)]


def messages_for(instruction: str, passage: Passage, reference: str = "") -> list[Message]:
    """What the model reads to revise *passage*, with *reference* (passages of the user's
    documents to draw on) after the rules where there is some."""
    where = " > ".join(passage.headings)
    context = f"Section: {where}\n" if where else ""
    rules = f"{SYSTEM}\n\nReference material:\n{reference}" if reference else SYSTEM
    return [
        {"role": "system", "content": rules},
        {
            "role": "user",
            "content": f"Instruction: {instruction}\n\n{context}Paragraph:\n{passage.text}",
        },
    ]


def parsed(reply: str, original: str) -> tuple[str, str]:
    """The revised paragraph and the reason in *reply*; the original where the reply holds no
    text (the model wrote nothing, or only a reason)."""
    text = reply.strip()
    reason = ""
    found = _REASON.search(text)
    if found is not None:
        reason = " ".join(text[found.end() :].split())
        text = text[: found.start()]
    revised = _REVISED.search(text)
    if revised is not None:
        text = text[revised.end() :]
    # One paragraph: its lines joined, as Word would show text typed without Enter.
    text = " ".join(line.strip() for line in text.strip().splitlines() if line.strip())
    return (text or original), reason


def revise(
    backend: ChatBackend,
    instruction: str,
    passages: Sequence[Passage],
    context_tokens: int,
    cancel: threading.Event,
    on_progress: Callable[[Progress], None] = lambda _progress: None,
    reference: str = "",
) -> list[Revision]:
    """Ask *backend* (a model of *context_tokens*) to revise each of *passages* by
    *instruction*, drawing on *reference*; the paragraphs it changed, in order. Stops at the
    next token once *cancel* is set, returning those revised so far.

    Raises:
        UserError: the backend failed (each says why).
    """
    revisions: list[Revision] = []
    # A third of the context for the paragraph, the rest for the rules and the reply.
    longest = context_tokens * CHARACTERS_PER_TOKEN // 3 - len(reference)
    for done, passage in enumerate(passages):
        if cancel.is_set():
            break
        on_progress(Progress(done, len(passages), len(revisions)))
        if len(passage.text) + len(instruction) > longest:
            continue
        # Room for the paragraph twice over, and its reason.
        tokens = len(passage.text) // CHARACTERS_PER_TOKEN
        sampling = Sampling(temperature=0.0, max_tokens=2 * tokens + 48)
        reply = backend.chat(
            messages_for(instruction, passage, reference), sampling, _ignore, cancel
        )
        if reply.cancelled:
            break
        text, reason = parsed(reply.text, passage.text)
        if text.split() != passage.text.split():
            revisions.append(Revision(passage.index, passage.text, text, reason, reply.at_limit))
    on_progress(Progress(len(passages), len(passages), len(revisions)))
    return revisions


def _ignore(_piece: str) -> None:
    """Pieces of a reply are not shown: the whole reply is parsed once it ends."""
