"""The Settings dialog's list of pages: always as wide as its longest name."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QSizePolicy, QWidget

from desktop.ui.icons import icon
from desktop.ui.theme import SPACE_M, SPACE_S

_ICON_NAME = Qt.ItemDataRole.UserRole
_CHANGES = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange)


class PageList(QListWidget):
    """The pages' names, each beside an icon, never cut and never scrolled sideways.

    Its width is its items' (``sizeHint``), asked again whenever the font, the style sheet
    or the palette changes (the text-size and theme settings), so a larger text widens it
    rather than cut "Documents" to "Documer"; its icons are drawn again in the palette's
    colours.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setSpacing(SPACE_S // 2)
        self.setObjectName("settingsPages")  # a column of the dialog, not a box in it
        self.setStyleSheet("QListWidget#settingsPages { background: transparent; border: none; }")
        self._fit_icons()

    def add_page(self, title: str, icon_name: str | None) -> None:
        """Add a page's name, beside Phosphor's icon *icon_name* if given."""
        item = QListWidgetItem(title)
        item.setData(_ICON_NAME, icon_name)
        if icon_name is not None:
            item.setIcon(icon(icon_name))
        self.addItem(item)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        widest = self.sizeHintForColumn(0) if self.count() else 0
        frame = 2 * self.frameWidth()
        height = super().sizeHint().height()
        return QSize(widest + frame + 2 * self.spacing() + SPACE_M, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.sizeHint().width(), super().minimumSizeHint().height())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _CHANGES:
            self._fit_icons()
            for row in range(self.count()):
                item = self.item(row)
                name = item.data(_ICON_NAME)
                if name is not None:
                    item.setIcon(icon(name))
            self.scheduleDelayedItemsLayout()
            self.updateGeometry()

    def _fit_icons(self) -> None:
        """Icons as tall as a line of text."""
        side = self.fontMetrics().height()
        self.setIconSize(QSize(side, side))
