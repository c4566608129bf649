"""What a chat session holds and hands out: its messages as the model reads them, a page of
the history shown, a question taken."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.inference.types import Message
from desktop.core.vault.sources import Source
from desktop.core.vault.store import StoredMessage


@dataclass(frozen=True)
class Entry:
    """One message the model reads, with its key in the history.

    Attributes:
        message: the role and text.
        message_id: its key; None for the system prompt and in an incognito chat.
        sources: for a reply, the passages of the user's documents it was given (what its
            question is asked with again in a follow-up: ``documents.prompt``).
    """

    message: Message
    message_id: int | None = None
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Page:
    """Messages of the branch shown, as the history has them.

    Attributes:
        messages: the messages to show, oldest first.
        has_earlier: whether the branch holds messages before those read so far.
        branches: for each message read that has alternatives, its place among them and
            their number (0-based index, count).
    """

    messages: list[StoredMessage]
    has_earlier: bool = False
    branches: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Sent:
    """A question the session took.

    Attributes:
        message_id: its key in the history; None in an incognito chat.
        replaces: the id of the question it was edited from, whose place it takes on
            screen; None for a new question.
    """

    message_id: int | None
    replaces: int | None
