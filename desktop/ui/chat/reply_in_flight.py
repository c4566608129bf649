"""One reply, from its question until it ends: the chat it is written for, how far it has got,
and what it ends as (saved, with its status line, or taken back)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QCoreApplication

from desktop.core.chat.records import Page
from desktop.core.chat.session import ChatSession
from desktop.core.documents.prompt import Grounded, grounded_messages
from desktop.core.documents.search import Hit
from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel, Message, Reply
from desktop.core.remote.server import RemoteModel
from desktop.core.vault.sources import Source
from desktop.core.vault.store import MessageStatus

# The sentences here keep the translation context of the chat controller, which said them
# first, and with it their translations.


class Stage(Enum):
    """How far a reply has got."""

    LOADING = "loading"
    """It was asked for before any model was ready: it waits for the one being loaded."""
    SEARCHING = "searching"
    """The chat's documents are searched for its question; the model is not asked yet."""
    WAITING = "waiting"
    """The chat's documents are being read; their search waits for them."""
    ASKED = "asked"
    """The model was asked; nothing of it has come yet."""
    READING = "reading"
    """The model reads a long conversation, and says how far it has got."""
    WRITING = "writing"
    """The reply's pieces come."""


@dataclass(frozen=True)
class Ending:
    """How a reply the model ended (finished, stopped or cut off) is kept.

    Attributes:
        line: the status line under it ("12 tokens · 4.0 tokens/s · …", "Stopped · …").
        branches: the branch places of the reply and its question, to mark.
        saved: whether it belongs to a history (False: an incognito chat).
        unsaved: why the disk refused it (it stays on screen, to copy or save again).
    """

    line: str
    branches: dict[int, tuple[int, int]]
    saved: bool
    unsaved: UserError | None


@dataclass(frozen=True)
class TakenBack:
    """A question that got no reply, taken back so it can be sent again or edited.

    Attributes:
        page: the chat's history as it now is (None: there is none to show).
        errors: why (the failure, and the disk refusing to take it back); none when it was
            stopped before a word.
        question: the question, for the composer.
    """

    page: Page | None
    errors: Sequence[UserError]
    question: str


class ReplyInFlight:
    """One reply being asked for and written.

    Attributes:
        session: the chat it is written for (shown or not).
        model: the model that writes it (None while it waits for one: ``LOADING``).
        stage: how far it has got.
        written: the text that came so far (shown again when its chat is).
        sources: the passages of the chat's documents given for its question; once it
            ends, with the earlier ones it cites: what it is kept with.
        search: the id of the document search it waits for, while ``SEARCHING``.
        sent_at: ``time.monotonic()`` when the user asked for it (Send, Continue…): its
            first token is counted from there, as the user waited.
        first_at: ``time.monotonic()`` when its first piece came; 0 before.
        continued: whether it continues a reply that was stopped (its line then
            describes what was added).
        stopping: whether the user stopped it and it has not ended yet.
        progress: what it shows under it now ("Reading your message… 45%"), "" once it
            writes: shown again when its chat is.
    """

    def __init__(self, session: ChatSession, model: LoadedModel | RemoteModel | None) -> None:
        self.session = session
        self.model = model
        self.stage = Stage.ASKED
        self.written = ""
        self.sources: tuple[Source, ...] = ()
        self.search = 0
        self.sent_at = time.monotonic()
        self.first_at = 0.0
        self.continued = bool(session.continuing_from)
        self.stopping = False
        self.progress = ""
        self._grounded: Grounded | None = None

    def waiting(self) -> None:
        """Wait for the chat's documents to be read before searching them."""
        self.stage = Stage.WAITING

    def searching(self, request_id: int) -> None:
        """Wait for the document search *request_id* before asking the model."""
        self.stage = Stage.SEARCHING
        self.search = request_id

    def waits_for(self, request_id: int) -> bool:
        """Whether the answer to the document search *request_id* is this reply's."""
        return self.stage is Stage.SEARCHING and self.search == request_id

    def asked(self, hits: Sequence[Hit] = ()) -> list[Message]:
        """The messages the model is asked with: the chat's, each question with the passages
        it was given, the last with *hits* (the passages found for it)."""
        self.stage = Stage.ASKED
        context = self.model.n_ctx if isinstance(self.model, LoadedModel) else None
        self._grounded = grounded_messages(self.session.entries, hits, context)
        self.sources = self._grounded.given
        return self._grounded.messages

    def reading(self) -> None:
        self.stage = Stage.READING

    def add(self, piece: str) -> bool:
        """Add *piece* to the reply; True if it is the first (what was shown while the
        model was asked, or read, gives way to it).

        Raises:
            StorageError: the piece could not be saved. The reply goes on; its end is saved
                whole, or offered again.
        """
        first = self.stage is not Stage.WRITING
        if first:
            self.first_at = time.monotonic()
        self.stage = Stage.WRITING
        self.written += piece
        self.session.reply_text(piece)
        return first

    def unwritten(self, reply: Reply, closing: bool) -> bool:
        """Whether *reply* was stopped while the model read (not by closing): nothing was
        written, so nothing is kept."""
        return reply.cancelled and not reply.tokens and not closing

    def finish(self, reply: Reply, closing: bool) -> Ending:
        """Save *reply*: done, cut off, stopped by the user (kept so, to be continued after
        a restart), or interrupted when *closing* the window stopped it (as a crash would);
        one that stopped before its model finished it can be continued."""
        saved = self.session.reply_id is not None
        status = MessageStatus.DONE if reply.cut_off is None else MessageStatus.CUT_OFF
        if reply.cancelled:
            status = MessageStatus.INTERRUPTED if closing else MessageStatus.STOPPED
        unsaved: UserError | None = None
        if self._grounded is not None:
            self.sources = self._grounded.sources(reply.text)
        try:
            branches = self.session.reply_finished(
                reply.text, status, reply.cancelled or reply.at_limit, self.sources
            )
        except UserError as error:  # the disk: the reply stays on screen
            branches, unsaved = {}, error
        waited = self.first_at - self.sent_at if self.first_at else None
        line = ending_line(reply, unsaved is not None, waited, self.continued)
        return Ending(line, branches, saved, unsaved)

    def take_back(self, error: UserError | None) -> TakenBack:
        """Take the question back: it failed with *error*, or was stopped (None) before a
        word. The history keeps it where the disk refuses, and says so."""
        errors = [error] if error is not None else []
        try:
            page = self.session.reply_failed()
        except UserError as storage:  # the history keeps the question: shown as it is
            page = self.session.reread()
            errors.append(storage)
        return TakenBack(page, errors, self.session.pending_text)


def ending_line(
    reply: Reply, unsaved: bool, waited: float | None = None, continued: bool = False
) -> str:
    """The line under a reply that ended: its length and speed, and how it ended. *waited*:
    the seconds from the user's request to the first piece shown (the model's own figure,
    from when it was asked, if None); *continued*: the reply continues a stopped one, and
    the figures are those of what was added."""
    first = reply.first_token_seconds if waited is None else waited
    if continued:
        line = QCoreApplication.translate(
            "ChatController",
            "Continued: {tokens} more tokens · {speed:.1f} tokens/s · first token after "
            "{first:.2f} s",
        )
    else:
        line = QCoreApplication.translate(
            "ChatController",
            "{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s",
        )
    line = line.format(tokens=reply.tokens, speed=reply.tokens_per_second, first=first)
    if reply.cancelled:
        line = QCoreApplication.translate("ChatController", "Stopped · {stats}").format(stats=line)
    if reply.cut_off is not None:
        line = QCoreApplication.translate("ChatController", "Cut off · {stats}").format(stats=line)
    if unsaved:
        line = QCoreApplication.translate("ChatController", "Not saved · {stats}").format(
            stats=line
        )
    return line
