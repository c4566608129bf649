"""A button that is an icon: one action, its words in a tooltip and for screen readers.

Every icon-only control in Sotto is one of these, so each has a tooltip, an accessible name
and a target of at least ``TARGET`` pixels, and keeps its icon in the colours of the theme
shown now (it draws it again when the palette changes).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolButton, QWidget

from desktop.ui.icons import icon
from desktop.ui.theme import ICON_PX, TARGET_PX


class IconButton(QToolButton):
    """A flat button showing Phosphor's icon *name*, saying *tip* on hover.

    Args:
        name: the icon (``desktop.ui.icons.icon``).
        tip: what the button does, in a few words; its tooltip and accessible name.
        colour: a colour of its own (the Send button's, on the accent); None: the text's.
    """

    def __init__(
        self,
        name: str,
        tip: str,
        parent: QWidget | None = None,
        colour: QColor | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._colour = colour
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setIconSize(QSize(ICON_PX, ICON_PX))
        self.setMinimumSize(TARGET_PX, TARGET_PX)
        self.set_tip(tip)
        self._show_icon()

    def set_icon_name(self, name: str, colour: QColor | None = None) -> None:
        """Show icon *name* (in *colour*, or the text's) from now on."""
        self._name, self._colour = name, colour
        self._show_icon()

    def set_tip(self, tip: str) -> None:
        """Say *tip* on hover and to screen readers."""
        self.setToolTip(tip)
        self.setAccessibleName(tip)

    def icon_name(self) -> str:
        return self._name

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_icon()
        super().changeEvent(event)

    def _show_icon(self) -> None:
        self.setIcon(icon(self._name, self._colour))
