"""Saving a conversation's exchange as it happens, shared by the window and the command line."""

from __future__ import annotations

from desktop.core.throttle import Throttle
from desktop.core.vault.store import LATEST, ConversationStore, MessageStatus, StoredMessage

SAVE_INTERVAL_S = 1.0
"""A reply being generated reaches the vault at least this often, so a crash loses at most
this much of it."""


class ReplyRecorder:
    """Writes one user message and the reply to it into a conversation, the reply as it grows
    (or writes on after a reply already stored, when it is continued).

    Attributes:
        conversation_id: the conversation written to.
        user_message: the stored question.
        reply: the stored reply, streaming until ``finish``.
    """

    def __init__(
        self,
        store: ConversationStore,
        conversation_id: int,
        question: str | StoredMessage,
        after: int | object | None = LATEST,
        continuing: StoredMessage | None = None,
    ) -> None:
        """Write *question* after the message *after* (by default the end of the branch
        shown; a message id starts a branch there, as an edited question does). A question
        already stored (a reply being regenerated) gets a new reply beside its others, or
        its reply *continuing* grows on from its text."""
        self._store = store
        self.conversation_id = conversation_id
        self._shown = store.leaf(conversation_id)
        self._asked = isinstance(question, str)
        if isinstance(question, str):
            self.user_message = store.add_message(conversation_id, "user", question, after=after)
        else:
            self.user_message = question
        self._continued = continuing
        if continuing is None:
            self.reply: StoredMessage = store.add_message(
                conversation_id,
                "assistant",
                "",
                MessageStatus.STREAMING,
                after=self.user_message.id,
            )
        else:
            self.reply = continuing
            store.update_message(continuing.id, continuing.content, MessageStatus.STREAMING)
        self._pieces: list[str] = [continuing.content] if continuing is not None else []
        self._save = Throttle(SAVE_INTERVAL_S, wait_first=True)

    def add(self, piece: str) -> None:
        """Add *piece* to the reply; save it if the last save is ``SAVE_INTERVAL_S`` old."""
        self._pieces.append(piece)
        if self._save.due():
            self._store.update_message(
                self.reply.id, "".join(self._pieces), MessageStatus.STREAMING
            )

    def finish(self, text: str, status: MessageStatus = MessageStatus.DONE) -> None:
        """Save the reply as it ended: whole and done, or cut off (``MessageStatus.CUT_OFF``)
        with what arrived."""
        self._store.update_message(self.reply.id, text, status)

    def abandon(self) -> None:
        """The question got no reply: remove the reply, and the question if it was asked
        here, so nothing half-done stays in the history (a reply being continued is put
        back as it was); the conversation shows the branch it showed before. All of it or,
        where the disk refuses (``StorageError``), none."""
        with self._store.db.transaction():
            if self._continued is not None:
                kept = self._continued
                self._store.update_message(kept.id, kept.content, kept.status)
            else:
                self._store.delete_message(self.reply.id)
            if self._asked:
                self._store.delete_message(self.user_message.id)
            if self._shown is not None:
                self._store.show_branch(self._shown)
