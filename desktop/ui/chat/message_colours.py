"""The colours of the chat's messages, all taken from the palette (a dark theme sets it)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

_BUBBLE_TINT = 0.14
_CODE_TINT = 0.06


def mix(base: QColor, tint: QColor, share: float) -> QColor:
    """*base* moved *share* of the way to *tint*."""
    return QColor.fromRgbF(
        base.redF() + (tint.redF() - base.redF()) * share,
        base.greenF() + (tint.greenF() - base.greenF()) * share,
        base.blueF() + (tint.blueF() - base.blueF()) * share,
    )


def bubble_colour(palette: QPalette) -> QColor:
    """The background of the user's message: the window's, tinted with the highlight."""
    return mix(
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Highlight),
        _BUBBLE_TINT,
    )


def code_colour(palette: QPalette) -> QColor:
    """The background of a code block: the window's, a little towards its text."""
    return mix(
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Text),
        _CODE_TINT,
    )
