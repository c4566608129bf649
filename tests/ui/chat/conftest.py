"""The chat view's tests: an appearance applied to the test's application, put back after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.theme import THEME_SYSTEM, Appearance


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
