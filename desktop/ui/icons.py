"""Every icon of an action: Phosphor (MIT), drawn from its icon font.

The font and its map of names to characters are ``resources/icons/phosphor/`` (Phosphor
1.3.0, as QtAwesome bundles it; its licence beside it). Sotto draws the glyphs itself rather
than through QtAwesome: importing QtAwesome imports every class of Qt through QtPy, some
190 ms of every launch, where loading the font takes 8 ms, at the first icon.

An icon takes its colour when it is made, so a widget showing one makes it again when the
palette changes: ``IconButton`` (``desktop/ui/widgets/icon_button.py``) does that for itself.
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)

from desktop.core.paths import RESOURCES_DIR

PHOSPHOR_DIR = RESOURCES_DIR / "icons" / "phosphor"

_GLYPH_SHARE = 0.875
"""How much of an icon's square its glyph fills (as QtAwesome draws them)."""


@cache
def _font_family() -> str:
    data = (PHOSPHOR_DIR / "Phosphor.ttf").read_bytes()
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFontFromData(data))
    if not families:
        raise RuntimeError(f"the icon font in {PHOSPHOR_DIR} could not be read")
    return families[0]


@cache
def _charmap() -> dict[str, str]:
    codes = json.loads((PHOSPHOR_DIR / "charmap.json").read_text(encoding="utf-8"))
    return {name: chr(int(code, 16)) for name, code in codes.items()}


class _GlyphEngine(QIconEngine):
    """Draws one glyph of the icon font, in one colour (another when disabled)."""

    def __init__(self, glyph: str, colour: QColor, disabled: QColor) -> None:
        super().__init__()
        self._glyph, self._colour, self._disabled = glyph, colour, disabled

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._glyph, self._colour, self._disabled)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        font = QFont(_font_family())
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * _GLYPH_SHARE)))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        painter.setPen(self._disabled if mode == QIcon.Mode.Disabled else self._colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """Phosphor's icon *name* (``"paper-plane-right"``, ``"copy"``; a ``-bold`` or ``-fill``
    ending for those weights) in *colour*, or in the palette's text colour shown now; when
    disabled, in the palette's disabled text colour.

    Raises:
        KeyError: Phosphor has no icon *name* (a bug: names are written in the code).
    """
    palette = QGuiApplication.palette()
    shown = colour if colour is not None else palette.color(QPalette.ColorRole.Text)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return QIcon(_GlyphEngine(_charmap()[name], QColor(shown), QColor(disabled)))


def has_icon(name: str) -> bool:
    """Whether Phosphor has an icon called *name*."""
    return name in _charmap()
