"""How the sidebar draws its rows: group headings, and conversations with a rounded
highlight and, under the pointer, their actions (pin, delete) as small icons."""

from __future__ import annotations

import enum

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.history.conversation_list import ConversationIdRole, PinnedRole
from desktop.ui.history.grouped_conversations import HeadingRole
from desktop.ui.icons import icon
from desktop.ui.theme import RADIUS_S, SPACE_L, SPACE_M, SPACE_S, SPACE_XS, TYPE_STEPS

_Index = QModelIndex | QPersistentModelIndex

ROW_PX = 36
"""A conversation's row at the normal text size; it grows with the text."""
_ACTION_PX = 24
_ACTION_ICON_PX = 16


class RowAction(enum.Enum):
    """What the icons of a row under the pointer do."""

    PIN = "pin"
    DELETE = "delete"


class ConversationDelegate(QStyledItemDelegate):
    """Draws ``GroupedConversations``' rows; ``action_at`` says which icon a point is on.

    Attributes:
        writing: the conversation whose Delete is off: a reply is being saved into it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.writing: int | None = None

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        height = QFontMetrics(option.font).height()
        if index.data(HeadingRole):
            return QSize(0, QFontMetrics(_heading_font(option.font)).height() + SPACE_L)
        return QSize(0, max(ROW_PX, height + SPACE_L + SPACE_XS))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if index.data(HeadingRole):
            self._paint_heading(painter, option, index)
        else:
            self._paint_row(painter, option, index)
        painter.restore()

    def _paint_heading(
        self, painter: QPainter, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        painter.setFont(_heading_font(option.font))
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        text = option.rect.adjusted(SPACE_M, 0, -SPACE_M, -SPACE_XS)
        painter.drawText(
            text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, str(index.data())
        )

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        state = option.state
        shape = option.rect.adjusted(SPACE_XS, 1, -SPACE_XS, -1)
        text_colour = option.palette.color(QPalette.ColorRole.Text)
        shade = None
        if state & QStyle.StateFlag.State_Selected:
            shade = 0.14 if state & QStyle.StateFlag.State_HasFocus else 0.11
        elif state & QStyle.StateFlag.State_MouseOver:
            shade = 0.06
        if shade is not None:
            fill = QColor(text_colour)
            fill.setAlphaF(shade)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(shape, RADIUS_S, RADIUS_S)
        text = shape.adjusted(SPACE_S, 0, -SPACE_S, 0)
        if state & QStyle.StateFlag.State_MouseOver:
            actions = self.action_rects(option.rect)
            text.setRight(min(rect.left() for rect in actions.values()) - SPACE_XS)
            self._paint_actions(painter, actions, bool(index.data(PinnedRole)), index)
        painter.setFont(option.font)
        painter.setPen(text_colour)
        title = option.fontMetrics.elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, text.width()
        )
        painter.drawText(text, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)

    def _paint_actions(
        self, painter: QPainter, actions: dict[RowAction, QRect], pinned: bool, index: _Index
    ) -> None:
        names = {
            RowAction.PIN: "push-pin-slash" if pinned else "push-pin",
            RowAction.DELETE: "trash",
        }
        for action, rect in actions.items():
            off = action == RowAction.DELETE and not self.can_delete(index)
            mode = QIcon.Mode.Disabled if off else QIcon.Mode.Normal
            square = QRect(0, 0, _ACTION_ICON_PX, _ACTION_ICON_PX)
            square.moveCenter(rect.center())
            icon(names[action]).paint(painter, square, Qt.AlignmentFlag.AlignCenter, mode)

    def can_delete(self, index: _Index) -> bool:
        return bool(index.data(ConversationIdRole) != self.writing)

    @staticmethod
    def action_rects(row: QRect) -> dict[RowAction, QRect]:
        """Where each action's icon lies in a conversation's *row*, right to left."""
        rects = {}
        right = row.right() - SPACE_XS - SPACE_XS
        for action in (RowAction.DELETE, RowAction.PIN):
            rect = QRect(right - _ACTION_PX + 1, 0, _ACTION_PX, _ACTION_PX)
            rect.moveTop(row.center().y() - _ACTION_PX // 2 + 1)
            rects[action] = rect
            right = rect.left() - 2
        return rects

    def action_at(self, row: QRect, point: QPoint) -> RowAction | None:
        """The action whose icon is at *point* in a conversation's *row*, if any."""
        for action, rect in self.action_rects(row).items():
            if rect.contains(point):
                return action
        return None


def _heading_font(font: QFont) -> QFont:
    heading = QFont(font)
    if font.pixelSize() > 0:
        heading.setPixelSize(round(font.pixelSize() * TYPE_STEPS["caption"]))
    heading.setWeight(QFont.Weight.DemiBold)
    return heading
