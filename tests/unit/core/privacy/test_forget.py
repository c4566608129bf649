"""Forgetting everything, with the real keyring and a real vault."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from desktop.core.app_settings import FONT_SIZE, OFFLINE, THEME, AppSettings
from desktop.core.paths import AppPaths
from desktop.core.privacy.forget import forget_everything
from desktop.core.vault.custody import KeyringCustody, keyring_user_for
from desktop.core.vault.errors import KeyMissingError
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore


def used_vault(paths: AppPaths) -> None:
    db = VaultOpener(paths).open()
    store = ConversationStore(db)
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "a confidential question")
    db.close()
    (paths.cache_dir / "selfcheck.json").write_text("{}")
    (paths.models_dir / "mine.gguf").write_bytes(b"GGUF")


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_forget_removes_the_key_first_and_every_file_but_models(
    paths: AppPaths, tmp_path: Path, secret_service: KeyringBackend
) -> None:
    used_vault(paths)
    copies = tmp_path / "copies"
    copies.mkdir()
    for name in ("vault.db", "vault.json"):
        shutil.copy(paths.data_dir / name, copies / name)
    custody = KeyringCustody(secret_service, keyring_user_for(paths.data_dir))
    assert custody.load_key() is not None

    report = forget_everything(paths)
    assert report.complete, report.failures
    assert custody.load_key() is None
    assert files_under(paths.data_dir) == ["models/mine.gguf"]

    # A copy taken before (a backup, an SSD's old blocks) can no longer be opened.
    for name in ("vault.db", "vault.json"):
        shutil.copy(copies / name, paths.data_dir / name)
    before = (paths.data_dir / "vault.db").read_bytes()
    with pytest.raises(KeyMissingError):
        VaultOpener(paths).open()
    assert (paths.data_dir / "vault.db").read_bytes() == before


def test_forget_twice_is_harmless_and_models_go_when_asked(paths: AppPaths) -> None:
    used_vault(paths)
    assert forget_everything(paths, include_models=True).complete
    assert forget_everything(paths, include_models=True).complete
    assert files_under(paths.data_dir) == []
    db = VaultOpener(paths.ensure()).open()  # then Sotto starts as new
    assert ConversationStore(db).list_conversations() == []
    db.close()


def test_a_step_that_fails_is_reported_and_the_rest_still_done(paths: AppPaths) -> None:
    used_vault(paths)
    record = json.loads(paths.bootstrap_path.read_text())
    record["keyring_backend"] = "keyring.backends.Gone.Keyring"  # a keyring no longer there
    paths.bootstrap_path.write_text(json.dumps(record))
    report = forget_everything(paths)
    assert not report.complete
    assert report.key_kept == record["keyring_user"] and report.failures == []
    assert files_under(paths.data_dir) == ["models/mine.gguf"]  # every other step was done


def test_every_setting_goes_but_offline_mode_stays_on(paths: AppPaths) -> None:
    used_vault(paths)
    AppSettings(paths.settings_path).set(OFFLINE, True)
    AppSettings(paths.settings_path).set(THEME, "dark")
    AppSettings(paths.settings_path).set(FONT_SIZE, "larger")

    assert forget_everything(paths).complete

    assert json.loads(paths.settings_path.read_text("utf-8")) == {OFFLINE: True}
    assert AppSettings(paths.settings_path).get(OFFLINE) is True


def test_offline_mode_that_was_off_leaves_no_settings_at_all(paths: AppPaths) -> None:
    used_vault(paths)
    AppSettings(paths.settings_path).set(OFFLINE, False)
    AppSettings(paths.settings_path).set(THEME, "dark")

    assert forget_everything(paths).complete

    assert not paths.settings_path.exists()
    assert AppSettings(paths.settings_path).get(OFFLINE) is False


def test_a_settings_file_that_cannot_be_read_keeps_offline_mode_on(paths: AppPaths) -> None:
    used_vault(paths)
    paths.settings_path.write_text('{"offline": false, "theme": "da', encoding="utf-8")

    assert forget_everything(paths).complete

    assert json.loads(paths.settings_path.read_text("utf-8")) == {OFFLINE: True}
