"""Windows for UI tests: the real inference worker, the real model, a real (fast-KDF) vault."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop.app import build_main_window
from desktop.core.inference.selfcheck import build_fingerprint
from desktop.core.inference.types import Sampling
from desktop.core.language import CHINESE
from desktop.core.modelfile.speed import MachineSpeed
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.vault.store import ConversationStore
from desktop.text.translation import apply_language
from desktop.ui.theme import THEME_SYSTEM, Appearance
from desktop.ui.window.main_window import MainWindow

TIMEOUT_MS = 60_000
"""Generous: the first load on a machine runs the self-check too."""

LAPTOP = MachineSpeed(
    token_seconds=0.6e-3, layer_seconds=0.14e-3, bytes_per_second=40e9, reading_rate=4e10
)
"""A two-core laptop without a graphics card, as the speed probe measures one: what UI
tests judge models against, so that their speed (which the machine running the tests
cannot promise) and the choices made from it are the same on every run."""


def remember_machine_speed(paths: AppPaths, speed: MachineSpeed = LAPTOP) -> None:
    """Have Sotto find *speed* already measured on this machine, as after its first probe."""
    paths.cache_dir.mkdir(parents=True, exist_ok=True)
    record = {build_fingerprint(): speed.to_dict()}
    (paths.cache_dir / "speed.json").write_text(json.dumps(record), encoding="utf-8")


@pytest.fixture
def guard() -> NetworkGuard:
    """A guard that decides and records but is not hooked into this test process."""
    return NetworkGuard()


@pytest.fixture
def make_window(
    qtbot: QtBot, paths: AppPaths, store: ConversationStore, guard: NetworkGuard
) -> Iterator[Callable[..., MainWindow]]:
    """Build shown windows with no model loaded, kept alive with their threads until teardown."""
    windows: list[MainWindow] = []

    def make(max_tokens: int = 24) -> MainWindow:
        remember_machine_speed(paths)
        sampling = Sampling(temperature=0.0, max_tokens=max_tokens)
        window = build_main_window(paths, store, guard, sampling)
        qtbot.add_widget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # ends its inference thread before the window can be deleted


@pytest.fixture
def window(qtbot: QtBot, make_window: Callable[..., MainWindow], starter_model: Path) -> MainWindow:
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    return window


def when_modal(qtbot: QtBot, act: Callable[[QDialog], None]) -> None:
    """Run *act* on the next modal dialog once it is shown (as the user would answer it)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
        else:
            act(dialog)

    QTimer.singleShot(0, attempt)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The application speaking Chinese, as at a start on a Chinese system; undone after."""
    font, locale = qapp.font(), QLocale()
    translators = apply_language(qapp, CHINESE)
    assert len(translators) == 2, "Qt's or Sotto's zh_CN translation did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)
    qapp.setFont(font)


@pytest.fixture
def make_appearance(qapp: QApplication) -> Iterator[Callable[..., Appearance]]:
    """Appearances (a theme and a text size) applied to this test's application, which is
    put back as it was after."""
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
