"""Unlocking the history at start: passphrase dialogs and the fail-closed lockout."""

from __future__ import annotations

from collections.abc import Callable

from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import KeyringCustody, keyring_user_for
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from desktop.ui.privacy.vault_unlock import PassphraseDialog, unlock_vault
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.ui.conftest import when_modal


def type_and_submit(*passphrases: str) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        fields = [dialog.passphrase, dialog.repeat][: len(passphrases)]
        for field, text in zip(fields, passphrases, strict=True):
            field.setText(text)
        dialog.submit()

    return act


def press(text: str) -> Callable[[QDialog], None]:
    def act(dialog: QDialog) -> None:
        for button in dialog.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        names = [button.text() for button in dialog.findChildren(QPushButton)]
        raise AssertionError(f"no button {text!r} among {names}")

    return act


def test_create_asks_twice_and_refuses_short_or_different(qtbot: QtBot) -> None:
    tried: list[str] = []
    dialog = PassphraseDialog(creating=True, try_open=lambda p: tried.append(p))
    qtbot.add_widget(dialog)
    assert "no one can recover" in dialog.explanation.text()
    dialog.passphrase.setText("short")
    dialog.repeat.setText("short")
    dialog.submit()
    assert "at least 8" in dialog.error.text() and tried == []
    dialog.passphrase.setText("long enough one")
    dialog.repeat.setText("long enough two")
    dialog.submit()
    assert "differ" in dialog.error.text() and tried == []
    dialog.repeat.setText("long enough one")
    dialog.submit()
    assert tried == ["long enough one"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_first_start_without_keyring_creates_a_passphrase_vault(
    qtbot: QtBot, paths: AppPaths
) -> None:
    when_modal(qtbot, type_and_submit(TEST_PASSPHRASE, TEST_PASSPHRASE))
    db = unlock_vault(paths, lambda: passphrase_opener(paths))
    assert db is not None
    ConversationStore(db).create_conversation()
    db.close()
    assert passphrase_opener(paths).custody() == "passphrase"


def test_wrong_passphrase_says_so_and_the_right_one_opens(qtbot: QtBot, paths: AppPaths) -> None:
    passphrase_opener(paths).open(TEST_PASSPHRASE).close()
    before = paths.vault_path.read_bytes()
    messages: list[str] = []

    def wrong_then_right(dialog: QDialog) -> None:
        assert isinstance(dialog, PassphraseDialog)
        assert not dialog.repeat.isVisible()
        type_and_submit("not the passphrase")(dialog)
        messages.append(dialog.error.text())
        assert dialog.isVisible()  # still asking
        assert paths.vault_path.read_bytes() == before
        type_and_submit(TEST_PASSPHRASE)(dialog)

    when_modal(qtbot, wrong_then_right)
    db = unlock_vault(paths, lambda: passphrase_opener(paths))
    assert db is not None
    db.close()
    assert "does not open" in messages[0]


def test_missing_key_fails_closed_and_quit_touches_nothing(
    qtbot: QtBot, paths: AppPaths, secret_service: KeyringBackend
) -> None:
    VaultOpener(paths).open().close()  # the real keyring
    KeyringCustody(secret_service, keyring_user_for(paths.data_dir)).delete_key()
    before = paths.vault_path.read_bytes()
    seen: list[str] = []

    def read_and_quit(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        seen.append(dialog.text() + dialog.informativeText())
        press("Quit")(dialog)

    when_modal(qtbot, read_and_quit)
    assert unlock_vault(paths, lambda: VaultOpener(paths)) is None
    assert "new key" in seen[0]
    assert paths.vault_path.read_bytes() == before


def test_forget_everything_after_a_lockout_starts_afresh(
    qtbot: QtBot, paths: AppPaths, secret_service: KeyringBackend
) -> None:
    db = VaultOpener(paths).open()
    ConversationStore(db).create_conversation()
    db.close()
    custody = KeyringCustody(secret_service, keyring_user_for(paths.data_dir))
    custody.delete_key()

    def forget_then_confirm(dialog: QDialog) -> None:
        press("Forget everything…")(dialog)
        when_modal(qtbot, press("Yes"))

    when_modal(qtbot, forget_then_confirm)
    db = unlock_vault(paths, lambda: VaultOpener(paths))
    assert db is not None
    try:
        assert ConversationStore(db).list_conversations() == []  # a new, empty history
    finally:
        db.close()
    assert custody.load_key() is not None
