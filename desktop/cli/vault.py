"""The vault, opened for a command: with the passphrase from the environment or asked for."""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.core.paths import AppPaths

if TYPE_CHECKING:
    from desktop.core.vault.store import ConversationStore

PASSPHRASE_VARIABLE = "SOTTO_PASSPHRASE"


def open_store(paths: AppPaths, *, writes: bool = True) -> ConversationStore:
    """Open the vault of *paths*, asking for its passphrase where it has one.

    Replies left streaming are marked interrupted only while no window has the folder: a
    window's reply, being written now, is left alone. A command that *writes* refuses where
    the folder's lock cannot be checked (it might write beside a window it cannot see); one
    that only reads goes on, and marks nothing; it reads even on a full disk.

    Raises:
        LockUnavailableError, StorageError: (a command that writes) the lock cannot be
            checked, or its file made.
    """
    # Imported here: --help, --version and the window do not need them loaded.
    from desktop.core.app_settings import AppSettings
    from desktop.core.instance_lock import InstanceLock, LockUnavailableError
    from desktop.core.services import open_store
    from desktop.core.storage_errors import StorageError
    from desktop.core.vault.errors import PassphraseRequiredError
    from desktop.core.vault.opener import VaultOpener, checked

    opener = VaultOpener(paths)
    passphrase = None
    if opener.needs_passphrase():
        passphrase = os.environ.get(PASSPHRASE_VARIABLE)
        if passphrase is None and sys.stdin.isatty():
            passphrase = getpass.getpass(
                QCoreApplication.translate("cli", "Passphrase of your Sotto history: ")
            )
        if passphrase is None:
            raise PassphraseRequiredError()
    lock = InstanceLock(paths.lock_path)  # held only while the vault opens: a window may start
    try:
        free = lock.acquire(create=False)
    except (LockUnavailableError, StorageError):
        if writes:
            raise
        free = False
    try:
        db = checked(opener.open(passphrase, reads_only=not writes))
        return open_store(db, owns_folder=free, settings=AppSettings(paths.settings_path))
    finally:
        lock.release()
