"""One finished message, as the chat view is given it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop.core.vault.sources import Source


@dataclass(frozen=True)
class Turn:
    """A message to show.

    Attributes:
        role: who wrote it.
        text: what was written, Markdown for the assistant.
        message_id: its key in the history; None in an incognito chat.
        heading: the model's name, above a reply (the user's messages say "You").
        footer: a line below a reply, such as "Interrupted"; empty for none.
        sources: the passages of the user's documents a reply was given, cited [1], [2].
    """

    role: Literal["user", "assistant"]
    text: str
    message_id: int | None = None
    heading: str = ""
    footer: str = ""
    sources: tuple[Source, ...] = ()
