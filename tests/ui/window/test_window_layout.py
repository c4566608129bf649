"""The window's layout from 800 by 600 up, in English and in Chinese: the side panels give way
before the chat column, and the status bar's text is never cut short."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS


def settle(qtbot: QtBot, window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.wait_until(lambda: window.width() == width and window.height() == height)
    QCoreApplication.processEvents()


def test_at_800_by_600_the_chat_keeps_half_the_window(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    settle(qtbot, window, 800, 600)
    assert not window.settings_panel.isVisible()  # closed until asked for
    assert window.column.width() >= window.width() // 2
    assert window.sidebar.width() > 0

    window.menus.chat_settings.trigger()  # the settings panel opened on a small screen
    qtbot.wait_until(lambda: window.column.width() >= window.width() // 2)
    assert window.settings_panel.isVisible() and window.settings_panel.width() > 0

    settle(qtbot, window, 1440, 900)  # room again: every panel has its width back
    window.splitter.setSizes([240, 900, 280])
    settle(qtbot, window, 800, 600)
    assert window.column.width() >= window.width() // 2


def status_fits(qtbot: QtBot, window: MainWindow, text: str) -> bool:
    """Whether *text* shown in the status bar is drawn whole (the gauge makes room for it)."""
    bar = window.statusBar()
    bar.showMessage(text)

    def fits() -> bool:
        permanent = [w.x() for w in (window.gauge, window.offline_badge) if w.isVisible()]
        room = min(permanent, default=bar.width()) - 8  # the message is drawn left of them
        return QFontMetrics(bar.font()).horizontalAdvance(text) <= room

    with contextlib.suppress(WaitTimeout):
        qtbot.wait_until(fits, timeout=2000)
    return fits()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_status_bar_is_not_cut_short_at_1024_wide(
    qtbot: QtBot,
    request: pytest.FixtureRequest,
    make_window: Callable[..., MainWindow],
    starter_model: Path,
    language: str,
) -> None:
    if language == "zh_CN":
        request.getfixturevalue("chinese")
    window = make_window()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    settle(qtbot, window, 1024, 700)
    window.menus.offline.setChecked(True)  # the badge takes room too
    stats = window.chat.tr(
        "{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s"
    ).format(tokens=1024, speed=123.4, first=12.34)
    stopped = window.chat.tr("Stopped · {stats}").format(stats=stats)
    for text in (stats, stopped, window.statusBar().currentMessage()):
        assert status_fits(qtbot, window, text), text
