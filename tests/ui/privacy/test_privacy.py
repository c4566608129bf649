"""The Privacy menu: network activity, offline mode, and forgetting everything from the window."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.app import History, build_main_window, forget_and_start_over
from desktop.core.library.hub import HubClient
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard, NetworkRefusedError, OfflineModeError
from desktop.core.vault.store import ConversationStore
from desktop.ui.privacy.network_activity import NetworkActivityDialog
from desktop.ui.window.main_window import MainWindow
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
    window.dialogs.show_network_activity()
    assert seen[0].startswith("No connections this session")
    assert seen[1].endswith("this session: 1")
    assert seen[2] == "203.0.113.9 | nothing you asked for | refused"


def test_offline_mode_switch_reaches_the_guard(window: MainWindow, guard: NetworkGuard) -> None:
    window.menus.offline.trigger()
    assert guard.offline and window.offline_badge.isVisibleTo(window)
    window.menus.offline.trigger()
    assert not guard.offline and not window.offline_badge.isVisibleTo(window)


def test_offline_mode_is_remembered_across_a_restart(
    make_window: Callable[..., MainWindow], paths: AppPaths, store: ConversationStore
) -> None:
    make_window().menus.offline.trigger()
    restarted_guard = NetworkGuard()  # a new process's guard starts online
    restarted = build_main_window(paths, store, restarted_guard)
    try:
        assert restarted.menus.offline.isChecked() and restarted_guard.offline
        assert restarted.offline_badge.isVisibleTo(restarted)
        with pytest.raises(OfflineModeError):
            HubClient(restarted_guard).search("llama")
    finally:
        restarted.close()
    settings = json.loads(paths.settings_path.read_text("utf-8"))
    assert settings["offline"] is True and set(settings) <= {
        "offline",
        "language",
        "send_with_ctrl_enter",
        "window_geometry",
    }  # nothing about conversations


def test_forget_everything_keeps_offline_mode_on_and_says_so(
    qtbot: QtBot, window: MainWindow, paths: AppPaths, guard: NetworkGuard
) -> None:
    window.menus.offline.trigger()
    settings = json.loads(paths.settings_path.read_text("utf-8"))
    paths.settings_path.write_text(json.dumps(settings | {"theme": "dark"}), "utf-8")
    history = History(paths)
    window.forget_requested.connect(
        lambda include_models: forget_and_start_over(window, history, include_models)
    )
    said: list[str] = []

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        said.append(dialog.text())
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Forget everything").click()
        when_modal(qtbot, lambda note: note.accept())

    when_modal(qtbot, confirm)
    window.ask_forget_everything()
    try:
        assert "Offline mode alone stays on if it is on" in said[0]
        assert window.menus.offline.isChecked() and guard.offline
        assert json.loads(paths.settings_path.read_text("utf-8")) == {"offline": True}
    finally:
        history.close()


def test_forget_everything_from_the_window_starts_afresh(
    qtbot: QtBot, window: MainWindow, paths: AppPaths, store: ConversationStore
) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("A secret about the merger")
    assert store.list_conversations()
    window.composer.setPlainText("A draft about the merger, not yet sent")
    window.new_chat()  # the draft is kept for its chat, in memory
    assert len(window.column.drafts) == 1
    history = History(paths)
    window.forget_requested.connect(
        lambda include_models: forget_and_start_over(window, history, include_models)
    )

    notes: list[str] = []

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        assert "Also delete the models" in dialog.checkBox().text()
        next(b for b in dialog.findChildren(QPushButton) if b.text() == "Forget everything").click()
        when_modal(qtbot, read_note)

    def read_note(dialog: QDialog) -> None:  # this history was locked by a passphrase
        assert isinstance(dialog, QMessageBox)
        notes.append(dialog.text())
        dialog.accept()

    when_modal(qtbot, confirm)
    window.ask_forget_everything()
    try:
        assert "can still be opened with that passphrase" in notes[0]
        assert window.sidebar.model.rowCount() == 0
        assert window.chat_view.toPlainText() == ""
        assert len(window.column.drafts) == 0 and window.composer.toPlainText() == ""
        assert [m["role"] for m in window.messages] == ["system"]  # a new chat: its preset only
        assert history.db is not None  # a new, empty history, as on first launch
        with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
            window.send("A new beginning")
        assert window.sidebar.model.index(0).data() == "A new beginning"
    finally:
        history.close()
