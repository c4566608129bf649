"""The user's question on screen: a rounded, tinted bubble with its text, and its long
pastes folded into chips."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.message_colours import bubble_colour
from desktop.ui.chat.pasted_chips import pasted_label
from desktop.ui.theme import RADIUS_S, SPACE_S, SPACE_XS, set_type

BUBBLE_PAD = (12, 8)
"""Inside the bubble, in pixels: sideways, up and down."""
_RADIUS = 12


class Bubble(QWidget):
    """The rounded, tinted background of the user's message, with its text inside, and a
    chip under it for each long text pasted into it, folded."""

    def __init__(self, body: MessageBody) -> None:
        super().__init__()
        self.body = body
        self.chips: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(*BUBBLE_PAD, *BUBBLE_PAD)
        self._layout.setSpacing(SPACE_XS)
        self._layout.addWidget(body)

    def set_pasted(self, pasted: list[str]) -> None:
        """Show a chip for each of the texts *pasted*."""
        while len(self.chips) > len(pasted):
            self.chips.pop().deleteLater()
        while len(self.chips) < len(pasted):
            chip = QLabel()
            chip.setObjectName("pasted_chip")
            set_type(chip, "caption")
            self._layout.addWidget(chip, 0, Qt.AlignmentFlag.AlignLeft)
            self.chips.append(chip)
        for chip, text in zip(self.chips, pasted, strict=True):
            chip.setText(pasted_label(text))
        self._style_chips()

    def chips_width(self) -> int:
        return max((chip.sizeHint().width() for chip in self.chips), default=0)

    def _style_chips(self) -> None:
        palette = self.palette()
        ground = palette.color(QPalette.ColorRole.Base).name()
        line = palette.color(QPalette.ColorRole.Mid).name()
        for chip in self.chips:
            chip.setStyleSheet(
                f"background-color: {ground}; border: 1px solid {line};"
                f" border-radius: {RADIUS_S}px; padding: 2px {SPACE_S}px;"
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._style_chips()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bubble_colour(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()), _RADIUS, _RADIUS)
