"""The scrolling column of a conversation's messages: only those on screen have widgets."""

from __future__ import annotations

import functools

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontInfo, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QPushButton, QWidget

from desktop.ui.chat.height_index import HeightIndex
from desktop.ui.chat.message_body import document_style_sheet
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.shown_message import ShownMessage

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


class MessageColumn(QAbstractScrollArea):
    """Lays out a conversation of any length; ``MessageView`` says what is in it.

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
        source_requested(Source): the user clicked one of a reply's sources, or the chip of
            a citation [n] in its text.
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
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(24)
        self.verticalScrollBar().actionTriggered.connect(self._scroll_action)
        self._style_sheet = document_style_sheet()
        self._messages: list[ShownMessage] = []
        self._heights = HeightIndex()
        self._shown: dict[ShownMessage, MessageWidget] = {}  # the messages with widgets
        self._writing: ShownMessage | None = None  # kept a widget wherever it is
        self._width = -1  # the viewport's
        self._column = -1  # the messages' (their heights are measured at this width)
        self._follow = True
        self._anchor: tuple[ShownMessage, int] | None = None
        self._arranging = False
        self._arrange_again = False
        self._has_earlier = False
        self._earlier_asked = False
        # Under MessageView's name: tr() would ask under the class of the object (always a
        # MessageView), and the translation files would file it under this one.
        earlier = QCoreApplication.translate("MessageView", "Show earlier messages")
        self._earlier_button = QPushButton(earlier, self.viewport())
        self._earlier_button.setFlat(True)
        self._earlier_button.clicked.connect(self._ask_earlier)
        self._earlier_button.hide()
        self._arrange_timer = QTimer(self, singleShot=True, interval=0)
        self._arrange_timer.timeout.connect(self._arrange)
        # Once every widget has taken the new text size or style (they take it one by one).
        self._restyle_timer = QTimer(self, singleShot=True, interval=0)
        self._restyle_timer.timeout.connect(self._restyled)

    # The messages before those shown

    def set_has_earlier(self, has_earlier: bool) -> None:
        """Say whether there are messages before the first one shown, to ask for."""
        self._has_earlier = has_earlier
        self._earlier_asked = False
        self._earlier_button.setVisible(has_earlier)
        self._keep_reading_position()
        self._arrange()

    # Layout

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
        widget = self._shown.get(message)
        if widget is not None:
            widget.refresh()
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
        self._shown[message] = widget
        return widget

    def _release(self, message: ShownMessage) -> None:
        widget = self._shown.pop(message)
        widget.hide()
        widget.deleteLater()

    def _message_resized(self, message: ShownMessage) -> None:
        widget = self._shown.get(message)
        if widget is None or self._column <= 0:
            return
        if self._arranging:
            message.height_known = False
            self._arrange_again = True
            return
        height = widget.heightForWidth(self._column)
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
                column = min(width, self.widest_column())
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

    def widest_column(self) -> int:
        """The widest the reading column gets at the view's font, in pixels."""
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
            widget = self._shown.get(message) or self._materialize(message)
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
        for message, widget in list(self._shown.items()):
            y = header + self._heights.offset(message.row)
            size = self._heights.height(message.row)
            if (y + size < keep_from or y > keep_to) and message is not self._writing:
                self._release(message)
            else:
                places.append((widget, y - top, size))
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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._restyle_timer.start()

    @Slot()
    def _restyled(self) -> None:
        """Measure every message again: the text size or the style changed the height of
        each part of it (its text, header, statistics line, bubble) and the column's width."""
        self._width = self._column = -1
        self._keep_reading_position()
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
