"""The Privacy menu: network activity, offline mode, and forgetting everything from the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.app import History, forget_and_start_over
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard, NetworkRefusedError
from desktop.core.vault.store import ConversationStore
from desktop.ui.main_window import MainWindow
from desktop.ui.network_activity import NetworkActivityDialog
from tests.ui.conftest import TIMEOUT_MS, when_modal


def test_network_activity_says_none_then_shows_each_attempt_live(
    qtbot: QtBot, window: MainWindow, guard: NetworkGuard
) -> None:
    seen: list[str] = []

    def read_and_close(dialog: QDialog) -> None:
        assert isinstance(dialog, NetworkActivityDialog)
        seen.append(dialog.summary.text())
        with pytest.raises(NetworkRefusedError):
            guard.check("203.0.113.9")
        QApplication.processEvents()
        seen.append(dialog.summary.text())
        seen.append(" | ".join(dialog.table.item(0, c).text() for c in range(1, 4)))
        dialog.reject()

    when_modal(qtbot, read_and_close)
    window.show_network_activity()
    assert seen[0].startswith("No connections this session")
    assert seen[1].endswith("this session: 1")
    assert seen[2] == "203.0.113.9 | nothing you asked for | refused"


def test_offline_mode_switch_reaches_the_guard(window: MainWindow, guard: NetworkGuard) -> None:
    window.menus.offline.trigger()
    assert guard.offline
    window.menus.offline.trigger()
    assert not guard.offline


def test_forget_everything_from_the_window_starts_afresh(
    qtbot: QtBot, window: MainWindow, paths: AppPaths, store: ConversationStore
) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("A secret about the merger")
    assert store.list_conversations()
    history = History(paths)
    window.forget_requested.connect(
        lambda include_models: forget_and_start_over(window, history, include_models)
    )

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        assert "Also delete the models" in dialog.checkBox().text()
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Forget everything").click()

    when_modal(qtbot, confirm)
    window.ask_forget_everything()
    try:
        assert window.sidebar.model.rowCount() == 0
        assert window.chat_view.toPlainText() == ""
        assert [m["role"] for m in window.messages] == ["system"]  # a new chat: its preset only
        assert history.db is not None  # a new, empty history, as on first launch
        with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
            window.send("A new beginning")
        assert window.sidebar.model.index(0).data() == "A new beginning"
    finally:
        history.close()
