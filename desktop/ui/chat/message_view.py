"""The conversation, as the user reads it: only the messages on screen have widgets."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontInfo, QResizeEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import QAbstractScrollArea, QPushButton, QWidget

from desktop.core.vault.sources import Source
from desktop.ui.chat.height_index import HeightIndex
from desktop.ui.chat.message_body import document_style_sheet
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.shown_message import ShownMessage
from desktop.ui.chat.turn import Turn

PAD = 8
"""Pixels above the first message and below the last."""
FOLLOW_SLACK = 4
"""How near the bottom (pixels) still counts as reading the newest text."""
MEASURE_SCREENS = 0.5
"""Messages this many screens above and below the visible ones are measured too."""
KEEP_SCREENS = 1
"""Widgets of messages further away than this many screens are let go."""
COLUMN_EM = 46
"""The widest the reading column is, in ems of the view's font (at least ``COLUMN_EM`` ems
of ``SMALLEST_EM`` pixels): on a wide window the messages stand in a centred column."""
SMALLEST_EM = 16.5


class MessageView(QAbstractScrollArea):
    """Shows a conversation of any length, and a reply growing as it streams.

    Every message keeps a height (measured once it has been on screen at this width, guessed
    from its length before); a ``HeightIndex`` turns the scroll position into the messages to
    show, and only those, give or take a few screens, have widgets. Adding a message, a
    piece of a reply or a scroll step costs the same however long the conversation is.

    What the user reads stays where it is when the view changes above it (earlier messages
    added, a message measured, the window resized), and a reply being written is followed
    while the user is at the bottom. Messages stand in a centred column of a comfortable
    reading width (``COLUMN_EM``); a narrower window gives them its whole width.

    Signals:
        earlier_requested(): the user scrolled to the top, or clicked "Show earlier
            messages", while ``set_has_earlier(True)``.
        edit_requested(int): the user wants to edit the question with this message id.
        regenerate_requested(int): the user wants another answer in place of this reply.
        continue_requested(int): the user wants this unfinished reply written on.
        delete_requested(int): the user wants this message deleted.
        branch_requested(int, int): the user wants the message's sibling before (-1) or
            after (+1) it shown.
        source_requested(Source): the user clicked one of a reply's sources.
    """

    earlier_requested = Signal()
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    continue_requested = Signal(int)
    delete_requested = Signal(int)
    branch_requested = Signal(int, int)
    source_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(24)
        self.verticalScrollBar().actionTriggered.connect(self._scroll_action)
        self._style_sheet = document_style_sheet()
        self._messages: list[ShownMessage] = []
        self._heights = HeightIndex()
        self._by_id: dict[int, ShownMessage] = {}
        self._shown: set[ShownMessage] = set()
        self._writing: ShownMessage | None = None
        self._last_reply: ShownMessage | None = None
        self._memory_start: ShownMessage | None = None
        self._continuable: ShownMessage | None = None
        self._width = -1  # the viewport's
        self._column = -1  # the messages' (their heights are measured at this width)
        self._follow = True
        self._anchor: tuple[ShownMessage, int] | None = None
        self._arranging = False
        self._arrange_again = False
        self._has_earlier = False
        self._earlier_asked = False
        self._earlier_button = QPushButton(self.tr("Show earlier messages"), self.viewport())
        self._earlier_button.setFlat(True)
        self._earlier_button.clicked.connect(self._ask_earlier)
        self._earlier_button.hide()
        self._arrange_timer = QTimer(self, singleShot=True, interval=0)
        self._arrange_timer.timeout.connect(self._arrange)

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
        if message.widget is not None:
            message.widget.show_text()
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
        if message.widget is not None:
            message.widget.add_piece(piece, run)
        elif not self._arrange_timer.isActive():
            self._arrange_timer.start()

    def end_reply(self, footer: str) -> None:
        """Close the assistant's turn with a line such as its speed (empty for none)."""
        message = self._writing
        if message is None:
            return
        self._writing = None
        message.finish(footer)
        if message.widget is not None:
            message.widget.show_text()
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
            if message.widget is not None:
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

    def highlight(self, message_id: int, words: str) -> None:
        """Scroll to the message and select the first of *words* found in it."""
        message = self._by_id.get(message_id)
        if message is None:
            return
        self._follow = False
        self._anchor = (message, -PAD)
        self._arrange()
        if message.widget is None:
            return
        texts = message.widget.texts()
        for text in texts:
            text.setTextCursor(QTextCursor(text.document()))
        for word in words.split():
            for text in texts:
                found = text.document().find(word)
                if found.isNull():
                    continue
                text.setTextCursor(found)
                line = text.mapTo(message.widget, text.cursorRect(found).topLeft()).y()
                if line > self.viewport().height() * 2 // 3:
                    self._anchor = (message, line - self.viewport().height() // 3)
                    self._arrange()
                return

    def selected_text(self) -> str:
        """The text selected in the messages on screen (``highlight`` selects a word)."""
        for message in self._shown:
            assert message.widget is not None
            for text in message.widget.texts():
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

    def set_has_earlier(self, has_earlier: bool) -> None:
        """Say whether there are messages before the first one shown, to ask for."""
        self._has_earlier = has_earlier
        self._earlier_asked = False
        self._earlier_button.setVisible(has_earlier)
        self._keep_reading_position()
        self._arrange()

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

    # Layout

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
            return turn
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

    def _show_newest(self) -> None:
        self._follow = True
        if not self._arrange_timer.isActive():
            self._arrange_timer.start()

    def _keep_reading_position(self) -> None:
        """Hold what is on screen in place through the change that follows (unless the
        newest message is being followed, or messages just added are to be shown)."""
        following = self._follow and self.verticalScrollBar().maximum() > 0
        if not following and not self._arrange_timer.isActive():
            self._follow = False

    def _refresh(self, message: ShownMessage) -> None:
        """Show a change of the message's marks, and take its new height."""
        if message.widget is not None:
            message.widget.refresh()
            self._message_resized(message)
        else:
            message.height_known = False
            self._heights.set(message.row, self._estimate(message))
            if not self._arrange_timer.isActive():
                self._arrange_timer.start()

    def _estimate(self, message: ShownMessage) -> int:
        """A guess of the message's height, from its length, until it is measured."""
        metrics = self.fontMetrics()
        per_line = max(16, (max(self._column, 320) - 40) // max(1, metrics.averageCharWidth()))
        lines = sum(1 + max(0, length - 1) // per_line for length in message.line_lengths())
        chrome = 2 * metrics.lineSpacing() + 18
        if message.footer:
            chrome += metrics.lineSpacing()
        if message.memory_start:
            chrome += 2 * metrics.lineSpacing()
        if message.sources:
            chrome += (1 + len(message.sources)) * metrics.lineSpacing()
        return chrome + lines * metrics.lineSpacing()

    def _materialize(self, message: ShownMessage) -> MessageWidget:
        widget = MessageWidget(message, self._style_sheet, self.viewport())
        widget.edit_requested.connect(self.edit_requested)
        widget.regenerate_requested.connect(self.regenerate_requested)
        widget.continue_requested.connect(self.continue_requested)
        widget.delete_requested.connect(self.delete_requested)
        widget.branch_requested.connect(self.branch_requested)
        widget.source_requested.connect(self.source_requested)
        widget.height_changed.connect(functools.partial(self._message_resized, message))
        message.widget = widget
        self._shown.add(message)
        return widget

    def _release(self, message: ShownMessage) -> None:
        widget = message.widget
        assert widget is not None
        message.widget = None
        self._shown.discard(message)
        widget.hide()
        widget.deleteLater()

    def _message_resized(self, message: ShownMessage) -> None:
        if message.widget is None or self._column <= 0:
            return
        if self._arranging:
            message.height_known = False
            self._arrange_again = True
            return
        height = message.widget.heightForWidth(self._column)
        message.height_known = True
        if height != self._heights.height(message.row):
            self._heights.set(message.row, height)
            self._arrange()

    def _header_height(self) -> int:
        if not self._has_earlier:
            return PAD
        return self._earlier_button.sizeHint().height() + 2 * PAD

    def _bottom(self) -> int:
        """The largest scroll position."""
        content = self._header_height() + self._heights.total() + PAD
        return max(0, content - self.viewport().height())

    def _top(self) -> int:
        """Where the view's top edge is to be, in the content's coordinates."""
        bottom = self._bottom()
        if self._follow:
            return bottom
        if self._anchor is None:
            return min(self.verticalScrollBar().value(), bottom)
        message, below = self._anchor
        top = self._header_height() + self._heights.offset(message.row) + below
        return max(0, min(bottom, top))

    def _remember_anchor(self, top: int) -> None:
        if not self._messages:
            self._anchor = None
            return
        y = top - self._header_height()
        row = self._heights.row_at(max(0, y))
        self._anchor = (self._messages[row], y - self._heights.offset(row))

    @Slot()
    def _arrange(self) -> None:
        """Measure the messages on screen, make widgets for them and put them in place."""
        if self._arranging:
            self._arrange_again = True
            return
        self._arrange_timer.stop()
        if not self.isVisible():
            return  # widths and heights mean nothing yet: showing the view arranges it
        self._arranging = True
        try:
            width, height = self.viewport().width(), self.viewport().height()
            if width != self._width:
                self._width = width
                column = min(width, self._widest_column())
                if column != self._column:
                    self._column = column
                    self._forget_heights()
            margin = int(height * MEASURE_SCREENS)
            for _ in range(16):  # measuring may bring other messages on screen
                self._arrange_again = False
                top = self._top()
                changed = self._measure(top - margin, top + height + margin)
                if not changed and not self._arrange_again:
                    break
            top = self._top()
            bar = self.verticalScrollBar()
            bar.setRange(0, self._bottom())
            bar.setPageStep(height)
            bar.setValue(top)
            self._place(top, height)
            self._remember_anchor(top)
        finally:
            self._arranging = False

    def _widest_column(self) -> int:
        return round(COLUMN_EM * max(SMALLEST_EM, QFontInfo(self.font()).pixelSize()))

    def _forget_heights(self) -> None:
        for message in self._messages:
            message.height_known = False
        self._heights.reset(self._estimate(message) for message in self._messages)

    def _measure(self, start: int, end: int) -> bool:
        """Give every message between *start* and *end* a widget and its height; whether
        a height changed."""
        if not self._messages:
            return False
        header = self._header_height()
        row = self._heights.row_at(max(0, start - header))
        y = header + self._heights.offset(row)
        changed = False
        while row < len(self._messages) and y < end:
            message = self._messages[row]
            widget = message.widget or self._materialize(message)
            if not message.height_known:
                measured = widget.heightForWidth(self._column)
                message.height_known = True
                if measured != self._heights.height(row):
                    self._heights.set(row, measured)
                    changed = True
            y += self._heights.height(row)
            row += 1
        return changed

    def _place(self, top: int, height: int) -> None:
        header = self._header_height()
        keep_from, keep_to = top - KEEP_SCREENS * height, top + (KEEP_SCREENS + 1) * height
        places: list[tuple[MessageWidget, int, int]] = []
        for message in list(self._shown):
            assert message.widget is not None
            y = header + self._heights.offset(message.row)
            size = self._heights.height(message.row)
            if (y + size < keep_from or y > keep_to) and message is not self._writing:
                self._release(message)
            else:
                places.append((message.widget, y - top, size))
        # Moving every widget would paint the whole screen again: scrolling the viewport
        # moves the pixels, and only what comes into view is painted.
        moved = next((y - w.y() for w, y, _ in places if w.isVisible() and y != w.y()), 0)
        if moved:
            self.viewport().scroll(0, moved)
        left = (self._width - self._column) // 2
        for widget, y, size in places:
            widget.setGeometry(left, y, self._column, size)
            widget.show()
        button = self._earlier_button
        button.setGeometry(
            (self._width - button.sizeHint().width()) // 2,
            PAD - top,
            button.sizeHint().width(),
            button.sizeHint().height(),
        )

    # Events

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if self._arranging:
            return
        bar = self.verticalScrollBar()
        self._follow = bar.value() >= bar.maximum() - FOLLOW_SLACK
        if bar.value() > self._header_height():
            self._earlier_asked = False
        self._remember_anchor(bar.value())
        self._arrange()

    @Slot(int)
    def _scroll_action(self, _action: int) -> None:
        bar = self.verticalScrollBar()
        if self._has_earlier and bar.sliderPosition() <= bar.minimum():
            # After the scroll bar has finished its step: the answer changes its range.
            QTimer.singleShot(0, self, self._ask_earlier)

    @Slot()
    def _ask_earlier(self) -> None:
        if self._has_earlier and not self._earlier_asked:
            self._earlier_asked = True
            self.earlier_requested.emit()
