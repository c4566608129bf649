"""Windows for UI tests: the real inference worker, the real model, a real (fast-KDF) vault."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import build_main_window
from desktop.core.inference.engine import Sampling
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore
from desktop.ui.main_window import MainWindow

TIMEOUT_MS = 60_000
"""Generous: the first load on a machine runs the self-check too."""


@pytest.fixture
def make_window(
    qtbot: QtBot, paths: AppPaths, store: ConversationStore
) -> Iterator[Callable[..., MainWindow]]:
    """Build shown windows with no model loaded, kept alive with their threads until teardown."""
    windows: list[MainWindow] = []

    def make(max_tokens: int = 24) -> MainWindow:
        sampling = Sampling(temperature=0.0, max_tokens=max_tokens)
        window = build_main_window(paths, store, sampling)
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
