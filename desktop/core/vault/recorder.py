"""Saving a conversation's exchange as it happens, shared by the window and the command line."""

from __future__ import annotations

from desktop.core.throttle import Throttle
from desktop.core.vault.store import LATEST, ConversationStore, MessageStatus, StoredMessage

SAVE_INTERVAL_S = 1.0
"""A reply being generated reaches the vault at least this often, so a crash loses at most
this much of it."""


class ReplyRecorder:
    """Writes one user message and the reply to it into a conversation, the reply as it grows.

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
    ) -> None:
        """Write *question* after the message *after* (by default the end of the branch
        shown; a message id starts a branch there, as an edited question does). A question
        already stored (a reply being regenerated) gets a new reply beside its others."""
        self._store = store
        self.conversation_id = conversation_id
        self._shown = store.leaf(conversation_id)
        self._asked = isinstance(question, str)
        if isinstance(question, str):
            self.user_message = store.add_message(conversation_id, "user", question, after=after)
        else:
            self.user_message = question
        self.reply: StoredMessage = store.add_message(
            conversation_id, "assistant", "", MessageStatus.STREAMING, after=self.user_message.id
        )
        self._pieces: list[str] = []
        self._save = Throttle(SAVE_INTERVAL_S, wait_first=True)

    def add(self, piece: str) -> None:
        """Add *piece* to the reply; save it if the last save is ``SAVE_INTERVAL_S`` old."""
        self._pieces.append(piece)
        if self._save.due():
            self._store.update_message(
                self.reply.id, "".join(self._pieces), MessageStatus.STREAMING
            )

    def finish(self, text: str) -> None:
        """Save the whole reply as done."""
        self._store.update_message(self.reply.id, text, MessageStatus.DONE)

    def abandon(self) -> None:
        """The question got no reply: remove the reply, and the question if it was asked
        here, so nothing half-done stays in the history; the conversation shows the branch
        it showed before."""
        self._store.delete_message(self.reply.id)
        if self._asked:
            self._store.delete_message(self.user_message.id)
        if self._shown is not None:
            self._store.show_branch(self._shown)
