"""Each chat's own draft: what is written in the composer stays with its chat while the window
is open, and a chat shown again finds it there. Drafts are kept in memory only, never on
disk."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.core.chat.session import ChatSession
from desktop.ui.chat.composer import Composer

DraftKey = tuple[int, int]
"""A saved conversation: its id and when it was started (ids of a forgotten history come
back in the next one)."""


def _key(session: ChatSession) -> DraftKey | None:
    conversation = session.conversation
    return (conversation.id, conversation.created_at) if conversation else None


class ChatDrafts:
    """The drafts of the saved chats left with something written in the composer.

    A new chat, or an incognito one, can't be shown again once left: its draft goes with it.
    The context warning about a draft belongs to its chat: it is hidden as the chat is left
    (the draft shown is counted again).
    """

    def __init__(self, composer: Composer, warning: QWidget) -> None:
        self._composer = composer
        self._warning = warning
        self._drafts: dict[DraftKey, str] = {}

    def switch(self, leaving: ChatSession, shown: ChatSession) -> None:
        """Keep the draft of the chat *leaving* and put the draft of *shown* (none for a new
        chat) in the composer."""
        if leaving is shown:
            return
        left, key = _key(leaving), _key(shown)
        text = self._composer.toPlainText()
        if left is not None and text.strip():
            self._drafts[left] = text
        elif left is not None:
            self._drafts.pop(left, None)
        self._composer.setPlainText(self._drafts.pop(key, "") if key is not None else "")
        self._warning.hide()

    def clear(self) -> None:
        """Forget every draft (the history was forgotten)."""
        self._drafts.clear()

    def __len__(self) -> int:
        return len(self._drafts)
