"""A choice shown as a compact chip: as wide as the choice made (up to a limit), its list as
wide as its longest entry."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from desktop.ui.theme import SPACE_S

WIDEST_LINES = 14
"""The widest a chip gets, in line heights of its font; a longer choice is cut short with
"…" (its tooltip says it whole)."""


class ChipBox(QComboBox):
    """A ``QComboBox`` drawn as a chip (``role="chip"``) whose width follows the choice
    shown, never the longest entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "chip")
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._choice_changed)
        self.model().dataChanged.connect(self._choice_changed)

    def sizeHint(self) -> QSize:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        metrics = self.fontMetrics()
        text = metrics.horizontalAdvance(self.currentText() or "—")
        widest = WIDEST_LINES * metrics.height()
        icon = self.iconSize().width() + 4 if not self.itemIcon(self.currentIndex()).isNull() else 0
        contents = QSize(min(text, widest) + icon, metrics.height())
        return (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, self)
            .expandedTo(QSize(0, 0))
        )

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(
            min(hint.width(), 6 * self.fontMetrics().averageCharWidth() + 40), hint.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        label = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        room = label.width() - (
            option.iconSize.width() + 4 if not option.currentIcon.isNull() else 0
        )
        option.currentText = self.fontMetrics().elidedText(
            option.currentText, Qt.TextElideMode.ElideRight, room
        )
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)

    def showPopup(self) -> None:
        view = self.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * SPACE_S + 24)
        super().showPopup()

    @Slot()
    def _choice_changed(self) -> None:
        self.updateGeometry()
