"""Every icon of an action: Phosphor (MIT), drawn from the icon font QtAwesome bundles.

Only that one font is loaded (QtAwesome's own ``qta.icon`` would load all of its fonts, some
6 MB, at the first icon). An icon takes its colour from the application's palette when it
is made, so a widget showing one makes it again when the palette changes: ``IconButton``
(``desktop/ui/widgets/icon_button.py``) does that for itself.
"""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

os.environ.setdefault("QT_API", "pyside6")

from qtawesome.iconic_font import IconicFont  # type: ignore[import-untyped]

PHOSPHOR = ("ph", "phosphor-1.3.0.ttf", "phosphor-charmap-1.3.0.json")

_font: IconicFont | None = None


def _iconic() -> IconicFont:
    global _font
    if _font is None:
        _font = IconicFont(PHOSPHOR)
    return _font


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """Phosphor's icon *name* (``"paper-plane-right"``, ``"copy"``; a ``-bold`` or ``-fill``
    ending for those weights) in *colour*, or in the palette's text colour shown now; a
    disabled icon in the palette's disabled text colour."""
    palette = QGuiApplication.palette()
    shown = colour if colour is not None else palette.color(QPalette.ColorRole.Text)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    drawn: QIcon = _iconic().icon(
        f"ph.{name}",
        color=shown.name(QColor.NameFormat.HexArgb),
        color_disabled=disabled.name(QColor.NameFormat.HexArgb),
    )
    return drawn


def has_icon(name: str) -> bool:
    """Whether Phosphor has an icon called *name*."""
    return name in _iconic().charmap["ph"]
