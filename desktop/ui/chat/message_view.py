"""The conversation, as the user reads it: its messages, as they come, and their marks."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from desktop.core.library.names import display_name
from desktop.core.remote.server import split_model_name
from desktop.core.vault.sources import Source
from desktop.ui.chat.message_column import PAD, MessageColumn
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.shown_message import ShownMessage
from desktop.ui.chat.turn import Turn


def reply_heading(model: str) -> str:
    """What a reply is headed with for the model named *model* as the chat records it (a
    file's stem, or ``server/model``): its human name ("SmolLM2 135M Instruct")."""
    remote = split_model_name(model)
    if remote is not None:
        return remote[1]
    return display_name(Path(f"{model}.gguf"))


class MessageView(MessageColumn):
    """Shows a conversation of any length, and a reply growing as it streams: its messages,
    their marks (branches, the memory line, Continue), and finding words in them.

    Its signals are ``MessageColumn``'s.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._by_id: dict[int, ShownMessage] = {}
        self._last_reply: ShownMessage | None = None
        self._memory_start: ShownMessage | None = None
        self._continuable: ShownMessage | None = None

    # Messages

    def clear(self) -> None:
        for message in list(self._shown):
            self._release(message)
        self._messages.clear()
        self._heights.reset(())
        self._by_id.clear()
        self._writing = self._last_reply = self._memory_start = self._continuable = None
        self._follow = True
        self._anchor = None
        self.set_has_earlier(False)

    def add_user_message(self, text: str, message_id: int | None = None) -> None:
        self._finish_writing()
        self._append(Turn("user", text, message_id))
        self._show_newest()

    def add_reply(
        self,
        heading: str,
        text: str,
        message_id: int | None = None,
        footer: str = "",
        sources: Sequence[Source] = (),
    ) -> None:
        """Add a finished reply (a saved one, say), under *heading*, the model's name, with
        the *sources* it cites."""
        self._finish_writing()
        self._append(Turn("assistant", text, message_id, heading, footer, tuple(sources)))
        self._show_newest()

    def begin_reply(self, heading: str, message_id: int | None = None) -> None:
        """Start the assistant's turn; ``append_reply`` adds to it, ``end_reply`` ends it."""
        self._finish_writing()
        message = self._append(Turn("assistant", "", message_id, heading))
        message.start_stream()
        self._writing = message
        self._refresh(message)
        self._show_newest()

    def resume_reply(self, message_id: int) -> None:
        """Go on writing the reply *message_id* (continued): ``append_reply`` adds to its
        text, ``end_reply`` ends it."""
        message = self._by_id.get(message_id)
        if message is None or message.is_user:
            return
        self._finish_writing()
        self.set_continuable(None)
        message.footer = ""
        message.start_stream()
        self._writing = message
        widget = self._shown.get(message)
        if widget is not None:
            widget.show_text()
        self._refresh(message)
        self._show_newest()

    def show_reply_progress(self, text: str) -> None:
        """Show *text* (how far the model has read) below the reply being written; empty
        takes it away."""
        message = self._writing
        if message is not None and message.footer != text:
            message.footer = text
            self._refresh(message)

    def append_reply(self, piece: str) -> None:
        message = self._writing
        if message is None or message.stream is None:
            return
        run = message.stream.feed(piece)
        widget = self._shown.get(message)
        if widget is not None:
            widget.add_piece(piece, run)
        elif not self._arrange_timer.isActive():
            self._arrange_timer.start()

    def end_reply(self, footer: str) -> None:
        """Close the assistant's turn with a line such as its speed (empty for none)."""
        message = self._writing
        if message is None:
            return
        self._writing = None
        message.finish(footer)
        widget = self._shown.get(message)
        if widget is not None:
            widget.show_text()
        self._refresh(message)

    def set_sources(self, message_id: int, sources: Sequence[Source]) -> None:
        """List *sources* under the reply *message_id* (one just written); empty: none."""
        message = self._by_id.get(message_id)
        if message is not None and message.sources != tuple(sources):
            message.sources = tuple(sources)
            self._refresh(message)

    def prepend_messages(self, turns: Sequence[Turn]) -> None:
        """Add *turns*, the messages before the first one shown, above it; what the user
        reads stays where it is."""
        if not turns:
            return
        added = [ShownMessage(self._with_heading(turn), row) for row, turn in enumerate(turns)]
        for message in self._messages:
            message.row += len(added)
        heights = [self._estimate(message) for message in added]
        heights += (self._heights.height(row) for row in range(len(self._heights)))
        self._messages[:0] = added
        self._heights.reset(heights)
        for message in added:
            if message.message_id is not None:
                self._by_id[message.message_id] = message
        if self._last_reply is None:
            replies = [message for message in added if not message.is_user]
            if replies:
                self._set_last_reply(replies[-1])
        self._keep_reading_position()
        self._earlier_asked = False
        self._arrange()

    def replace_from(self, message_id: int, turns: Sequence[Turn]) -> None:
        """Show *turns* in place of the message *message_id* and every one after it (another
        branch of the conversation); the messages above stay where they are, as far as
        the new ones reach down the screen."""
        first = self._by_id.get(message_id)
        if first is None:
            return
        if not self._arrange_timer.isActive():
            self._follow = False  # even at the bottom: the new branch may be shorter
        if self._anchor is not None and self._anchor[0].row >= first.row:
            self._anchor = None  # the bar's value holds the place
        removed = self._messages[first.row :]
        del self._messages[first.row :]
        self._heights.reset(self._heights.height(row) for row in range(first.row))
        for message in removed:
            if message in self._shown:
                self._release(message)
            if message.message_id is not None:
                self._by_id.pop(message.message_id, None)
        if self._writing in removed:
            self._writing = None
        if self._memory_start in removed:
            self._memory_start = None
        if self._continuable in removed:
            self._continuable = None
        if self._last_reply in removed:
            self._last_reply = None
            replies = [message for message in self._messages if not message.is_user]
            if replies:
                self._set_last_reply(replies[-1])
        for turn in turns:
            self._append(turn)
        self._arrange()

    def shows(self, message_id: int) -> bool:
        return message_id in self._by_id

    def message_widget(self, message_id: int) -> MessageWidget | None:
        """The widget showing the message *message_id*, while it is on screen or written."""
        message = self._by_id.get(message_id)
        return self._shown.get(message) if message is not None else None

    def measured_height(self, message_id: int) -> int | None:
        """The height the view keeps for the message *message_id*, measured at
        ``column_width``; None while it is guessed from the message's length."""
        message = self._by_id.get(message_id)
        if message is None or not message.height_known:
            return None
        return self._heights.height(message.row)

    def column_width(self) -> int:
        """How wide the messages are (-1 before the view is first shown)."""
        return self._column

    def highlight(self, message_id: int, words: str) -> None:
        """Scroll to the message and select the first of *words* found in it."""
        message = self._by_id.get(message_id)
        if message is None:
            return
        self._follow = False
        self._anchor = (message, -PAD)
        self._arrange()
        widget = self._shown.get(message)
        if widget is None:
            return
        texts = widget.texts()
        for text in texts:
            text.setTextCursor(QTextCursor(text.document()))
        for word in words.split():
            for text in texts:
                found = text.document().find(word)
                if found.isNull():
                    continue
                text.setTextCursor(found)
                line = text.mapTo(widget, text.cursorRect(found).topLeft()).y()
                if line > self.viewport().height() * 2 // 3:
                    self._anchor = (message, line - self.viewport().height() // 3)
                    self._arrange()
                return

    def selected_text(self) -> str:
        """The text selected in the messages on screen (``highlight`` selects a word)."""
        for widget in self._shown.values():
            for text in widget.texts():
                cursor = text.textCursor()
                if cursor.hasSelection():
                    return cursor.selectedText()
        return ""

    def toPlainText(self) -> str:
        """The conversation as text: headings, messages as written, footers (as the
        ``QTextEdit`` this view replaces reports it; tests read it)."""
        lines = [self._earlier_button.text()] if self._has_earlier else []
        for message in self._messages:
            lines += (message.heading, message.text)
            if message.footer:
                lines.append(message.footer)
            lines += (f"[{source.number}] {source.label}" for source in message.sources)
        return "\n".join(lines)

    # Marks

    def set_branch(self, message_id: int, index: int, count: int) -> None:
        """Show that the message is version *index* (from 0) of *count*, with arrows to the
        others; a count of 1 shows nothing."""
        message = self._by_id.get(message_id)
        if message is not None:
            message.branch = (index, count) if count > 1 else None
            self._refresh(message)

    def memory_start(self) -> int | None:
        """The message the memory line stands above, if any (and if it has an id)."""
        return self._memory_start.message_id if self._memory_start is not None else None

    def set_memory_start(self, message_id: int | None) -> None:
        """Draw the line above which the model no longer sees the conversation above the
        message *message_id*; None for none."""
        old = self._memory_start
        new = self._by_id.get(message_id) if message_id is not None else None
        if old is new:
            return
        self._memory_start = new
        if old is not None:
            old.memory_start = False
            self._refresh(old)
        if new is not None:
            new.memory_start = True
            self._refresh(new)

    def set_continuable(self, message_id: int | None) -> None:
        """Offer Continue on the reply *message_id* (it ended before its model finished
        it); None: on none."""
        old = self._continuable
        new = self._by_id.get(message_id) if message_id is not None else None
        if old is new:
            return
        self._continuable = new
        for message, flag in ((old, False), (new, True)):
            if message is not None:
                message.continuable = flag
                self._refresh(message)

    # Keeping the messages

    def _append(self, turn: Turn) -> ShownMessage:
        message = ShownMessage(self._with_heading(turn), len(self._messages))
        self._messages.append(message)
        self._heights.append(self._estimate(message))
        if message.message_id is not None:
            self._by_id[message.message_id] = message
        if not message.is_user:
            self._set_last_reply(message)
        return message

    def _with_heading(self, turn: Turn) -> Turn:
        if turn.role != "user":
            return dataclasses.replace(turn, heading=reply_heading(turn.heading))
        return dataclasses.replace(turn, heading=self.tr("You"))

    def _set_last_reply(self, message: ShownMessage) -> None:
        old, self._last_reply = self._last_reply, message
        if old is not None:
            old.last_reply = False
            self._refresh(old)
        message.last_reply = True
        self._refresh(message)

    def _finish_writing(self) -> None:
        if self._writing is not None:
            self.end_reply("")
