"""Where the vault's key comes from: a secure OS keyring, or the user's passphrase.

Only keyrings that keep secrets encrypted by the operating system are accepted; the plaintext,
null and failing backends of ``keyring`` (and of ``keyrings.alt``) never are, whatever their
priority. A key is 32 random bytes, or 32 bytes derived from a passphrase with scrypt.
"""

from __future__ import annotations

import hashlib
import importlib
import secrets
import sys
import unicodedata
from pathlib import Path

import keyring.backend
import keyring.errors
from keyring.backend import KeyringBackend

from desktop.core.i18n import QT_TRANSLATE_NOOP
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

_PLATFORM_OF = {"keyring.backends.macOS": "darwin", "keyring.backends.Windows": "win32"}
"""The platform of each backend module that exists on one platform alone (``sys.platform``)."""

SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1


def backend_name(backend: KeyringBackend) -> str:
    """The fully qualified class name of *backend*, as the bootstrap record keeps it."""
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


_DISPLAY_NAMES = {
    "keyring.backends.SecretService.Keyring": "GNOME Keyring (Secret Service)",
    "keyring.backends.libsecret.Keyring": "GNOME Keyring (libsecret)",
    "keyring.backends.macOS.Keyring": "macOS Keychain",
    "keyring.backends.Windows.WinVaultKeyring": "Windows Credential Manager",
    "keyring.backends.kwallet.DBusKeyring": "KWallet",
    "keyring.backends.kwallet.DBusKeyringKWallet4": "KWallet 4",
}


def keyring_display_name(name: str | None) -> str:
    """What the user calls the keyring whose class is *name* (None: no secure keyring)."""
    if name is None:
        return QT_TRANSLATE_NOOP("Keyring", "no secure keyring")
    return _DISPLAY_NAMES.get(name, name.rsplit(".", 2)[-2] if "." in name else name)


def _secure_keyrings() -> list[KeyringBackend]:
    """The viable secure keyrings of this platform.

    Only this platform's backends are imported: ``keyring``'s own discovery imports them all,
    and its macOS backend runs ``ctypes.util.find_library`` on import, which on Linux starts a
    C compiler that writes scratch files to the temporary folder at every start.
    """
    found = []
    for name in sorted(SECURE_BACKENDS):
        module_name, _, class_name = name.rpartition(".")
        if _PLATFORM_OF.get(module_name, "other") != _platform():
            continue
        try:
            backend = getattr(importlib.import_module(module_name), class_name)
        except ImportError:  # a backend whose library this system lacks
            continue
        if backend.viable:
            found.append(backend())
    return found


def _platform() -> str:
    return {"darwin": "darwin", "win32": "win32"}.get(sys.platform, "other")


def secure_keyring() -> KeyringBackend | None:
    """The highest-priority viable keyring that is a secure OS store, or None if none is."""
    return max(_secure_keyrings(), key=keyring.backend.by_priority, default=None)


def keyring_named(name: str | None) -> KeyringBackend | None:
    """The viable secure keyring whose class is *name* (as the bootstrap record keeps it), or
    None."""
    return next((b for b in _secure_keyrings() if backend_name(b) == name), None)


def keyring_user_for(data_dir: Path, kind: str = "vault") -> str:
    """The keyring user name for the vault under *data_dir* (or, with another *kind*, for
    an entry of its own beside the vault's key, such as ``"servers"``).

    Separate data folders (tests, portable installs) never share a keyring entry.
    """
    digest = hashlib.sha256(str(data_dir.resolve()).encode("utf-8")).hexdigest()
    return f"{kind}-{digest[:16]}"


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
