"""The conversation a model reads when it is answered from the user's documents: each question
after the passages it was given, numbered so that the answers can cite them; the questions
saved in the history stay as the user wrote them.

A follow-up keeps the ground of the questions before it: their passages stay after them, where
the model read them, with the numbers their answers cited ([1] is still [1]); the new question's
passages take the next numbers, and a passage given before is not given again. So each turn's
prompt begins with the prompt of the turn before (llama.cpp reads only what is new), and what a
turn was given can be told again from the sources kept with its reply alone. The earlier turns'
passages take at most ``earlier_budget`` characters: beyond it, the oldest turns' passages are
let go (their questions and answers stay).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.chat.records import Entry
from desktop.core.documents.retrieval import REMOTE_CONTEXT
from desktop.core.documents.search import Hit
from desktop.core.inference.types import Message
from desktop.core.vault.sources import Source

INSTRUCTION = (
    "Answer the question using only the numbered passages below, and cite the passages you "
    "use by their numbers, like [1]. If the passages do not hold the answer, say so."
)
"""For the model, not the user: it stays English, which small models follow best."""
FOLLOW_UP = (
    "Answer the question using only the numbered passages above, and cite the passages you "
    "use by their numbers, like [1]. If the passages do not hold the answer, say so."
)
"""A follow-up whose passages were all given before: they are above, already numbered."""
EARLIER_SHARE = 0.4
"""The share of the model's context the earlier turns' passages may take."""
EARLIER_CHARS_PER_TOKEN = 4
"""Earlier passages are counted as English text; where they are denser (Chinese), the engine
leaves out the oldest turns whole when the conversation does not fit."""
_CITATION = re.compile(r"\[(\d+)\]")


def source_label(source: Hit | Source) -> str:
    """The file and page of *source*, as a citation shows them: "contract.pdf, page 3", and
    "(scanned)" after them where text recognition read it."""
    name = Path(source.file).name
    label = name if source.page is None else f"{name}, page {source.page}"
    return f"{label} (scanned)" if source.scanned else label


def earlier_budget(context: int | None) -> int:
    """How much text (characters) of the earlier turns' passages a model that reads *context*
    tokens (None: a model on a server) is given again with a follow-up."""
    tokens = REMOTE_CONTEXT if context is None else context
    return int(tokens * EARLIER_SHARE * EARLIER_CHARS_PER_TOKEN)


def grounded_question(question: str, sources: Sequence[Source]) -> str:
    """*question* after the passages of *sources*, with their numbers."""
    passages = "\n\n".join(
        f"[{source.number}] {source_label(source)}:\n{source.text.strip()}" for source in sources
    )
    return f"{INSTRUCTION}\n\n{passages}\n\nQuestion: {question}"


@dataclass(frozen=True)
class Grounded:
    """What the model is asked with, and what its reply is given.

    Attributes:
        messages: the conversation as the model reads it.
        given: the passages given for the question asked now, by number: the new ones and
            those given before that the search found again.
        readable: every passage the model reads, by number.
    """

    messages: list[Message]
    given: tuple[Source, ...]
    readable: Mapping[int, Source]

    def sources(self, reply: str) -> tuple[Source, ...]:
        """The sources kept with *reply*: the passages given for its question, and the
        earlier ones it cites. None where its question was given none: that is how it is
        told again (``grounded_messages``)."""
        if not self.given:
            return ()
        kept = {source.number: source for source in self.given}
        for number in map(int, _CITATION.findall(reply)):
            if number in self.readable:
                kept.setdefault(number, self.readable[number])
        return tuple(kept[number] for number in sorted(kept))


def grounded_messages(
    entries: Sequence[Entry], hits: Sequence[Hit], context: int | None
) -> Grounded:
    """The conversation *entries* (``ChatSession.entries``) as a model of *context* tokens
    reads it when its last question is asked with *hits* (the passages found for it; none
    where the last reply is being continued): every question after the passages it was given
    and not given before, the earlier ones as their replies' sources keep them."""
    messages = [entry.message for entry in entries]
    questions = [i for i, entry in enumerate(entries) if entry.message["role"] == "user"]
    if not questions:
        return Grounded(messages, (), {})
    last = questions[-1]
    if last != len(entries) - 1:
        hits = ()  # its reply is being continued: it was given its passages when asked
    given_with = {i: _reply_sources(entries, i) for i in questions}
    block_of = dict(zip(questions, _blocks([given_with[i] for i in questions]), strict=True))
    shown = _kept(questions[:-1], block_of, earlier_budget(context)) | {last}
    readable = {s.number: s for i in shown for s in block_of[i]}
    given: tuple[Source, ...] = ()
    if hits:
        first = max((s.number for i in questions for s in given_with[i]), default=0) + 1
        given = given_with[last] = _numbered(hits, list(readable.values()), first)
        block_of[last] = tuple(s for s in given if s.number >= first)
        readable.update((s.number, s) for s in block_of[last])
    for i in shown:
        question = messages[i]["content"]
        if block_of[i]:
            messages[i] = Message(role="user", content=grounded_question(question, block_of[i]))
        elif given_with[i]:  # a follow-up whose passages were all given before
            messages[i] = Message(role="user", content=f"{FOLLOW_UP}\n\nQuestion: {question}")
    return Grounded(messages, given, readable)


def _reply_sources(entries: Sequence[Entry], question: int) -> tuple[Source, ...]:
    """The sources kept with the reply to the question at *question*, if it has one."""
    after = question + 1
    if after < len(entries) and entries[after].message["role"] == "assistant":
        return entries[after].sources
    return ()


def _key(source: Source) -> tuple[int, str, int | None, int, int]:
    return (source.number, source.file, source.page, source.start, source.end)


def _blocks(given: Sequence[tuple[Source, ...]]) -> list[tuple[Source, ...]]:
    """For each turn's sources, in order, those it was the first to be given: the passages
    shown after its question."""
    seen: set[tuple[int, str, int | None, int, int]] = set()
    blocks = []
    for sources in given:
        blocks.append(tuple(s for s in sources if _key(s) not in seen))
        seen.update(_key(s) for s in sources)
    return blocks


def _kept(
    earlier: Sequence[int], block_of: Mapping[int, Sequence[Source]], budget: int
) -> set[int]:
    """The earlier questions whose passages are given again: the newest ones whose passages
    together take at most *budget* characters."""
    kept: set[int] = set()
    size = 0
    for i in reversed(earlier):
        size += sum(len(s.text) for s in block_of[i])
        if size > budget:
            break
        kept.add(i)
    return kept


def _numbered(hits: Sequence[Hit], readable: Sequence[Source], first: int) -> tuple[Source, ...]:
    """*hits* as sources: one the model reads already (within an earlier passage) keeps that
    passage and its number; the others are numbered from *first*, each once."""
    given: dict[tuple[str, int | None, int, int], Source] = {}
    number = first
    for hit in hits:
        file = str(hit.file)
        before = next(
            (
                s
                for s in readable
                if s.file == file and s.page == hit.page and s.start <= hit.start
                if hit.end <= s.end
            ),
            None,
        )
        if before is not None:
            given.setdefault((before.file, before.page, before.start, before.end), before)
            continue
        where = (file, hit.page, hit.start, hit.end)
        if where not in given:
            given[where] = Source(number, file, hit.page, hit.start, hit.end, hit.text, hit.scanned)
            number += 1
    return tuple(sorted(given.values(), key=lambda source: source.number))
