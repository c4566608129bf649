"""Opening the vault: a key in the real keyring or from a passphrase, and failing closed.

Every refusal is checked to leave the data folder byte for byte as it was: Sotto never makes
a new key over existing data, and never writes to a vault it cannot open.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.vault.bootstrap import BootstrapRecord
from desktop.core.vault.custody import SERVICE, keyring_user_for, new_key
from desktop.core.vault.database import open_database
from desktop.core.vault.errors import (
    KeyMissingError,
    KeyringChangedError,
    PassphraseRequiredError,
    WrongKeyError,
    WrongPassphraseError,
)
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore

REPO = Path(__file__).resolve().parents[4]
PASSPHRASE = "correct horse battery staple"
Files = Callable[[], dict[str, bytes]]

CHILD = """
import json, sys
from pathlib import Path
from desktop.core.paths import AppPaths
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
try:
    with VaultOpener(AppPaths.resolve(Path(sys.argv[1]))).open() as db:
        store = ConversationStore(db)
        print(json.dumps([m.content for c in store.list_conversations()
                          for m in store.messages(c.id)]))
except Exception as error:
    print(json.dumps({"error": type(error).__name__, "params": getattr(error, "params", {})}))
"""


def _in_new_process(paths: AppPaths, **environment: str) -> Any:
    """What a new process makes of the vault under *paths*: its messages, or its error."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(paths.data_dir)],
        cwd=REPO,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def _add(opener: VaultOpener, text: str, passphrase: str | None = None) -> None:
    with opener.open(passphrase) as db:
        store = ConversationStore(db)
        store.add_message(store.create_conversation().id, "user", text)


def _texts(opener: VaultOpener, passphrase: str | None = None) -> list[str]:
    with opener.open(passphrase) as db:
        store = ConversationStore(db)
        return [m.content for c in store.list_conversations() for m in store.messages(c.id)]


def test_first_open_keeps_a_random_key_in_the_keyring(
    paths: AppPaths, keyring_opener: VaultOpener
) -> None:
    assert keyring_opener.is_new()
    assert not keyring_opener.needs_passphrase()
    assert keyring_opener.custody() is None
    _add(keyring_opener, "The first words")
    assert not keyring_opener.is_new()
    assert keyring_opener.custody() == "keyring"
    assert not keyring_opener.needs_passphrase()

    key_hex = keyring.get_password(SERVICE, keyring_user_for(paths.data_dir))
    assert key_hex is not None and len(bytes.fromhex(key_hex)) == 32
    record = BootstrapRecord.load(paths.bootstrap_path)
    assert record == BootstrapRecord(
        custody="keyring",
        keyring_backend="keyring.backends.SecretService.Keyring",
        keyring_user=keyring_user_for(paths.data_dir),
    )
    assert key_hex not in paths.bootstrap_path.read_text()
    with open_database(paths.vault_path, bytes.fromhex(key_hex)) as db:
        assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1


def test_new_process_opens_the_vault_with_the_keyring_key(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Remember the lighthouse")
    assert _in_new_process(paths) == ["Remember the lighthouse"]
    # A process that cannot reach the session's keyring is refused, and changes nothing.
    before = data_files()
    refused = _in_new_process(paths, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus")
    assert refused == {
        "error": "KeyringChangedError",
        # Named as users know them, never by a Python class.
        "params": {"recorded": "GNOME Keyring (Secret Service)", "current": "no secure keyring"},
    }
    assert data_files() == before


def test_existing_keyring_entry_is_reused_never_overwritten(
    paths: AppPaths, keyring_opener: VaultOpener, secret_service: KeyringBackend
) -> None:
    """A key already in the keyring may be the only key to a copy of an earlier vault."""
    earlier = new_key()
    secret_service.set_password(SERVICE, keyring_user_for(paths.data_dir), earlier.hex())
    _add(keyring_opener, "Fresh start")
    assert keyring.get_password(SERVICE, keyring_user_for(paths.data_dir)) == earlier.hex()
    with open_database(paths.vault_path, earlier) as db:
        assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1


def test_without_a_keyring_the_vault_takes_a_passphrase(
    paths: AppPaths, passphrase_opener: VaultOpener, data_files: Files
) -> None:
    assert passphrase_opener.is_new() and passphrase_opener.needs_passphrase()
    with pytest.raises(PassphraseRequiredError):
        passphrase_opener.open()
    with pytest.raises(PassphraseRequiredError):
        passphrase_opener.open("")
    assert passphrase_opener.is_new()  # nothing was written
    _add(passphrase_opener, "Sealed with a passphrase", PASSPHRASE)

    record = BootstrapRecord.load(paths.bootstrap_path)
    assert record is not None and record.custody == "passphrase"
    assert record.kdf is not None
    assert {k: record.kdf[k] for k in ("n", "r", "p")} == {"n": 2**10, "r": 8, "p": 1}
    assert len(bytes.fromhex(str(record.kdf["salt"]))) == 16
    assert passphrase_opener.needs_passphrase() and passphrase_opener.custody() == "passphrase"

    before = data_files()
    with pytest.raises(PassphraseRequiredError):
        passphrase_opener.open()
    with pytest.raises(WrongPassphraseError, match="does not open your history"):
        passphrase_opener.open("correct horse battery stapler")
    assert data_files() == before
    assert _texts(passphrase_opener, PASSPHRASE) == ["Sealed with a passphrase"]


def test_passphrase_vault_with_the_real_cost(paths: AppPaths) -> None:
    opener = VaultOpener(paths, keyring_finder=lambda: None)
    _add(opener, "Expensive to guess", PASSPHRASE)
    record = BootstrapRecord.load(paths.bootstrap_path)
    assert record is not None and record.scrypt_parameters()[1:] == (2**17, 8, 1)
    # Reopened with the recorded cost, whatever the opener would give a new vault.
    cheap = VaultOpener(paths, keyring_finder=lambda: None, kdf_params={"n": 2, "r": 1, "p": 1})
    assert _texts(cheap, PASSPHRASE) == ["Expensive to guess"]


def test_passphrase_vault_ignores_a_keyring_that_appears_later(
    paths: AppPaths, passphrase_opener: VaultOpener, secret_service: KeyringBackend
) -> None:
    _add(passphrase_opener, "Still mine", PASSPHRASE)
    later = VaultOpener(paths)
    assert later.needs_passphrase()
    assert _texts(later, PASSPHRASE) == ["Still mine"]
    assert secret_service.get_password(SERVICE, keyring_user_for(paths.data_dir)) is None


def test_key_deleted_from_the_keyring_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, secret_service: KeyringBackend, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    secret_service.delete_password(SERVICE, keyring_user_for(paths.data_dir))
    before = data_files()
    for _ in range(2):  # and again: the first refusal made no new key
        with pytest.raises(KeyMissingError, match="never make a new key"):
            keyring_opener.open()
    assert data_files() == before
    assert secret_service.get_password(SERVICE, keyring_user_for(paths.data_dir)) is None


def test_another_keyring_backend_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    record = BootstrapRecord.load(paths.bootstrap_path)
    assert record is not None
    moved = BootstrapRecord(
        custody="keyring",
        keyring_backend="keyring.backends.kwallet.DBusKeyring",
        keyring_user=record.keyring_user,
    )
    moved.save(paths.bootstrap_path)
    before = data_files()
    with pytest.raises(KeyringChangedError) as refused:
        keyring_opener.open()
    assert refused.value.params == {
        "recorded": "KWallet",
        "current": "GNOME Keyring (Secret Service)",
    }
    assert data_files() == before


def test_no_keyring_at_all_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    before = data_files()
    headless = VaultOpener(paths, keyring_finder=lambda: None)
    assert not headless.needs_passphrase()  # a passphrase would not help
    with pytest.raises(KeyringChangedError, match="now finds no secure keyring"):
        headless.open(PASSPHRASE)
    assert data_files() == before


def test_vault_without_its_bootstrap_record_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    key_hex = keyring.get_password(SERVICE, keyring_user_for(paths.data_dir))
    paths.bootstrap_path.unlink()
    before = data_files()
    assert not keyring_opener.is_new()
    assert not keyring_opener.needs_passphrase()
    with pytest.raises(KeyMissingError):
        keyring_opener.open()
    assert data_files() == before
    assert keyring.get_password(SERVICE, keyring_user_for(paths.data_dir)) == key_hex


def test_malformed_bootstrap_record_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    paths.bootstrap_path.write_text('{"custody": "keyring"')
    before = data_files()
    for attempt in (keyring_opener.open, keyring_opener.needs_passphrase):
        with pytest.raises(KeyMissingError):
            attempt()
    assert data_files() == before


def test_replaced_key_fails_closed(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    _add(keyring_opener, "Precious")
    original = keyring.get_password(SERVICE, keyring_user_for(paths.data_dir))
    keyring.set_password(SERVICE, keyring_user_for(paths.data_dir), new_key().hex())
    before = data_files()
    with pytest.raises(WrongKeyError):
        keyring_opener.open()
    assert data_files() == before
    assert original is not None
    keyring.set_password(SERVICE, keyring_user_for(paths.data_dir), original)
    assert _texts(keyring_opener) == ["Precious"]
