"""Forget everything: every trace of the user's history removed, the key first."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import keyring.backend

from desktop.core.errors import UserError
from desktop.core.paths import AppPaths
from desktop.core.vault.bootstrap import BootstrapRecord
from desktop.core.vault.custody import (
    KeyringCustody,
    backend_name,
    keyring_user_for,
    secure_keyring,
)


@dataclass
class ForgetReport:
    """What forgetting did not manage to remove.

    Attributes:
        failures: (what, why) for each step that failed; empty when everything is gone.
    """

    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.failures


def forget_everything(paths: AppPaths, include_models: bool = False) -> ForgetReport:
    """Remove the vault's key, the vault, and every file Sotto wrote under its folders.

    The key goes first: without it no copy of the database, wherever an SSD or a backup kept
    one, can be read again. Every step is attempted even when one fails; running this twice
    is harmless. Models are kept unless *include_models*.
    """
    report = ForgetReport()
    _forget_key(paths, report)
    keep = set() if include_models else {paths.models_dir}
    for folder in (paths.data_dir, paths.cache_dir):
        _remove_under(folder, keep, report)
    return report


def _forget_key(paths: AppPaths, report: ForgetReport) -> None:
    try:
        record = BootstrapRecord.load(paths.bootstrap_path)
    except UserError:
        record = None  # unreadable: the key may still be under this folder's entry
    if record is not None and record.custody != "keyring":
        return  # a passphrase vault: its key is stored nowhere
    backend = secure_keyring()
    if record is not None and record.keyring_backend:
        backend = next(
            (
                b
                for b in keyring.backend.get_all_keyring()
                if backend_name(b) == record.keyring_backend
            ),
            None,
        )
    if backend is None:
        if record is not None:
            report.failures.append((record.keyring_backend or "keyring", "not available"))
        return
    user = (record.keyring_user if record else None) or keyring_user_for(paths.data_dir)
    try:
        KeyringCustody(backend, user).delete_key()
    except UserError as error:
        report.failures.append((backend_name(backend), str(error)))


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
