"""Forget everything: every trace of the user's history removed, the key first.

Every setting goes too, but one: offline mode, if it was on, stays on. A user who chose
offline mode chose that nothing leaves this computer; forgetting must not quietly undo it,
and the dialogs that ask say so.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import keyring.errors

from desktop.core.app_settings import OFFLINE, AppSettings
from desktop.core.errors import UserError
from desktop.core.paths import AppPaths
from desktop.core.vault.api_token import KIND as API_TOKEN
from desktop.core.vault.bootstrap import BootstrapRecord
from desktop.core.vault.custody import (
    KeyringCustody,
    backend_name,
    keyring_named,
    keyring_user_for,
    secure_keyring,
)
from desktop.core.vault.server_keys import KIND as SERVER_KEYS
from desktop.core.vault.server_keys import forget_server_keys


@dataclass
class ForgetReport:
    """What forgetting did not manage to remove, and what it could not reach.

    Attributes:
        failures: (what, why) for each step that failed; empty when everything is gone.
        key_kept: the keyring entry (user name, under the service ``SERVICE``) that still
            holds the vault's key because its keyring could not be reached or refused; any
            copy of the vault made before can be read with it while it exists.
        passphrase: the vault was locked by a passphrase, which is stored nowhere: there was
            no key to delete, and any copy made before still opens with the passphrase.
    """

    failures: list[tuple[str, str]] = field(default_factory=list)
    key_kept: str | None = None
    passphrase: bool = False

    @property
    def complete(self) -> bool:
        return not self.failures and self.key_kept is None


def forget_everything(paths: AppPaths, include_models: bool = False) -> ForgetReport:
    """Remove the vault's key, the vault, and every file Sotto wrote under its folders: the
    document index (``documents.db``, whose key is kept inside the vault) among them.

    The key goes first: without it no copy of the vault, nor of the document index, wherever
    an SSD or a backup kept one, can be read again. Every step is attempted even when one
    fails; running this twice is harmless. Models are kept unless *include_models*; so is the
    empty lock file of a window that has the folder open (it goes on with a new history).
    Offline mode is kept if it was on (or unknown: a settings file that cannot be read), in
    a new ``settings.json`` that holds nothing else.
    """
    report = ForgetReport()
    offline = AppSettings(paths.settings_path).get(OFFLINE) is True
    _forget_key(paths, report)
    keep = {paths.lock_path} if include_models else {paths.lock_path, paths.models_dir}
    for folder in (paths.data_dir, paths.cache_dir):
        _remove_under(folder, keep, report)
    if offline:
        try:
            AppSettings(paths.settings_path).set(OFFLINE, True)
        except OSError as error:
            report.failures.append((str(paths.settings_path), error.strerror or str(error)))
    return report


def _forget_key(paths: AppPaths, report: ForgetReport) -> None:
    try:
        record = BootstrapRecord.load(paths.bootstrap_path)
    except UserError:
        record = None  # unreadable: the key may still be under this folder's entry
    if record is not None and record.custody != "keyring":
        report.passphrase = True  # its key is stored nowhere
        return
    backend = secure_keyring()
    if record is not None and record.keyring_backend:
        backend = keyring_named(record.keyring_backend)
    user = (record.keyring_user if record else None) or keyring_user_for(paths.data_dir)
    if backend is None:
        if record is not None:
            report.key_kept = user
        return
    try:
        KeyringCustody(backend, user).delete_key()
    except UserError:
        report.key_kept = user
    # The API keys of the user's model servers and the local API's token, kept beside the
    # vault's key.
    for kind in (SERVER_KEYS, API_TOKEN):
        try:
            forget_server_keys(backend, keyring_user_for(paths.data_dir, kind))
        except keyring.errors.KeyringError as error:
            report.failures.append((backend_name(backend), str(error) or type(error).__name__))


def _remove_under(folder: Path, keep: set[Path], report: ForgetReport) -> None:
    if not folder.exists():
        return
    for entry in sorted(folder.iterdir()):
        if entry in keep:
            continue
        if entry.is_dir() and any(kept.is_relative_to(entry) for kept in keep):
            _remove_under(entry, keep, report)
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError as error:
            report.failures.append((str(entry), error.strerror or str(error)))
