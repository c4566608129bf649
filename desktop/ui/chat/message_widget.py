"""One message on screen: who wrote it, its text, its actions."""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, SignalInstance, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QEnterEvent,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from desktop.ui.chat.message_actions import MessageActions
from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.shown_message import ShownMessage

NOTICE_MS = 1500
"""How long "Copied" stays next to the heading."""


def _mix(base: QColor, tint: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * share,
        base.greenF() + (tint.greenF() - base.greenF()) * share,
        base.blueF() + (tint.blueF() - base.blueF()) * share,
    )


def _small(widget: QWidget, bold: bool = False) -> None:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    font.setBold(bold)
    widget.setFont(font)


def _faint(widget: QWidget) -> None:
    palette = widget.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
    )
    widget.setPalette(palette)


@functools.cache
def _header_height() -> int:
    """The height of a small tool button: the header is that tall before it has any."""
    button = QToolButton()
    _small(button)
    button.setText("Copy")
    return button.sizeHint().height()


class MessageWidget(QWidget):
    """Shows one ``ShownMessage``; the view creates it when the message comes on screen.

    Only what every message needs is made at once; the memory line, the branch arrows, the
    footer, the actions (shown while the pointer is over the message, and in the text's
    context menu) and the tail of a reply being written are made when first needed, so that
    scrolling through a long conversation is quick. The actions that need the message's key
    are not offered when it has none (incognito).

    A reply being written shows its runs of complete blocks, rendered, in ``body``, and the
    text after them in ``tail``, as plain text: a piece is added to the short tail, and a
    run to the end of the body, so neither costs more as the reply grows.

    Attributes:
        message: what it shows.
        body: the message's text (of a reply being written, its complete blocks).
        tail: the rest of a reply being written; None otherwise.

    Signals:
        height_changed(): its text needs another height at the same width.
        edit_requested(int): the user wants to edit this question (its message id).
        regenerate_requested(int): the user wants another answer in place of this one.
        continue_requested(int): the user wants this unfinished reply written on.
        delete_requested(int): the user wants this message deleted.
        branch_requested(int, int): the user wants the sibling before (-1) or after (+1).
    """

    height_changed = Signal()
    edit_requested = Signal(int)
    regenerate_requested = Signal(int)
    continue_requested = Signal(int)
    delete_requested = Signal(int)
    branch_requested = Signal(int, int)

    def __init__(self, message: ShownMessage, style_sheet: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.message = message
        if not message.is_user:
            # A reply draws nothing of its own: as it grows, only the new part is painted.
            self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._style_sheet = style_sheet
        self._divider: QWidget | None = None
        self._branch: tuple[QToolButton, QLabel, QToolButton] | None = None
        self._notice: QLabel | None = None
        self._notice_timer: QTimer | None = None
        self._actions: MessageActions | None = None
        self._footer: QLabel | None = None
        self.tail: MessageBody | None = None

        heading = QLabel(message.heading)
        _small(heading, bold=True)
        heading.setMinimumHeight(_header_height())
        self._header = QHBoxLayout()
        self._header.setContentsMargins(0, 0, 0, 0)
        self._header.setSpacing(4)
        self._header.addWidget(heading)
        self._header.addStretch(1)
        self.body = self._text()
        self.body.code_copy_requested.connect(self.copy_code)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 8)
        layout.setSpacing(2)
        layout.addLayout(self._header)
        layout.addWidget(self.body)
        self.refresh()
        self.show_text()

    # Showing the message

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
        if self._actions is not None:
            self._offer_actions(self._actions)
        if message.footer and self._footer is None:
            self._footer = QLabel()
            self._footer.setWordWrap(True)
            self._footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            _small(self._footer)
            _faint(self._footer)
            self._layout().addWidget(self._footer)
        if self._footer is not None:
            self._footer.setText(message.footer)
            self._footer.setVisible(bool(message.footer))
        self._layout().activate()  # the header's own layout keeps its old size till then

    def show_text(self) -> None:
        """Show the message's text: typed, rendered, or as far as it has arrived."""
        message = self.message
        stream = message.stream
        if message.is_user:
            self.body.show_plain(message.text)
        elif stream is not None:
            self.body.show_html("".join(stream.runs))
            if self.tail is None:
                self.tail = self._text()
                self._layout().insertWidget(self._layout().indexOf(self.body) + 1, self.tail)
            self.tail.show_plain(stream.tail)
        else:
            self.body.show_html(message.rendered().html)
            if self.tail is not None:
                self.tail.hide()
                self.tail.deleteLater()
                self.tail = None

    def add_piece(self, piece: str, run: str | None) -> None:
        """Show the next *piece* of the reply; *run* is the HTML of the run it completed."""
        stream = self.message.stream
        assert stream is not None and self.tail is not None
        if run is None:
            self.tail.append_text(piece)
        else:
            self.body.append_html(run)
            self.tail.show_plain(stream.tail)

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
            self._offer_actions(self._actions)
            self._header.addWidget(self._actions)
        self._actions.show()
        return self._actions

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

    def _text(self) -> MessageBody:
        text = MessageBody(self._style_sheet)
        text.menu_actions = self._menu_actions
        text.height_changed.connect(self.height_changed)
        return text

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

    def _make_branch(self) -> tuple[QToolButton, QLabel, QToolButton]:
        previous = QToolButton()
        previous.setText("\u2039")
        previous.setToolTip(self.tr("Previous version"))
        previous.clicked.connect(lambda: self._step_branch(-1))
        label = QLabel()
        following = QToolButton()
        following.setText("\u203a")
        following.setToolTip(self.tr("Next version"))
        following.clicked.connect(lambda: self._step_branch(+1))
        for position, widget in enumerate((previous, label, following), start=1):
            _small(widget)
            if isinstance(widget, QToolButton):
                widget.setAutoRaise(True)
            self._header.insertWidget(position, widget)
        return previous, label, following

    # Actions

    @Slot()
    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(self.message.text)
        self._show_notice()

    @Slot(int)
    def copy_code(self, number: int) -> None:
        code = self.message.code_block(number)
        if code is not None:
            QGuiApplication.clipboard().setText(code)
            self._show_notice()

    def _show_notice(self) -> None:
        if self._notice is None or self._notice_timer is None:
            self._notice = QLabel(self.tr("Copied"))
            _small(self._notice)
            _faint(self._notice)
            after_heading = 1 + (len(self._branch) if self._branch is not None else 0)
            self._header.insertWidget(after_heading, self._notice)
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

    def enterEvent(self, event: QEnterEvent) -> None:
        self.show_actions()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._actions is not None:
            self._actions.hide()
        super().leaveEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.message.is_user:
            return
        area = self.rect().adjusted(6, 2, -6, -2)
        if self._divider is not None and self._divider.isVisible():
            area.setTop(self._divider.geometry().bottom())
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(
            _mix(
                palette.color(QPalette.ColorRole.Base),
                palette.color(QPalette.ColorRole.Highlight),
                0.12,
            )
        )
        painter.drawRoundedRect(area, 8, 8)
