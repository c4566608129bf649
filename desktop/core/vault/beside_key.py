"""Where a secret kept beside the vault's key lives: the servers' API keys, the local API's
token."""

from __future__ import annotations

from typing import ClassVar, Self

from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.vault.bootstrap import KEYRING, BootstrapRecord
from desktop.core.vault.custody import keyring_named, keyring_user_for
from desktop.core.vault.database import Database


def keyring_entry(paths: AppPaths, kind: str) -> tuple[KeyringBackend | None, str]:
    """The keyring that holds the vault's key under *paths* and the user name of the entry
    of *kind* in it; ``(None, "")`` for a vault under a passphrase, which keeps such secrets
    inside itself."""
    record = BootstrapRecord.load(paths.bootstrap_path)
    if record is None or record.custody != KEYRING:
        return None, ""
    return keyring_named(record.keyring_backend), keyring_user_for(paths.data_dir, kind)


class BesideKey:
    """Secrets of one kind kept beside the vault's key: in one keyring entry of their own
    (``KIND``), which forgetting everything removes without reading the vault, or inside a
    passphrase vault.

    Attributes:
        backend: the keyring that holds them, or None where the vault holds them.
        user: the keyring entry's user name (with ``backend``).
    """

    KIND: ClassVar[str]

    def __init__(self, db: Database, backend: KeyringBackend | None, user: str = "") -> None:
        self._db = db
        self.backend = backend
        self.user = user

    @classmethod
    def of(cls, paths: AppPaths, db: Database) -> Self:
        """Those of the vault *db* under *paths*: in the keyring that holds its key, or in
        the vault itself for a passphrase vault."""
        return cls(db, *keyring_entry(paths, cls.KIND))
