"""How Sotto looks: light or dark (or the system's choice of the two), and the size of its text.

The design system lives here and in ``resources/themes/``: a type scale (``TYPE_STEPS``, body
text ``BODY_PX`` pixels at the normal text size, every step following the text-size setting),
a spacing scale (``SPACE_*``), corner radii (``RADIUS_*``), the icons' size and the least
size of anything clicked (``ICON_PX``, ``TARGET_PX``). A widget takes a step of the type
scale with ``set_type``; the style sheet, made from ``base.qss`` and the scheme's own sheet
with every ``@token`` filled in (``style_sheet_for``), gives each step its size, so a change
of text size reaches every text at once.

The whole application follows one palette and one style sheet, set on the ``QApplication``
with the Fusion style (the one style that draws every part from the palette, on every
system). What a palette cannot say lies in ``resources/themes/<scheme>.qss``. Widgets take
their colours from the palette; a colour that carries meaning (runs well, tight, won't fit;
an error) comes from ``status_colour``, which has one shade for light and one for dark.
"""

from __future__ import annotations

import enum
import re

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop.core.app_settings import (
    FONT_NORMAL,
    FONT_SIZE,
    FONT_SIZES,
    THEME,
    THEME_DARK,
    THEME_LIGHT,
    THEME_SYSTEM,
    THEMES,
    AppSettings,
)
from desktop.core.paths import RESOURCES_DIR

THEMES_DIR = RESOURCES_DIR / "themes"

FONT_SCALES = {"small": 0.9, FONT_NORMAL: 1.0, "large": 1.2, "larger": 1.4}
"""Each of ``FONT_SIZES``, as a share of ``BODY_PX``."""

BODY_PX = 15
"""Body text at the normal text size, in (device-independent) pixels."""

TYPE_STEPS = {"caption": 0.85, "body": 1.0, "subtitle": 1.15, "title": 1.4, "display": 1.85}
"""The type scale: each step's size as a share of body text."""

SPACE_XS, SPACE_S, SPACE_M, SPACE_L, SPACE_XL, SPACE_XXL = 4, 8, 12, 16, 24, 32
"""The spacing scale, in pixels: every margin and gap is one of these."""

RADIUS_S, RADIUS_M, RADIUS_L = 6, 10, 16
"""Corner radii, in pixels: small controls and chips, cards and bubbles, the composer."""

ICON_PX = 18
"""An action's icon, in pixels."""

TARGET_PX = 28
"""The least width and height of anything clicked, in pixels (24 at the very least)."""

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

_LIGHT = {
    _Role.Window: "#f5f5f5",
    _Role.WindowText: "#1f1f1f",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f5f5f5",
    _Role.ToolTipBase: "#ffffe8",
    _Role.ToolTipText: "#1f1f1f",
    _Role.PlaceholderText: "#6b6b6b",
    _Role.Text: "#1f1f1f",
    _Role.Button: "#f5f5f5",
    _Role.ButtonText: "#1f1f1f",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#e3e3e3",
    _Role.Mid: "#b9b9b9",
    _Role.Dark: "#9f9f9f",
    _Role.Shadow: "#767676",
    _Role.Highlight: "#2f6fbf",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#1a5fb4",
    _Role.LinkVisited: "#7b3fa8",
    _Role.Accent: "#2f6fbf",
}
_LIGHT_DISABLED = {
    _Role.WindowText: "#8c8c8c",
    _Role.Text: "#8c8c8c",
    _Role.ButtonText: "#8c8c8c",
    _Role.Highlight: "#a8a8a8",
}

_DARK = {
    _Role.Window: "#2b2b2b",
    _Role.WindowText: "#e8e8e8",
    _Role.Base: "#1f1f1f",
    _Role.AlternateBase: "#272727",
    _Role.ToolTipBase: "#3a3a3a",
    _Role.ToolTipText: "#e8e8e8",
    _Role.PlaceholderText: "#999999",
    _Role.Text: "#e8e8e8",
    _Role.Button: "#353535",
    _Role.ButtonText: "#e8e8e8",
    _Role.BrightText: "#ffffff",
    _Role.Light: "#4a4a4a",
    _Role.Midlight: "#3c3c3c",
    _Role.Mid: "#262626",
    _Role.Dark: "#1a1a1a",
    _Role.Shadow: "#000000",
    _Role.Highlight: "#3874d4",
    _Role.HighlightedText: "#ffffff",
    _Role.Link: "#8ab4f8",
    _Role.LinkVisited: "#c58af9",
    _Role.Accent: "#3874d4",
}
_DARK_DISABLED = {
    _Role.WindowText: "#7a7a7a",
    _Role.Text: "#7a7a7a",
    _Role.ButtonText: "#7a7a7a",
    _Role.Highlight: "#4a4a4a",
}


class Status(enum.Enum):
    """What a coloured text tells: good news, a caution, or a failure."""

    GOOD = "good"
    WARNING = "warning"
    BAD = "bad"


_STATUS_COLOURS = {
    Qt.ColorScheme.Light: {
        Status.GOOD: "#176f33",
        Status.WARNING: "#945600",
        Status.BAD: "#b3261e",
    },
    Qt.ColorScheme.Dark: {Status.GOOD: "#6fcf8a", Status.WARNING: "#f0b049", Status.BAD: "#f2b8b5"},
}
"""Readable (a contrast of 4.5:1 at least) on the windows and fields of their scheme."""


def scheme_for(theme: str, system: Qt.ColorScheme) -> Qt.ColorScheme:
    """The scheme shown for *theme* (one of ``THEMES``) while the system's is *system*: the
    system's own when it says light or dark, else light."""
    if theme == THEME_DARK:
        return Qt.ColorScheme.Dark
    if theme == THEME_LIGHT:
        return Qt.ColorScheme.Light
    return Qt.ColorScheme.Dark if system == Qt.ColorScheme.Dark else Qt.ColorScheme.Light


def palette_for(scheme: Qt.ColorScheme) -> QPalette:
    """Every colour role of the application's palette in *scheme* (light unless Dark)."""
    dark = scheme == Qt.ColorScheme.Dark
    palette = QPalette()
    for role, colour in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    for role, colour in (_DARK_DISABLED if dark else _LIGHT_DISABLED).items():
        palette.setColor(_Group.Disabled, role, QColor(colour))
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether *palette* draws light text on a dark window, whoever made it."""
    return palette.color(_Role.Window).lightness() < palette.color(_Role.WindowText).lightness()


def status_colour(status: Status, palette: QPalette | None = None) -> QColor:
    """The colour of a text telling *status*, readable on *palette* (the application's when
    None)."""
    dark = is_dark(palette if palette is not None else QGuiApplication.palette())
    return QColor(_STATUS_COLOURS[Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light][status])


def show_status(label: QLabel, status: Status | None) -> None:
    """Colour *label*'s text for *status* in the theme shown now; None: the usual colour."""
    label.setStyleSheet("" if status is None else f"color: {status_colour(status).name()}")


def text_px(size: str, step: str = "body") -> int:
    """The pixel size of text of type *step* (one of ``TYPE_STEPS``) at text size *size*
    (one of ``FONT_SIZES``; another: normal)."""
    return round(BODY_PX * FONT_SCALES.get(size, 1.0) * TYPE_STEPS[step])


def set_type(widget: QWidget, step: str) -> None:
    """Show *widget*'s text at type step *step* (one of ``TYPE_STEPS``), following the text
    size from now on."""
    if step not in TYPE_STEPS:
        raise ValueError(f"no type step {step!r}")
    widget.setProperty("type", step)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _tokens(scheme: Qt.ColorScheme, size: str) -> dict[str, str]:
    tokens = {f"{step}_px": f"{text_px(size, step)}px" for step in TYPE_STEPS}
    tokens |= {
        "space_xs": f"{SPACE_XS}px",
        "space_s": f"{SPACE_S}px",
        "space_m": f"{SPACE_M}px",
        "space_l": f"{SPACE_L}px",
        "space_xl": f"{SPACE_XL}px",
        "radius_s": f"{RADIUS_S}px",
        "radius_m": f"{RADIUS_M}px",
        "radius_l": f"{RADIUS_L}px",
        "themes_dir": THEMES_DIR.as_posix(),
    }
    dark = scheme == Qt.ColorScheme.Dark
    tokens["scheme"] = "dark" if dark else "light"  # the images drawn for each: caret-down-dark.svg
    return tokens | _COLOUR_TOKENS[Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light]


_COLOUR_TOKENS = {
    Qt.ColorScheme.Light: {
        "accent": _LIGHT[_Role.Accent],
        "on_accent": "#ffffff",
        "window": _LIGHT[_Role.Window],
        "surface": _LIGHT[_Role.Base],
        "text": _LIGHT[_Role.Text],
        "muted": "#5f5f5f",
        "border": "#d0d0d0",
        "hover": "rgba(0, 0, 0, 0.06)",
        "pressed": "rgba(0, 0, 0, 0.12)",
        "chip": "#ececec",
        "accent_hover": "#285fa3",
        "indicator": "#767676",
        "handle": "#c4c4c4",
        "handle_hover": "#a0a0a0",
        "selection": "rgba(0, 0, 0, 0.08)",
        "tooltip": "#2b2b2b",
        "on_tooltip": "#f5f5f5",
    },
    Qt.ColorScheme.Dark: {
        "accent": _DARK[_Role.Accent],
        "on_accent": "#ffffff",
        "window": _DARK[_Role.Window],
        "surface": _DARK[_Role.Base],
        "text": _DARK[_Role.Text],
        "muted": "#ababab",
        "border": "#474747",
        "hover": "rgba(255, 255, 255, 0.08)",
        "pressed": "rgba(255, 255, 255, 0.14)",
        "chip": "#383838",
        "accent_hover": "#2f6bc4",
        "indicator": "#9a9a9a",
        "handle": "#555555",
        "handle_hover": "#707070",
        "selection": "rgba(255, 255, 255, 0.10)",
        "tooltip": "#454545",
        "on_tooltip": "#f5f5f5",
    },
}
"""The colours the style sheets name as ``@token``, beside the palette's: ``indicator`` is
the edge of an unchecked box (3:1 at least on a field), ``handle`` a scroll bar's,
``selection`` a selected row's background under the usual text colour."""


def style_sheet_for(scheme: Qt.ColorScheme, size: str = FONT_NORMAL) -> str:
    """The application's style sheet in *scheme* at text size *size*: ``base.qss`` then the
    scheme's own sheet, every ``@token`` filled in. A missing file counts as empty (the
    palette alone still gives every colour)."""
    name = "dark" if scheme == Qt.ColorScheme.Dark else "light"
    parts = []
    for file in ("base.qss", f"{name}.qss"):
        try:
            parts.append((THEMES_DIR / file).read_text(encoding="utf-8"))
        except OSError:
            continue
    tokens = _tokens(scheme, size)
    return _TOKEN.sub(lambda found: tokens.get(found[1], found[0]), "\n".join(parts))


_TOKEN = re.compile(r"@([a-z_]+)")
"""A token's name; the longest wins (``@handle_hover`` is not ``@handle`` and a word)."""


class Appearance(QObject):
    """The theme and text size of a whole application, applied to it as they change.

    It does not save them: ``restore`` reads them from the user's settings at a start, and
    the Settings dialog saves a choice before it shows it here.

    Attributes:
        theme: one of ``THEMES``.
        font_size: one of ``FONT_SIZES``.

    Signals:
        changed(): the palette or the font of the application changed.
    """

    changed = Signal()

    def __init__(
        self,
        app: QApplication,
        theme: str = THEME_SYSTEM,
        font_size: str = FONT_NORMAL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self.theme = theme if theme in THEMES else THEME_SYSTEM
        self.font_size = font_size if font_size in FONT_SIZES else FONT_NORMAL
        self._shown: Qt.ColorScheme | None = None
        app.setStyle("Fusion")
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self._show_font()  # first, so that the style sheet is made once, at its size
        self.set_theme(self.theme)

    @classmethod
    def restore(cls, app: QApplication, settings: AppSettings) -> Appearance:
        """The appearance saved in *settings* (a missing or broken value: the default),
        applied to *app*, which owns it."""
        return cls(
            app,
            settings.get(THEME),
            settings.get(FONT_SIZE),
            parent=app,
        )

    @property
    def scheme(self) -> Qt.ColorScheme:
        """The scheme shown now: light or dark."""
        assert self._shown is not None
        return self._shown

    def set_theme(self, theme: str) -> None:
        """Show *theme* (one of ``THEMES``): light, dark, or the system's from now on."""
        if theme not in THEMES:
            raise ValueError(f"no theme {theme!r}")
        self.theme = theme
        # Tell the platform too, where it listens: native title bars and dialogs follow it.
        hints = self._app.styleHints()
        if theme == THEME_SYSTEM:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(scheme_for(theme, Qt.ColorScheme.Unknown))
        self._show_scheme(scheme_for(theme, self._system_scheme()))

    def set_font_size(self, size: str) -> None:
        """Show every text at *size* (one of ``FONT_SIZES``)."""
        if size not in FONT_SIZES:
            raise ValueError(f"no font size {size!r}")
        self.font_size = size
        self._show_font()

    def _system_scheme(self) -> Qt.ColorScheme:
        return self._app.styleHints().colorScheme()

    @Slot(Qt.ColorScheme)
    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.theme == THEME_SYSTEM:
            self._show_scheme(scheme_for(THEME_SYSTEM, scheme))

    def _show_scheme(self, scheme: Qt.ColorScheme) -> None:
        if scheme == self._shown:
            return
        self._shown = scheme
        self._app.setPalette(palette_for(scheme))
        self._app.setStyleSheet(style_sheet_for(scheme, self.font_size))
        self.changed.emit()

    def _show_font(self) -> None:
        font = self._app.font()
        size = text_px(self.font_size)
        if font.pixelSize() != size:
            font.setPixelSize(size)
            self._app.setFont(font)
            if self._shown is not None:
                # The style sheet sizes the type scale's steps; widgets already shown keep
                # their font until it is set again.
                self._app.setStyleSheet(style_sheet_for(self._shown, self.font_size))
                self.changed.emit()
