"""Light, dark or the system's: one palette and style sheet for the whole application, and
the size of its text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleOptionButton,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import FONT_SIZES, THEME_DARK, THEME_LIGHT, THEME_SYSTEM
from desktop.ui.theme import (
    ICON_PX,
    Appearance,
    Status,
    _tokens,
    is_dark,
    palette_for,
    scheme_for,
    show_status,
    status_colour,
    style_sheet_for,
    text_px,
)
from desktop.ui.widgets.icon_button import IconButton

Dark, Light, Unknown = Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Unknown


@pytest.mark.parametrize(
    ("theme", "system", "shown"),
    [
        (THEME_SYSTEM, Dark, Dark),
        (THEME_SYSTEM, Light, Light),
        (THEME_SYSTEM, Unknown, Light),
        (THEME_DARK, Light, Dark),
        (THEME_DARK, Unknown, Dark),
        (THEME_LIGHT, Dark, Light),
    ],
)
def test_the_scheme_shown_follows_the_choice_then_the_system(
    theme: str, system: Qt.ColorScheme, shown: Qt.ColorScheme
) -> None:
    assert scheme_for(theme, system) == shown


def test_the_dark_palette_is_dark_and_the_light_one_light() -> None:
    assert is_dark(palette_for(Dark))
    assert not is_dark(palette_for(Light))
    dark = palette_for(Dark)
    for role in (
        QPalette.ColorRole.Base,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.ToolTipBase,
    ):
        assert dark.color(role).lightness() < 100, role


def test_choosing_dark_darkens_the_whole_application(
    qapp: QApplication, make_appearance: Callable[..., Appearance]
) -> None:
    appearance = make_appearance(THEME_LIGHT)
    assert not is_dark(qapp.palette())
    appearance.set_theme(THEME_DARK)
    assert is_dark(qapp.palette())
    assert appearance.scheme == Dark
    assert qapp.styleSheet() == style_sheet_for(Dark, "normal")


def test_following_the_system_follows_its_colour_scheme_as_it_changes(
    qapp: QApplication, qtbot: QtBot, make_appearance: Callable[..., Appearance]
) -> None:
    appearance = make_appearance(THEME_SYSTEM)
    hints = qapp.styleHints()
    with qtbot.wait_signal(appearance.changed):
        hints.colorSchemeChanged.emit(Dark)  # what the platform says when the user switches
    assert is_dark(qapp.palette())
    with qtbot.wait_signal(appearance.changed):
        hints.colorSchemeChanged.emit(Light)
    assert not is_dark(qapp.palette())


def test_a_theme_chosen_ignores_the_systems_changes(
    qapp: QApplication, make_appearance: Callable[..., Appearance]
) -> None:
    make_appearance(THEME_DARK)
    qapp.styleHints().colorSchemeChanged.emit(Light)
    assert is_dark(qapp.palette())


@pytest.mark.parametrize("size", FONT_SIZES)
def test_the_text_size_applies_to_the_application_font(
    qapp: QApplication, make_appearance: Callable[..., Appearance], size: str
) -> None:
    make_appearance(font_size=size)
    assert qapp.font().pixelSize() == text_px(size)
    label = QLabel("x")
    assert label.font().pixelSize() == text_px(size)


def test_text_sizes_grow_in_order() -> None:
    sizes = [text_px(size) for size in FONT_SIZES]
    assert sizes == sorted(sizes)
    assert len(set(sizes)) == len(sizes)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: QColor, b: QColor) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("scheme", [Light, Dark])
@pytest.mark.parametrize("status", list(Status))
def test_status_colours_are_readable_in_both_themes(scheme: Qt.ColorScheme, status: Status) -> None:
    palette = palette_for(scheme)
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        assert _contrast(status_colour(status, palette), palette.color(role)) >= 4.5


@pytest.mark.parametrize("scheme", [Light, Dark])
def test_every_theme_has_its_style_sheet(scheme: Qt.ColorScheme) -> None:
    assert "QToolTip" in style_sheet_for(scheme)


def test_a_status_label_takes_the_colour_of_the_theme_shown(
    qapp: QApplication, qtbot: QtBot, make_appearance: Callable[..., Appearance]
) -> None:
    make_appearance(THEME_DARK)
    label = QLabel("failed")
    qtbot.add_widget(label)
    show_status(label, Status.BAD)
    assert status_colour(Status.BAD).name() in label.styleSheet()
    assert status_colour(Status.BAD) == status_colour(Status.BAD, palette_for(Dark))
    show_status(label, None)
    assert label.styleSheet() == ""


@pytest.mark.parametrize("scheme", [Light, Dark])
def test_every_text_colour_of_the_style_sheets_is_readable(scheme: Qt.ColorScheme) -> None:
    tokens = {name: QColor(value) for name, value in _tokens(scheme, "normal").items()}
    palette = palette_for(scheme)
    pairs = [
        ("text", "window"),
        ("text", "surface"),
        ("text", "chip"),
        ("muted", "window"),
        ("muted", "surface"),
        ("muted", "chip"),
        ("on_accent", "accent"),
        ("on_accent", "accent_hover"),
        ("on_tooltip", "tooltip"),
    ]
    for text, background in pairs:
        assert _contrast(tokens[text], tokens[background]) >= 4.5, (text, background)
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)  # the sidebar's headings
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        assert _contrast(placeholder, palette.color(role)) >= 4.5, role
    # The edges of controls (WCAG's 3:1 for what is not text): an unchecked box, the focus.
    assert _contrast(tokens["indicator"], tokens["surface"]) >= 3
    assert _contrast(tokens["accent"], tokens["window"]) >= 3


def _most_distinct(image: QImage, rect: QRect, background: QColor) -> float:
    """The highest contrast to *background* of any pixel of *image* in *rect*."""
    return max(
        _contrast(image.pixelColor(x, y), background)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@pytest.mark.parametrize("theme", [THEME_LIGHT, THEME_DARK])
def test_an_unchecked_box_stands_out_from_its_window(
    qapp: QApplication, qtbot: QtBot, make_appearance: Callable[..., Appearance], theme: str
) -> None:
    make_appearance(theme)
    page = QWidget()
    qtbot.add_widget(page)
    box = QCheckBox("Offline mode", page)
    page.resize(200, 40)
    page.show()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = qapp.palette().color(QPalette.ColorRole.Window)
    assert _most_distinct(image, indicator, window) >= 3  # its edge is plain to see
    box.setChecked(True)
    checked = box.grab().toImage()
    assert checked.pixelColor(indicator.center()) != image.pixelColor(indicator.center())


@pytest.mark.parametrize("theme", [THEME_LIGHT, THEME_DARK])
def test_a_tooltip_is_readable(
    qapp: QApplication, qtbot: QtBot, make_appearance: Callable[..., Appearance], theme: str
) -> None:
    make_appearance(theme)
    anchor = QLabel("anchor")
    qtbot.add_widget(anchor)
    anchor.show()
    QToolTip.showText(anchor.mapToGlobal(QPoint(4, 4)), "Delete this chat", anchor)
    try:
        qtbot.wait_until(QToolTip.isVisible)
        (tip,) = [
            w
            for w in qapp.topLevelWidgets()
            if w.inherits("QLabel") and w.isVisible() and w.text() == "Delete this chat"
        ]
        image = tip.grab().toImage()
        background = image.pixelColor(2, 2)
        assert _most_distinct(image, image.rect(), background) >= 4.5
    finally:
        QToolTip.hideText()


def test_an_icon_button_draws_its_icon_again_in_the_new_schemes_colour(
    qtbot: QtBot, make_appearance: Callable[..., Appearance]
) -> None:
    appearance = make_appearance(THEME_LIGHT)
    button = IconButton("x", "Close")
    qtbot.add_widget(button)

    def ink() -> int:
        """The lightness of the icon's most opaque pixel."""
        image = button.icon().pixmap(ICON_PX, ICON_PX).toImage()
        pixels = [
            image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
        ]
        return max(pixels, key=lambda colour: colour.alpha()).lightness()

    assert ink() < 80  # dark on the light window
    appearance.set_theme(THEME_DARK)
    assert ink() > 170  # light on the dark one


class _StockIcons(QProxyStyle):
    """Fusion as some desktops give it: stock icons on a dialog's buttons."""

    def styleHint(self, hint: QStyle.StyleHint, *args: Any) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return int(super().styleHint(hint, *args))


@pytest.mark.parametrize("theme", [THEME_LIGHT, THEME_DARK])
def test_a_dialogs_buttons_carry_no_stock_icons(
    qapp: QApplication, qtbot: QtBot, make_appearance: Callable[..., Appearance], theme: str
) -> None:
    """A stock icon is drawn in one colour: the black X on Close, in the dark scheme."""
    make_appearance(theme)
    qapp.setStyle(_StockIcons("Fusion"))
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        qtbot.add_widget(buttons)
        assert buttons.button(QDialogButtonBox.StandardButton.Close).icon().isNull()
    finally:
        qapp.setStyle("Fusion")
