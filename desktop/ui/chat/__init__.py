"""The chat view: a conversation of any length, its replies in Markdown as they stream."""

from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.turn import Turn

__all__ = ["MessageView", "Turn"]
