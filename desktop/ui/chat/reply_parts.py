"""A reply's text: its prose and code blocks, then the tail still being written, one under
the other, each measured once for a width."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QSize, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.chat.markdown import Code, Prose, Segment
from desktop.core.chat.unfinished import render_unfinished
from desktop.ui.chat.citation_marks import cited
from desktop.ui.chat.code_block import CodeBlock
from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.shown_message import joined_prose

SPACING = 8
"""Pixels between two parts: with their texts' margins, the space between two paragraphs
of one text, so the tail's prose does not move when it joins the prose above it."""
RENDERED_TAIL = 3000
"""The longest tail rendered again at each piece (it costs its length)."""

_RESTYLED = (QEvent.Type.FontChange, QEvent.Type.StyleChange)

Shows = str | Code
"""What a part shows: the HTML of its prose, or its code block."""


def _grouped(segments: Sequence[Segment]) -> list[Shows]:
    """What each part shows for *segments*: prose that follows prose joins it, as it does
    while a reply streams (a run's prose after the last run's)."""
    return [
        segment.html if isinstance(segment, Prose) else segment
        for segment in joined_prose(segments)
    ]


def _height(part: QWidget, width: int) -> int:
    """*part*'s height at *width*, which it is given first: a text laid out at another
    width than its own is laid out again at its own at the next event."""
    if part.width() != width:
        part.resize(width, max(1, part.height()))
    return part.heightForWidth(width)


class ReplyParts(QWidget):
    """The parts of a reply, placed one under the other by hand, without a layout.

    Each part's height is kept for the width it was measured at: a part that grows (the
    tail, as pieces arrive; the last prose, as a run joins it) is measured again alone, and
    only the parts below it move. A layout would ask every part again at every change, and
    a piece would cost more the longer the reply is.

    A reply being written shows its runs of complete blocks, rendered, and the text after
    them in ``tail``, rendered as they will look once complete (``render_unfinished``: a
    list item is a bullet from its first word), or, past ``RENDERED_TAIL`` characters
    (a long code block, a list with no blank line), as plain text, each piece added to
    it. Shown again (written to its end, or continued), the
    parts that show the same as before are kept, and only the others are made or filled
    again: the whole reply rendered once more is mostly what was already on screen.

    Attributes:
        menu_actions: gives the message's actions, for each text's context menu.
        tail: the rest of a reply being written; None otherwise.

    Signals:
        height_changed(): the parts need another height at the same width.
        copied(): a code block's code was put on the clipboard.
        citation_clicked(int): the user clicked the chip of citation [n].
    """

    height_changed = Signal()
    copied = Signal()
    citation_clicked = Signal(int)

    def __init__(self, style_sheet: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.menu_actions: Callable[[], list[QAction]] = list
        self._style_sheet = style_sheet
        self._parts: list[MessageBody | CodeBlock] = []  # the tail last, when there is one
        self._shows: list[Shows | None] = []  # what each part shows; None: the tail
        self._heights: list[int] = []  # each part's, at self._width
        self._width = -1
        self._placed = -1  # the width the parts were placed at
        self._holding = False  # while shown again: the heights are taken once, at the end
        self.tail: MessageBody | None = None
        self._tail_text = ""
        self._tail_plain = False  # the tail is shown as plain text, pieces added to it
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        # It draws nothing of its own: as it grows, only the new part is painted.
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    # Size

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if width != self._width:
            self._measure(width)
            if width == self.width():
                self._place_from(0)  # measured again at its own width: the text size changed
        return self._total()

    def sizeHint(self) -> QSize:
        return QSize(max(40, self._width), self._total())

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLED:
            # The text size or the style changed: every part, a code block's header too,
            # has another height; measured again when next asked.
            self._width = -1
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        width = event.size().width()
        if width != self._width:
            self._measure(width)
        if width != self._placed:
            self._place_from(0)
        super().resizeEvent(event)

    # Showing the reply

    def texts(self) -> list[MessageBody]:
        """The text widgets, in order: prose, code, and the tail being written."""
        return [part.text if isinstance(part, CodeBlock) else part for part in self._parts]

    def show_segments(self, segments: Sequence[Segment], tail: str | None) -> None:
        """Show *segments*, then *tail* as plain text (None: no tail, the reply is written).

        A part that shows the same as before is kept as it is; prose that changed is
        filled again in its own widget.
        """
        self._holding = True
        try:
            first = self._show_parts(_grouped(segments))
            if tail is not None:
                if self.tail is None:
                    self.tail = self._text()
                    self._insert(len(self._parts), self.tail, None)
                self._show_tail(tail)
            elif self.tail is not None:
                self._remove(len(self._parts) - 1)
                self.tail = None
        finally:
            self._holding = False
        if self._width > 0:
            for index in range(first, len(self._parts)):
                self._heights[index] = _height(self._parts[index], self._width)
            self._place_from(first)
        self._changed()

    def append_to_tail(self, piece: str) -> None:
        """Add *piece* to the end of the tail."""
        assert self.tail is not None
        self._tail_text += piece
        if self._tail_plain:
            self.tail.append_text(piece)
        else:
            self._show_tail(self._tail_text)

    def add_run(self, segments: Sequence[Segment], tail: str) -> None:
        """Show *segments*, a run just completed, after the others, and *tail* after them:
        the text still to come."""
        assert self.tail is not None
        for segment in segments:
            at = len(self._parts) - 1  # before the tail
            before = self._shows[at - 1] if at > 0 else None
            if isinstance(segment, Prose) and isinstance(before, str):
                self._shows[at - 1] = before + segment.html
                self._prose(at - 1).append_html(segment.html)
            else:
                shows = segment.html if isinstance(segment, Prose) else segment
                self._insert(at, self._part(segment), shows)
        self._show_tail(tail)

    def _show_tail(self, text: str) -> None:
        """Show *text* in the tail: rendered while it is short, else as plain text."""
        assert self.tail is not None
        self._tail_text = text
        self._tail_plain = len(text) > RENDERED_TAIL
        if self._tail_plain:
            self.tail.show_plain(text)
        else:
            self.tail.show_html(render_unfinished(text))

    def _show_parts(self, shows: list[Shows]) -> int:
        """Make the parts before the tail show *shows*; the first part that changed."""
        ends = len(self._parts) - (self.tail is not None)
        first = ends
        for index, wanted in enumerate(shows):
            if index < ends and self._shows[index] == wanted:
                continue
            first = min(first, index)
            shown = self._shows[index] if index < ends else None
            if isinstance(wanted, str) and isinstance(shown, str):
                if wanted.startswith(shown):  # the tail's prose joined it: add only that
                    self._prose(index).append_html(wanted[len(shown) :])
                else:
                    self._prose(index).show_html(wanted)
                self._shows[index] = wanted
                continue
            if index < ends:
                self._remove(index)
                ends -= 1
            segment = Prose(wanted) if isinstance(wanted, str) else wanted
            self._insert(index, self._part(segment), wanted)
            ends += 1
        while ends > len(shows):
            ends -= 1
            first = min(first, ends)
            self._remove(ends)
        return first

    # Parts

    def _text(self) -> MessageBody:
        text = MessageBody(self._style_sheet, self)
        text.menu_actions = self._menu_actions
        text.height_changed.connect(functools.partial(self._part_resized, text))
        text.anchorClicked.connect(self._link_clicked)
        return text

    @Slot(QUrl)
    def _link_clicked(self, url: QUrl) -> None:
        number = cited(url)
        if number is not None:
            self.citation_clicked.emit(number)

    def _part(self, segment: Segment) -> MessageBody | CodeBlock:
        if isinstance(segment, Prose):
            text = self._text()
            text.show_html(segment.html)
            return text
        block = CodeBlock(segment, self._style_sheet, self)
        block.copied.connect(self.copied)
        block.text.menu_actions = self._menu_actions
        block.text.height_changed.connect(functools.partial(self._part_resized, block))
        return block

    def _prose(self, index: int) -> MessageBody:
        part = self._parts[index]
        assert isinstance(part, MessageBody)
        return part

    def _menu_actions(self) -> list[QAction]:
        return self.menu_actions()

    def _insert(self, index: int, part: MessageBody | CodeBlock, shows: Shows | None) -> None:
        self._parts.insert(index, part)
        self._shows.insert(index, shows)
        part.show()
        if self._holding or self._width <= 0:
            self._heights.insert(index, 0)  # measured once shown, or when first asked
            return
        self._heights.insert(index, _height(part, self._width))
        self._place_from(index)
        self._changed()

    def _remove(self, index: int) -> None:
        part = self._parts.pop(index)
        del self._shows[index]
        del self._heights[index]
        part.hide()
        part.deleteLater()

    def _part_resized(self, part: MessageBody | CodeBlock) -> None:
        if self._holding or self._width <= 0:
            return  # measured when shown, or when first asked
        # The part that grows is nearly always the last one or two: look from the end.
        index = next((i for i in reversed(range(len(self._parts))) if self._parts[i] is part), -1)
        if index < 0:
            return  # let go, to be deleted
        height = _height(part, self._width)
        if height != self._heights[index]:
            self._heights[index] = height
            self._place_from(index)
            self._changed()

    def _changed(self) -> None:
        self.updateGeometry()
        self.height_changed.emit()

    # Placing

    def _measure(self, width: int) -> None:
        self._width = width
        self._heights = [_height(part, width) for part in self._parts]

    def _total(self) -> int:
        return sum(self._heights) + SPACING * max(0, len(self._heights) - 1)

    def _place_from(self, index: int) -> None:
        """Put the parts from *index* down in their places (those above stay where they
        are)."""
        width = self.width()
        self._placed = width
        y = sum(self._heights[:index]) + SPACING * index
        for part, height in zip(self._parts[index:], self._heights[index:], strict=True):
            part.setGeometry(0, y, width, height)
            y += height + SPACING
