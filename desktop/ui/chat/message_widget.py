"""One message on screen: who wrote it, its text, its actions."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import (
    QAction,
    QEnterEvent,
    QGuiApplication,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.core.chat.markdown import Prose, Rendered
from desktop.core.chat.pasted import split_pasted
from desktop.ui.chat.citation_marks import with_citations
from desktop.ui.chat.message_actions import MessageActions
from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.question_bubble import BUBBLE_PAD, Bubble
from desktop.ui.chat.reply_parts import ReplyParts
from desktop.ui.chat.shown_message import ShownMessage
from desktop.ui.chat.sources_view import SourcesView
from desktop.ui.theme import TARGET_PX, set_type
from desktop.ui.widgets.icon_button import IconButton

NOTICE_MS = 1500
"""How long "Copied" stays beside the actions."""
BUBBLE_SHARE = 0.8
"""The widest a user's message is, as a share of the reading column."""


def _small(widget: QWidget, bold: bool = False) -> None:
    set_type(widget, "caption")
    if bold:
        # In the style sheet, not the font: a font set on the widget would keep its size
        # when the text size changes.
        widget.setStyleSheet("font-weight: 600;")


def _faint(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    widget.setPalette(palette)


def _row() -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    return row


class MessageWidget(QWidget):
    """Shows one ``ShownMessage``; the view creates it when the message comes on screen.

    Like the chat apps people know: the user's message in a tinted bubble on the right, at
    most ``BUBBLE_SHARE`` of the column wide; a reply on the window's background under its
    model's name, its prose and code blocks in ``ReplyParts``, the code blocks in widgets of
    their own (``CodeBlock``), which scroll sideways. Under every message, a row for its
    actions (shown while the pointer is over it, and always under the last reply, and in the
    text's context menu) and its branch arrows: reachable at the end of a long message, and
    its text's context menu anywhere.

    Only what every message needs is made at once; the memory line, the branch arrows, the
    footer, the actions and the tail of a reply being written are made when first needed,
    so that scrolling through a long conversation is quick. The actions that need the
    message's key are not offered when it has none (incognito).

    A reply being written shows its runs of complete blocks, rendered, and the text after
    them in a tail, as plain text: a piece is added to the short tail, and a run's prose
    to the end of the last prose (or a new one after a code block), so neither costs more
    as the reply grows.

    Attributes:
        message: what it shows.
        heading: a reply's header, the model's name (a reply's only).

    Signals:
        height_changed(): its text needs another height at the same width.
        edit_requested(int): the user wants to edit this question (its message id).
        regenerate_requested(int): the user wants another answer in place of this one.
        continue_requested(int): the user wants this unfinished reply written on.
        delete_requested(int): the user wants this message deleted.
        branch_requested(int, int): the user wants the sibling before (-1) or after (+1).
        source_requested(Source): the user clicked one of the reply's sources.
        citation_requested(int): the user clicked the chip of the reply's citation [n].
    """

    height_changed = Signal()
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    continue_requested = Signal(int)
    delete_requested = Signal(int)
    branch_requested = Signal(int, int)
    source_requested = Signal(object)
    citation_requested = Signal(int)

    def __init__(self, message: ShownMessage, style_sheet: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = message
        if not message.is_user:
            # A reply draws nothing of its own: as it grows, only the new part is painted.
            self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._divider: QWidget | None = None
        self._branch: tuple[IconButton, QLabel, IconButton] | None = None
        self._notice: QLabel | None = None
        self._notice_timer: QTimer | None = None
        self._actions: MessageActions | None = None
        self._footer: QLabel | None = None
        self.sources_view: SourcesView | None = None
        self._bubble_margin = -1
        self._cites: frozenset[int] | None = None  # the citations shown as chips, once shown

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 2)
        layout.setSpacing(4)
        # The action row, on the side the message is: the branch arrows at its outer end,
        # then the actions, then "Copied". The actions are made when first shown, on the
        # inner side of the arrows, and keep their space once hidden: nothing in the row
        # moves when the pointer comes over the message.
        self._action_row = _row()
        keeper = QWidget()  # holds the row's height before it has anything in it
        keeper.setFixedSize(0, TARGET_PX)  # the actions' height (``MessageActions``)
        self._action_row.addWidget(keeper)
        self._branch_slot, self._actions_slot, self._notice_slot = _row(), _row(), _row()
        slots = [self._branch_slot, self._actions_slot, self._notice_slot]
        if message.is_user:
            self._action_row.addStretch(1)
            slots.reverse()
        for slot in slots:
            self._action_row.addLayout(slot)
        if not message.is_user:
            self._action_row.addStretch(1)
        self._reply: ReplyParts | None = None
        if message.is_user:
            self._user_text = MessageBody(style_sheet)
            self._user_text.menu_actions = self._menu_actions
            self._user_text.height_changed.connect(self.height_changed)
            self._bubble_row = QHBoxLayout()
            self._bubble_row.setContentsMargins(0, 0, 0, 0)
            self._bubble = Bubble(self._user_text)
            self._bubble_row.addWidget(self._bubble)
            layout.addLayout(self._bubble_row)
        else:
            self.heading = QLabel(message.heading)
            _small(self.heading, bold=True)
            layout.addWidget(self.heading)
            self._reply = ReplyParts(style_sheet)
            self._reply.menu_actions = self._menu_actions
            self._reply.copied.connect(self._show_notice)
            self._reply.citation_clicked.connect(self.citation_requested)
            self._reply.height_changed.connect(self.height_changed)
            layout.addWidget(self._reply)
        layout.addLayout(self._action_row)
        self.refresh()
        self.show_text()

    # Size

    def heightForWidth(self, width: int) -> int:
        self._fit_bubble(width)
        return super().heightForWidth(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_bubble(event.size().width())
        super().resizeEvent(event)

    def _fit_bubble(self, width: int) -> None:
        """Make the user's bubble as wide as its text, up to ``BUBBLE_SHARE`` of *width*,
        against the right edge."""
        if not self.message.is_user:
            return
        margins = self._layout().contentsMargins()
        column = width - margins.left() - margins.right()
        widest = max(1, int(column * BUBBLE_SHARE))
        document = self._user_text.document()
        document.setTextWidth(max(1, widest - 2 * BUBBLE_PAD[0]))
        inside = max(math.ceil(document.idealWidth()) + 2, self._bubble.chips_width())
        bubble = min(widest, inside + 2 * BUBBLE_PAD[0])
        margin = max(0, column - bubble)  # the column's width changes with the text size too
        if margin != self._bubble_margin:
            self._bubble_margin = margin
            self._bubble_row.setContentsMargins(margin, 0, 0, 0)

    # Showing the message

    def texts(self) -> list[MessageBody]:
        """The message's text widgets, in order: prose, code, and the tail being written."""
        return self._reply.texts() if self._reply is not None else [self._user_text]

    def plain_text(self) -> str:
        """What the message shows, as plain text, its segments one per line."""
        return "\n".join(text.toPlainText() for text in self.texts())

    def refresh(self) -> None:
        """Show the message's marks and actions as they are now (not its text)."""
        message = self.message
        if message.memory_start and self._divider is None:
            self._divider = self._make_divider()
            self._layout().insertWidget(0, self._divider)
        if self._divider is not None:
            self._divider.setVisible(message.memory_start)
        branch = message.branch if message.message_id is not None else None
        if branch is not None and self._branch is None:
            self._branch = self._make_branch()
        if self._branch is not None:
            for widget in self._branch:
                widget.setVisible(branch is not None)
            if branch is not None:
                index, count = branch
                previous, label, following = self._branch
                label.setText(f"{index + 1} / {count}")
                previous.setEnabled(index > 0)
                following.setEnabled(index < count - 1)
        if self._keeps_actions():
            self.show_actions()
        elif self._actions is not None:
            self._offer_actions(self._actions)
            self._actions.setVisible(self.underMouse())
        # A reply being written keeps its footer's line, for how far the model has read and
        # then its statistics: nothing moves when the reply ends.
        footed = bool(message.footer) or message.stream is not None
        if footed and self._footer is None:
            self._footer = QLabel()
            self._footer.setWordWrap(True)
            self._footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            _small(self._footer)
            _faint(self._footer)
            self._layout().insertWidget(self._layout().count() - 1, self._footer)
        if self._footer is not None:
            self._footer.setText(message.footer or " ")
            self._footer.setVisible(footed)
        if message.sources and self.sources_view is None:
            self.sources_view = SourcesView()
            self.sources_view.source_requested.connect(self.source_requested)
            self.citation_requested.connect(self.sources_view.open_source)
            # Under the text, above the footer and the actions.
            layout = self._layout()
            footer = self._footer
            at = layout.indexOf(footer) if footer is not None else layout.count() - 1
            layout.insertWidget(at, self.sources_view)
        if self.sources_view is not None:
            self.sources_view.set_sources(message.sources)
            # Now, not when the layout's queued show comes: the height measured next counts it.
            self.sources_view.setVisible(bool(message.sources))
        cites = frozenset(source.number for source in message.sources)
        if self._cites is not None and message.stream is None and self._cites != cites:
            self.show_text()  # its sources came: its citations become chips
        self._layout().activate()  # the rows' own layouts keep their old size till then

    def show_text(self) -> None:
        """Show the message's text: typed, rendered, or as far as it has arrived."""
        message = self.message
        if self._reply is None:
            typed, pasted = split_pasted(message.text)
            self._user_text.show_plain(typed)
            self._user_text.setVisible(bool(typed) or not pasted)
            self._bubble.set_pasted(pasted)
            return
        stream = message.stream
        if stream is not None:
            self._reply.show_segments(stream.segments, stream.tail)
        else:
            self._cites = frozenset(source.number for source in message.sources)
            segments = [
                Prose(with_citations(segment.html, self._cites, self.palette()))
                if isinstance(segment, Prose)
                else segment
                for segment in message.rendered().segments
            ]
            self._reply.show_segments(segments, None)

    def add_piece(self, piece: str, run: Rendered | None) -> None:
        """Show the next *piece* of the reply; *run* is the run it completed, rendered."""
        stream = self.message.stream
        assert stream is not None and self._reply is not None
        if run is None:
            self._reply.append_to_tail(piece)
        else:
            self._reply.add_run(run.segments, stream.tail)

    def show_actions(self) -> MessageActions:
        """Show the buttons of the actions that apply (as the pointer comes over it)."""
        if self._actions is None:
            self._actions = MessageActions()
            self._actions.copy.triggered.connect(self.copy_message)
            self._actions.edit.triggered.connect(lambda: self._emit_id(self.edit_requested))
            self._actions.regenerate.triggered.connect(
                lambda: self._emit_id(self.regenerate_requested)
            )
            self._actions.resume.triggered.connect(lambda: self._emit_id(self.continue_requested))
            self._actions.delete.triggered.connect(lambda: self._emit_id(self.delete_requested))
            self._actions_slot.addWidget(self._actions)
        self._offer_actions(self._actions)
        self._actions.show()
        return self._actions

    def branch_switcher(self) -> tuple[IconButton, QLabel, IconButton] | None:
        """The branch arrows and the label between them, once the message has siblings."""
        return self._branch

    def _keeps_actions(self) -> bool:
        """The last reply shows its actions always, as chat apps do, once it is written."""
        return self.message.last_reply and self.message.stream is None

    def _offer_actions(self, actions: MessageActions) -> None:
        message = self.message
        keyed = message.message_id is not None
        writing = message.stream is not None
        actions.offer(
            edit=keyed and message.is_user,
            regenerate=keyed and message.last_reply and not writing,
            delete=keyed and not writing,
            resume=keyed and message.continuable and not writing,
        )

    def _menu_actions(self) -> list[QAction]:
        actions = self.show_actions()
        return actions.offered()

    def _layout(self) -> QVBoxLayout:
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    def _make_divider(self) -> QWidget:
        divider = QWidget()
        divider.setObjectName("memory_divider")
        row = QHBoxLayout(divider)
        row.setContentsMargins(0, 2, 0, 8)
        label = QLabel(self.tr("The model no longer sees the messages above this line"))
        _small(label)
        _faint(label)
        for widget, stretch in ((self._line(), 1), (label, 0), (self._line(), 1)):
            row.addWidget(widget, stretch)
        return divider

    @staticmethod
    def _line() -> QFrame:
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Plain)
        palette = line.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Mid))
        line.setPalette(palette)
        return line

    def _make_branch(self) -> tuple[IconButton, QLabel, IconButton]:
        previous = IconButton("caret-left", self.tr("Previous version"))
        previous.clicked.connect(lambda: self._step_branch(-1))
        label = QLabel()
        _small(label)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # As wide as "99 / 99" whatever it says, so the arrows stay where they are.
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance("99 / 99"))
        following = IconButton("caret-right", self.tr("Next version"))
        following.clicked.connect(lambda: self._step_branch(+1))
        for arrow in (previous, following):
            arrow.setFixedSize(TARGET_PX, TARGET_PX)
        for widget in (previous, label, following):
            self._branch_slot.addWidget(widget)
        return previous, label, following

    # Actions

    @Slot()
    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(self.message.text)
        self._show_notice()

    @Slot()
    def _show_notice(self) -> None:
        if self._notice is None or self._notice_timer is None:
            self._notice = QLabel(self.tr("Copied"))
            _small(self._notice)
            _faint(self._notice)
            self._notice_slot.addWidget(self._notice)
            self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
            self._notice_timer.timeout.connect(self._notice.hide)
        self._notice.show()
        self._notice_timer.start()

    def _emit_id(self, signal: SignalInstance) -> None:
        if self.message.message_id is not None:
            signal.emit(self.message.message_id)

    def _step_branch(self, step: int) -> None:
        if self.message.message_id is not None:
            self.branch_requested.emit(self.message.message_id, step)

    # Looks

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._cites:
            self.show_text()  # the chips, in the new colours

    def enterEvent(self, event: QEnterEvent) -> None:
        self.show_actions()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._actions is not None and not self._keeps_actions():
            self._actions.hide()
        super().leaveEvent(event)
