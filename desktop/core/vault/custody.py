"""Where the vault's key comes from: a secure OS keyring, or the user's passphrase.

Only keyrings that keep secrets encrypted by the operating system are accepted; the plaintext,
null and failing backends of ``keyring`` (and of ``keyrings.alt``) never are, whatever their
priority. A key is 32 random bytes, or 32 bytes derived from a passphrase with scrypt.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from pathlib import Path

import keyring.backend
import keyring.errors
from keyring.backend import KeyringBackend

from desktop.core.vault.errors import KeyringUnavailableError, WrongKeyError

SERVICE = "Sotto"
KEY_BYTES = 32

SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)
"""The OS stores that encrypt what they keep, by fully qualified class name."""

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1


def backend_name(backend: KeyringBackend) -> str:
    """The fully qualified class name of *backend*, as the bootstrap record keeps it."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def secure_keyring() -> KeyringBackend | None:
    """The highest-priority viable keyring that is a secure OS store, or None if none is."""
    secure = [
        ring for ring in keyring.backend.get_all_keyring() if backend_name(ring) in SECURE_BACKENDS
    ]
    return max(secure, key=keyring.backend.by_priority, default=None)


def keyring_user_for(data_dir: Path) -> str:
    """The keyring user name for the vault under *data_dir*.

    Separate data folders (tests, portable installs) never share a keyring entry.
    """
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()
    return f"vault-{digest[:16]}"


class KeyringCustody:
    """The vault's key in one entry of a keyring, hex-encoded.

    Attributes:
        backend: the keyring that holds the entry.
        user: the entry's user name; the service name is always ``SERVICE``.
    """

    def __init__(self, backend: KeyringBackend, user: str) -> None:
        self.backend = backend
        self.user = user

    def load_key(self) -> bytes | None:
        """The key, or None if the entry is absent.

        Raises:
            KeyringUnavailableError: the keyring is locked or failed.
            WrongKeyError: the entry holds something that is not a key.
        """
        try:
            text = self.backend.get_password(SERVICE, self.user)
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from error
        if text is None:
            return None
        try:
            key = bytes.fromhex(text)
        except ValueError as error:
            raise WrongKeyError() from error
        if len(key) != KEY_BYTES:
            raise WrongKeyError()
        return key

    def store_key(self, key: bytes) -> None:
        """Keep *key* in the entry.

        Raises:
            KeyringUnavailableError: the keyring is locked or refused.
        """
        try:
            self.backend.set_password(SERVICE, self.user, key.hex())
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from error

    def delete_key(self) -> None:
        """Remove the entry; nothing happens if it is absent.

        Raises:
            KeyringUnavailableError: the keyring is locked or refused.
        """
        try:
            self.backend.delete_password(SERVICE, self.user)
        except keyring.errors.PasswordDeleteError as error:
            # Backends say "no such entry" with this error too; only a present entry counts.
            if self.load_key() is not None:
                raise _unavailable(error) from error
        except keyring.errors.KeyringError as error:
            raise _unavailable(error) from error


def _unavailable(error: keyring.errors.KeyringError) -> KeyringUnavailableError:
    return KeyringUnavailableError(str(error) or type(error).__name__)


def new_key() -> bytes:
    """A fresh random key."""
    return secrets.token_bytes(KEY_BYTES)


def scrypt_maxmem(n: int, r: int, p: int) -> int:
    """The memory scrypt needs for these parameters, with room to spare."""
    return 128 * r * (n + p + 2) + 2**20


def derive_key(
    passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P
) -> bytes:
    """The key for *passphrase* and *salt*, with scrypt (memory-hard: 128 MiB by default).

    The passphrase is normalised (NFC) first, so that the same letters typed through different
    input methods give the same key.
    """
    return hashlib.scrypt(
        unicodedata.normalize("NFC", passphrase).encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=scrypt_maxmem(n, r, p),
        dklen=KEY_BYTES,
    )
