"""Light, dark or the system's: one palette and style sheet for the whole application, and
the size of its text."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import FONT_SIZES, THEME_DARK, THEME_LIGHT, THEME_SYSTEM
from desktop.ui.theme import (
    Appearance,
    Status,
    is_dark,
    palette_for,
    scheme_for,
    show_status,
    status_colour,
    style_sheet_for,
    text_px,
)

Dark, Light, Unknown = Qt.ColorScheme.Dark, Qt.ColorScheme.Light, Qt.ColorScheme.Unknown


@pytest.fixture
def make_appearance(qapp: QApplication) -> Iterator[Callable[..., Appearance]]:
    """Appearances applied to this test's application, which is put back as it was after."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    made: list[Appearance] = []

    def make(theme: str = THEME_SYSTEM, font_size: str = "normal") -> Appearance:
        made.append(Appearance(qapp, theme, font_size))
        return made[-1]

    yield make
    for appearance in made:
        shiboken6.delete(appearance)
    qapp.styleHints().unsetColorScheme()
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


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
