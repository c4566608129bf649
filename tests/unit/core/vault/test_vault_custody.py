"""Key custody: only secure OS keyrings, one entry per data folder, scrypt for passphrases."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from desktop.core.vault.custody import (
    SECURE_BACKENDS,
    SERVICE,
    KeyringCustody,
    backend_name,
    derive_key,
    keyring_user_for,
    new_key,
)
from desktop.core.vault.errors import KeyringUnavailableError, WrongKeyError

REPO = Path(__file__).resolve().parents[4]


def test_secret_service_is_the_secure_keyring(secret_service: KeyringBackend) -> None:
    assert backend_name(secret_service) == "keyring.backends.SecretService.Keyring"
    assert backend_name(secret_service) in SECURE_BACKENDS
    # What else keyring offers here (the failing and chaining backends) is never chosen.
    others = {backend_name(ring) for ring in keyring.backend.get_all_keyring()}
    assert others - SECURE_BACKENDS


def test_without_a_session_bus_there_is_no_secure_keyring() -> None:
    """In a real process that cannot reach any Secret Service, only insecure backends remain
    (keyring's "fail" and "chainer"), and none of them is accepted."""
    environment = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import keyring.backend\n"
            "from desktop.core.vault.custody import backend_name, secure_keyring\n"
            "print(sorted(backend_name(r) for r in keyring.backend.get_all_keyring()))\n"
            "print(secure_keyring())",
        ],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    viable, chosen = result.stdout.splitlines()
    assert "keyring.backends.fail.Keyring" in viable
    assert chosen == "None"


def test_keyring_user_is_stable_and_differs_per_data_folder(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert keyring_user_for(first) == keyring_user_for(tmp_path / "x" / ".." / "one")
    assert keyring_user_for(first) != keyring_user_for(second)
    user = keyring_user_for(first)
    assert user.startswith("vault-") and len(user) == len("vault-") + 16
    int(user.removeprefix("vault-"), 16)


def test_key_is_kept_hex_encoded_and_deleted(
    secret_service: KeyringBackend, tmp_path: Path
) -> None:
    custody = KeyringCustody(secret_service, keyring_user_for(tmp_path))
    assert custody.load_key() is None
    key = new_key()
    custody.store_key(key)
    try:
        assert custody.load_key() == key
        assert keyring.get_password(SERVICE, custody.user) == key.hex()
    finally:
        custody.delete_key()
    assert custody.load_key() is None
    custody.delete_key()  # absent: harmless


@pytest.mark.parametrize("text", ["not hex at all", "00" * 16])
def test_entry_that_is_not_a_key_is_a_wrong_key(
    secret_service: KeyringBackend, tmp_path: Path, text: str
) -> None:
    custody = KeyringCustody(secret_service, keyring_user_for(tmp_path))
    secret_service.set_password(SERVICE, custody.user, text)
    try:
        with pytest.raises(WrongKeyError):
            custody.load_key()
    finally:
        custody.delete_key()


class LockedKeyring:
    """A keyring whose user dismissed the unlock prompt: every request is refused.

    Not a ``KeyringBackend`` subclass: those register themselves with keyring for the whole
    process.
    """

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("the collection is locked")


def test_locked_keyring_is_a_sentence(tmp_path: Path) -> None:
    custody = KeyringCustody(LockedKeyring(), keyring_user_for(tmp_path))
    for attempt in (custody.load_key, lambda: custody.store_key(new_key()), custody.delete_key):
        with pytest.raises(KeyringUnavailableError, match=r"may be locked: unlock") as locked:
            attempt()
        assert "the collection is locked" in locked.value.details  # the keyring's own words


def test_derive_key_is_deterministic_and_depends_on_everything() -> None:
    salt = bytes(range(16))
    key = derive_key("correct horse battery staple", salt, n=2**10)
    assert len(key) == 32
    assert key == derive_key("correct horse battery staple", salt, n=2**10)
    assert key != derive_key("correct horse battery staple", bytes(16), n=2**10)
    assert key != derive_key("correct horse battery stapler", salt, n=2**10)
    assert key != derive_key("correct horse battery staple", salt, n=2**11)


def test_derive_key_with_the_real_cost() -> None:
    salt = bytes(range(16))
    expected = hashlib.scrypt(b"passphrase", salt=salt, n=2**17, r=8, p=1, maxmem=2**28, dklen=32)
    assert derive_key("passphrase", salt) == expected


def test_derive_key_sees_the_same_letters_typed_differently() -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    salt = bytes(16)
    assert derive_key(composed, salt, n=2**10) == derive_key(decomposed, salt, n=2**10)


def test_new_keys_are_random() -> None:
    assert len(new_key()) == 32
    assert new_key() != new_key()
