"""Deciding how to open the vault, and creating it on first launch.

The rules that keep the promise "never overwritten, never re-keyed on its own":

- A new vault gets a random key, kept in a secure OS keyring, or, where there is none, a key
  derived from a passphrase the user chooses. The key is stored before the bootstrap record
  is written, and the record before the database is created, so that no database ever exists
  whose key is not kept.
- An existing vault is opened only with the key its bootstrap record points to. When that key
  cannot be had (no record, another keyring, an entry gone, a key that does not fit), or the
  record is there but the database is missing or empty, the opener raises a
  ``VaultLockedError`` and leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from pathlib import Path

from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.storage_errors import StorageError, storage_error
from desktop.core.vault.bootstrap import KEYRING, PASSPHRASE, BootstrapRecord
from desktop.core.vault.custody import (
    SCRYPT_N,
    SCRYPT_P,
    SCRYPT_R,
    KeyringCustody,
    backend_name,
    derive_key,
    keyring_display_name,
    keyring_user_for,
    new_key,
    scrypt_maxmem,
    secure_keyring,
)
from desktop.core.vault.database import Database, database_files, open_database
from desktop.core.vault.errors import (
    KeyMissingError,
    KeyringChangedError,
    PassphraseRequiredError,
    VaultMissingError,
    WrongKeyError,
    WrongPassphraseError,
)

SALT_BYTES = 16


class VaultOpener:
    """Opens the vault under one data folder, or creates it.

    Attributes:
        paths: the application's folders; the vault and its bootstrap record are in
            ``paths.data_dir``.
        keyring_finder: returns the secure keyring to use, or None where there is none.
        kdf_params: scrypt's ``n``, ``r`` and ``p`` for a new passphrase vault (tests pass
            cheaper ones); an existing vault uses those in its record.
    """

    def __init__(
        self,
        paths: AppPaths,
        keyring_finder: Callable[[], KeyringBackend | None] = secure_keyring,
        kdf_params: dict[str, int] | None = None,
    ) -> None:
        self.paths = paths
        self.keyring_finder = keyring_finder
        self.kdf_params = kdf_params or {"n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}

    def is_new(self) -> bool:
        """Whether there is neither a vault nor a bootstrap record: the first launch."""
        return not self.paths.vault_path.exists() and not self.paths.bootstrap_path.exists()

    def custody(self) -> str | None:
        """How the key is kept ("keyring" or "passphrase"), or None before the first open.

        Raises:
            KeyMissingError: the bootstrap record is malformed.
            VaultMissingError: the record is there, but the database is missing or empty.
        """
        record = self._record()
        return None if record is None else record.custody

    def needs_passphrase(self) -> bool:
        """Whether ``open`` needs a passphrase: to open the vault, or to create it here,
        where no secure keyring is available (``is_new`` tells which).

        Raises:
            KeyMissingError: the bootstrap record is malformed.
            VaultMissingError: the record is there, but the database is missing or empty.
        """
        custody = self.custody()
        if custody is not None:
            return custody == PASSPHRASE
        return not self.paths.vault_path.exists() and self.keyring_finder() is None

    def open(self, passphrase: str | None = None, *, reads_only: bool = False) -> Database:
        """Open the vault, creating it on the first launch.

        Every page of an existing vault is checked on a thread of its own, so that opening
        takes the same time whatever the size of the history: the vault is read at once,
        and written once the check has passed (``Database.wait_until_checked`` waits for it).
        *reads_only*: the caller only reads, and closes soon (a command), so that a full
        disk does not keep it from reading (``open_database``).

        Raises:
            VaultLockedError: an existing vault cannot be opened with any key Sotto can find
                (``KeyMissingError``, ``KeyringChangedError``, ``KeyringUnavailableError``,
                ``WrongKeyError``, ``VaultTooNewError``), or its database is missing or empty
                (``VaultMissingError``); nothing was changed.
            PassphraseRequiredError: a passphrase is needed and *passphrase* is None or empty.
            WrongPassphraseError: *passphrase* does not open the vault; nothing was changed.
            VaultDamagedError: the key is right but the file is damaged (as far as opening it
                reads); nothing was changed.
            StorageError: the disk is full, read-only or failing.
        """
        record = self._record()
        if record is None:
            if self.paths.vault_path.exists():
                raise KeyMissingError()
            return self._create(passphrase)
        if record.custody == KEYRING:
            return _open_existing(self.paths.vault_path, self._keyring_key(record), reads_only)
        key = self._passphrase_key(record, passphrase)
        try:
            return _open_existing(self.paths.vault_path, key, reads_only)
        except WrongKeyError as error:
            raise WrongPassphraseError() from error

    def _record(self) -> BootstrapRecord | None:
        """The bootstrap record, with the database it speaks of; None before the first open.

        An empty database would be taken by SQLite for a new one: with a record beside it,
        it is a history that a copy, sync or restore lost, never a first launch.
        """
        record = BootstrapRecord.load(self.paths.bootstrap_path)
        if record is not None:
            vault = self.paths.vault_path
            try:
                empty = vault.stat().st_size == 0
            except FileNotFoundError:
                raise VaultMissingError(str(vault), empty=False) from None
            if empty:
                raise VaultMissingError(str(vault), empty=True)
        return record

    def _create(self, passphrase: str | None) -> Database:
        try:
            self.paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise storage_error(self.paths.data_dir, error) from error
        backend = self.keyring_finder()
        if backend is not None:
            user = keyring_user_for(self.paths.data_dir)
            custody = KeyringCustody(backend, user)
            # An entry already there may be the key of a copy of an earlier vault (a backup
            # the user moved away): it is used, never overwritten.
            key = custody.load_key()
            if key is None:
                key = new_key()
                custody.store_key(key)
            record = BootstrapRecord(
                custody=KEYRING, keyring_backend=backend_name(backend), keyring_user=user
            )
        else:
            if not passphrase:
                raise PassphraseRequiredError()
            salt = secrets.token_bytes(SALT_BYTES)
            n, r, p = (self.kdf_params[name] for name in ("n", "r", "p"))
            key = derive_key(passphrase, salt, n=n, r=r, p=p)
            record = BootstrapRecord(
                custody=PASSPHRASE,
                kdf={"salt": salt.hex(), "n": n, "r": r, "p": p, "maxmem": scrypt_maxmem(n, r, p)},
            )
        try:
            record.save(self.paths.bootstrap_path)
        except OSError as error:
            raise storage_error(self.paths.data_dir, error) from error
        try:
            return open_database(self.paths.vault_path, key)
        except StorageError:
            # Nothing was ever saved in it: without the record, the next start is a first
            # start again, not a history gone missing.
            vault = self.paths.vault_path
            for path in (self.paths.bootstrap_path, *database_files(vault)):
                with contextlib.suppress(OSError):
                    path.unlink()
            raise

    def _keyring_key(self, record: BootstrapRecord) -> bytes:
        assert record.keyring_backend is not None and record.keyring_user is not None
        backend = self.keyring_finder()
        current = None if backend is None else backend_name(backend)
        if backend is None or current != record.keyring_backend:
            raise KeyringChangedError(
                recorded=keyring_display_name(record.keyring_backend),
                current=keyring_display_name(current),
            )
        key = KeyringCustody(backend, record.keyring_user).load_key()
        if key is None:
            raise KeyMissingError()
        return key

    def _passphrase_key(self, record: BootstrapRecord, passphrase: str | None) -> bytes:
        if not passphrase:
            raise PassphraseRequiredError()
        salt, n, r, p = record.scrypt_parameters()
        return derive_key(passphrase, salt, n=n, r=r, p=p)


def _open_existing(path: Path, key: bytes, reads_only: bool) -> Database:
    return open_database(path, key, in_background=True, reads_only=reads_only)


def checked(db: Database) -> Database:
    """*db* once every page of it is known to be whole; closed if it is not.

    Raises:
        VaultDamagedError: a page is damaged; nothing was written to it.
        StorageError: the disk failed while it was read.
    """
    try:
        db.wait_until_checked()
    except BaseException:
        db.close()
        raise
    return db
