"""The window's layout from 800 by 600 up, in English and in Chinese: the side panels give way
before the chat column, and the status bar's text is never cut short."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from desktop.ui.theme import Appearance
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


def cut_texts(root: QWidget) -> list[str]:
    """The texts of *root*'s visible labels, buttons and number boxes that are drawn cut: too
    wide for the widget, or the widget wider than what its scroll area shows of it."""
    scroll = root.findChild(QScrollArea)
    cut = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QAbstractSpinBox):
            special = widget.specialValueText()
            minimum = isinstance(widget, QSpinBox | QDoubleSpinBox) and (
                widget.value() == widget.minimum()
            )
            text = special if special and minimum else widget.text()
            room = widget.lineEdit().width()
        elif isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            text, room = widget.text(), widget.contentsRect().width()
        elif isinstance(widget, QPushButton) and widget.text():
            text, room = widget.text(), widget.width() - 2 * metrics.averageCharWidth()
        else:
            continue
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
            QCoreApplication.processEvents()
        shown = widget.visibleRegion().boundingRect().width()
        if metrics.horizontalAdvance(text) > room or shown < widget.width():
            cut.append(text)
    return cut


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_at_800_by_600_the_chat_settings_are_drawn_whole(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    make_appearance: Callable[..., Appearance],
    size: str,
) -> None:
    make_appearance("light", size)
    window = make_window()
    settle(qtbot, window, 800, 600)
    window.menus.chat_settings.trigger()
    panel = window.settings_panel
    qtbot.wait_until(lambda: panel.isVisible() and panel.width() > 0)
    panel.max_tokens.setValue(1024)
    QCoreApplication.processEvents()
    assert panel.seed.specialValueText() == "Random" and panel.seed.value() == panel.seed.minimum()
    assert cut_texts(panel) == []
    assert panel.delete_button.isVisibleTo(panel)


def test_at_1920_wide_the_composer_stands_under_the_messages(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    settle(qtbot, window, 1920, 1080)
    column, box = window.column, window.column.composer_box
    qtbot.wait_until(lambda: box.width() < column.width() // 2)  # not across the window
    centre = box.mapTo(column, box.rect().center()).x()
    assert abs(centre - column.width() // 2) <= 16
    picker = window.model_picker
    assert picker.width() < 400 and picker.isVisible()  # a chip, not 1,100 px
