"""Where a secret kept beside the vault's key lives: the servers' API keys, the local API's
token."""

from __future__ import annotations

from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.vault.bootstrap import KEYRING, BootstrapRecord
from desktop.core.vault.custody import keyring_named, keyring_user_for


def keyring_entry(paths: AppPaths, kind: str) -> tuple[KeyringBackend | None, str]:
    """The keyring that holds the vault's key under *paths* and the user name of the entry
    of *kind* in it; ``(None, "")`` for a vault under a passphrase, which keeps such secrets
    inside itself."""
    record = BootstrapRecord.load(paths.bootstrap_path)
    if record is None or record.custody != KEYRING:
        return None, ""
    return keyring_named(record.keyring_backend), keyring_user_for(paths.data_dir, kind)
