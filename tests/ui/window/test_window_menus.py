"""The window's ways to its settings and help: Settings (Ctrl+,) in step with the menus, the
keyboard-shortcuts sheet (Ctrl+/), local help (F1), and short confirmations that do not
block."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import OFFLINE, SEND_WITH_CTRL_ENTER, AppSettings
from desktop.core.paths import AppPaths
from desktop.ui.help.help_window import HelpWindow
from desktop.ui.help.shortcuts_sheet import ShortcutsSheet
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import when_modal


def test_settings_dialog_and_menus_stay_in_step_and_are_remembered(
    qtbot: QtBot, make_window: Callable[..., MainWindow], paths: AppPaths
) -> None:
    window = make_window()
    assert window.menus.settings.shortcut().matches(QKeySequence("Ctrl+,")) == (
        QKeySequence.SequenceMatch.ExactMatch
    )
    window.menus.settings.trigger()
    dialog = window.dialogs.settings
    assert dialog is not None and dialog.isVisible()

    dialog.privacy.offline.click()  # in the dialog: the menu and the badge follow
    assert window.menus.offline.isChecked() and window.offline_badge.isVisible()
    window.menus.send_with_ctrl_enter.trigger()  # in the menu: the dialog follows
    assert dialog.general.send_key.currentIndex() == 1
    settings = AppSettings(paths.settings_path)
    assert settings.get(OFFLINE) is True and settings.get(SEND_WITH_CTRL_ENTER) is True

    restarted = make_window()  # the same data folder, as after a restart
    assert restarted.menus.offline.isChecked()
    assert restarted.dialogs.show_settings().privacy.offline.isChecked()
    assert restarted.dialogs.show_settings().general.send_key.currentIndex() == 1


def test_f1_opens_local_help_and_ctrl_slash_lists_the_shortcuts(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    assert window.menus.help.shortcut() == QKeySequence(Qt.Key.Key_F1)
    window.menus.help.trigger()
    (help_window,) = window.findChildren(HelpWindow)
    assert help_window.isVisible()

    listed: list[str | None] = []

    def read(sheet: QDialog) -> None:
        assert isinstance(sheet, ShortcutsSheet)
        listed.append(sheet.keys_of("Settings"))
        sheet.accept()

    when_modal(qtbot, read)
    window.menus.shortcuts.trigger()
    assert listed == [QKeySequence("Ctrl+,").toString(QKeySequence.SequenceFormat.NativeText)]


def test_an_export_is_confirmed_by_a_toast_not_a_dialog(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: QMessageBox.StandardButton.Yes)
    target = tmp_path / "Contract.md"
    monkeypatch.setattr(
        "desktop.ui.chat.conversation_export.save_file", lambda *a: (str(target), "")
    )
    assert window.export_conversation() == target
    assert window.toast.isVisible() and "Contract.md" in window.toast.accessibleName()
    assert QApplication.activeModalWidget() is None
