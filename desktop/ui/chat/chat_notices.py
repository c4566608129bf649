"""Sentences above the composer about a chat's reply: what went wrong, or that it is not
saved yet, named by the chat's title when another chat is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop.core.chat.session import ChatSession
from desktop.core.errors import UserError
from desktop.text.messages import user_message
from desktop.ui.chat.chat_column import ChatColumn

# The sentences here keep the translation context of the chat controller, which said them
# first, and with it their translations.


class ChatNotices:
    """Tells the user about a chat's reply, in the chat column's notice."""

    def __init__(self, column: ChatColumn, shown: Callable[[], ChatSession]) -> None:
        """Show the notices in *column*; *shown* says which chat is shown now."""
        self._column = column
        self._shown = shown

    def error(self, session: ChatSession, error: UserError) -> None:
        """Say what went wrong in *session*, with the system's details apart."""
        self.notice(session, user_message(error), error.details)

    def notice(self, session: ChatSession, text: str, details: str = "") -> None:
        """Show *text* about *session*'s reply; named by its chat's title when another chat
        is shown."""
        if session is not self._shown():
            conversation = session.conversation
            title = (
                conversation.title
                if conversation
                else QCoreApplication.translate("ChatController", "Incognito chat")
            )
            text = QCoreApplication.translate("ChatController", "In “{title}”: {text}").format(
                title=title, text=text
            )
        self._column.show_notice(text, details)

    def unsaved(self, session: ChatSession, error: UserError) -> None:
        """Say that *session*'s reply could not be saved, and offer to save it again."""
        text = QCoreApplication.translate(
            "ChatController",
            "This reply is not saved yet. Copy it, or save it again once the disk allows: {reason}",
        ).format(reason=user_message(error))
        self.notice(session, text, error.details)
        self._column.save_again_button.setVisible(session is self._shown())
