"""Vault test setup: the real Secret Service of the test session, cheap scrypt, open vaults."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import KeyringCustody, keyring_user_for, new_key
from desktop.core.vault.database import Database, open_database
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore

FAST_KDF = {"n": 2**10, "r": 8, "p": 1}
"""scrypt parameters cheap enough for many derivations; one test keeps the real ones."""


def no_keyring() -> KeyringBackend | None:
    """A keyring finder for a machine without a secure keyring."""
    return None


class Ticker:
    """A clock that advances one second per reading, so that activity order is certain."""

    def __init__(self) -> None:
        self.now = 1_700_000_000_000

    def __call__(self) -> int:
        self.now += 1000
        return self.now


@pytest.fixture
def data_files(paths: AppPaths) -> Callable[[], dict[str, bytes]]:
    """Every file under the data folder, by relative path, with its bytes, when called."""

    def snapshot() -> dict[str, bytes]:
        folder = paths.data_dir
        return {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }

    return snapshot


@pytest.fixture
def keyring_opener(paths: AppPaths, secret_service: KeyringBackend) -> Iterator[VaultOpener]:
    """An opener that keeps its key in the real keyring; the entry is removed afterwards."""
    yield VaultOpener(paths)
    KeyringCustody(secret_service, keyring_user_for(paths.data_dir)).delete_key()


@pytest.fixture
def passphrase_opener(paths: AppPaths) -> VaultOpener:
    """An opener on a machine without a secure keyring, with cheap scrypt parameters."""
    return VaultOpener(paths, keyring_finder=no_keyring, kdf_params=FAST_KDF)


@pytest.fixture
def db(paths: AppPaths) -> Iterator[Database]:
    """A new vault opened with a random key (the custody is tested elsewhere)."""
    database = open_database(paths.vault_path, new_key())
    yield database
    database.close()


@pytest.fixture
def store(db: Database) -> ConversationStore:
    return ConversationStore(db, clock=Ticker())
