"""A chat's stored messages as the chat view is given them: headed by the model that wrote
them, with a footer where a reply was not finished, and their sources."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.chat.session import ChatSession
from desktop.core.vault.store import MessageStatus, StoredMessage
from desktop.ui.chat.turn import Turn

# The sentences here keep the translation context of the chat controller, which said them
# first, and with it their translations.


def turns_of(session: ChatSession, stored: list[StoredMessage]) -> list[Turn]:
    """The questions and replies among *stored* (messages of *session*'s history)."""
    conversation = session.conversation
    heading = (conversation.model if conversation else "") or QCoreApplication.translate(
        "ChatController", "Assistant"
    )
    footers = {
        MessageStatus.INTERRUPTED: QCoreApplication.translate(
            "ChatController", "Interrupted: Sotto stopped before this reply was finished"
        ),
        MessageStatus.CUT_OFF: QCoreApplication.translate(
            "ChatController",
            "Cut off: the connection to the server broke before this reply was finished",
        ),
        MessageStatus.STOPPED: QCoreApplication.translate("ChatController", "Stopped"),
    }
    sources = session.sources([m.id for m in stored if m.role == "assistant"])
    return [
        Turn("user", m.content, m.id)
        if m.role == "user"
        else Turn(
            "assistant", m.content, m.id, heading, footers.get(m.status, ""), sources.get(m.id, ())
        )
        for m in stored
        if m.role in ("user", "assistant")
    ]
