"""A history Sotto cannot use at start, made for real: damaged (a byte changed), emptied or
deleted, or in a read-only folder (a read-only bind mount). Each is said in a sentence with a
way forward, and the files are left byte for byte as they were until the user chooses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import KeyringCustody, keyring_user_for
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from desktop.ui.privacy.vault_unlock import unlock_vault
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.disks import files_in, flip_a_byte, read_only_view
from tests.ui.conftest import when_modal
from tests.ui.privacy.test_vault_unlock import press


def used_vault(opener: VaultOpener, passphrase: str | None = None) -> None:
    db = opener.open(passphrase)
    store = ConversationStore(db)
    store.add_message(store.create_conversation().id, "user", "A question worth keeping")
    db.close()


def then(
    seen: list[str], qtbot: QtBot, answer: str, after: Callable[[QDialog], None] | None = None
) -> Callable[[QDialog], None]:
    """Read the box shown, answer it with the button *answer*, then act on the next box."""

    def act(dialog: QDialog) -> None:
        try:
            assert isinstance(dialog, QMessageBox), f"{type(dialog).__name__}, not a message"
            seen.append(f"{dialog.text()} {dialog.informativeText()}")
            press(answer)(dialog)
        except AssertionError:
            dialog.reject()  # not the box expected: the test fails rather than waits
            raise
        if after is not None:
            when_modal(qtbot, after)

    return act


def test_a_damaged_history_is_kept_as_it_is_copied_if_asked_then_replaced(
    qtbot: QtBot,
    paths: AppPaths,
    tmp_path: Path,
    secret_service: KeyringBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    used_vault(VaultOpener(paths))
    key = KeyringCustody(secret_service, keyring_user_for(paths.data_dir))
    original_key = key.load_key()
    flip_a_byte(paths.vault_path)
    damaged = files_in(paths.data_dir)
    seen: list[str] = []

    when_modal(qtbot, then(seen, qtbot, "Quit"))
    assert unlock_vault(paths, lambda: VaultOpener(paths)) is None
    assert "is damaged" in seen[0] and "Save a copy" in seen[0]
    assert files_in(paths.data_dir) == damaged  # nothing written over it, or beside it

    copies = tmp_path / "copies"
    copies.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_: str(copies))
    still_damaged: list[bool] = []

    def start_afresh(dialog: QDialog) -> None:
        still_damaged.append(files_in(paths.data_dir) == damaged)
        then(seen, qtbot, "Start afresh…", then(seen, qtbot, "Yes"))(dialog)

    when_modal(qtbot, then(seen, qtbot, "Save a copy…", then(seen, qtbot, "OK", start_afresh)))
    db = unlock_vault(paths, lambda: VaultOpener(paths))
    assert db is not None
    try:
        assert ConversationStore(db).list_conversations() == []  # a new, empty history
    finally:
        db.close()
    assert "is copied to" in seen[2]
    assert still_damaged == [True]
    assert files_in(copies) == damaged  # the copy is the damaged file, byte for byte
    assert key.load_key() == original_key  # with which the copy can still be read


@pytest.mark.parametrize("custody", ["keyring", "passphrase"])
def test_an_emptied_or_deleted_history_fails_closed_and_quit_touches_nothing(
    qtbot: QtBot, paths: AppPaths, custody: str, secret_service: KeyringBackend
) -> None:
    opener: Callable[[], VaultOpener]
    if custody == "keyring":
        opener = lambda: VaultOpener(paths)  # noqa: E731
        used_vault(opener())
        paths.vault_path.write_bytes(b"")
        words = "is empty"
    else:
        opener = lambda: passphrase_opener(paths)  # noqa: E731
        used_vault(opener(), TEST_PASSPHRASE)
        paths.vault_path.unlink()
        words = "is missing"
    before = files_in(paths.data_dir)
    seen: list[str] = []
    when_modal(qtbot, then(seen, qtbot, "Quit"))  # before any passphrase is asked for
    assert unlock_vault(paths, opener) is None
    assert words in seen[0] and "forget everything" in seen[0]
    assert files_in(paths.data_dir) == before


def test_a_read_only_data_folder_says_so_and_offers_to_try_again(
    qtbot: QtBot, paths: AppPaths, tmp_path: Path, secret_service: KeyringBackend
) -> None:
    used_vault(VaultOpener(paths))
    with read_only_view(paths.data_dir, tmp_path / "read-only") as view:
        seen: list[str] = []
        read_only = AppPaths.resolve(view)
        when_modal(qtbot, then(seen, qtbot, "Try again", then(seen, qtbot, "Quit")))
        assert unlock_vault(read_only, lambda: VaultOpener(read_only)) is None
    assert len(seen) == 2 and all("may not write to" in sentence for sentence in seen)
