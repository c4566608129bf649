"""The bootstrap record: how the vault's key is kept, written next to the vault.

It is the only file outside the database that Sotto writes about the user, so it holds no
secret and no content: which custody was chosen, which keyring backend and entry hold the key,
or the salt and cost of the passphrase's key derivation. Without it an existing vault cannot
be opened, and Sotto will not guess: a missing or malformed record fails closed.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from desktop.core.durable import sync_folder
from desktop.core.vault.errors import KeyMissingError

KEYRING = "keyring"
PASSPHRASE = "passphrase"
_KDF_INTEGERS = ("n", "r", "p", "maxmem")


@dataclass(frozen=True)
class BootstrapRecord:
    """How the vault's key is kept.

    Attributes:
        custody: ``"keyring"`` (a random key in the OS keyring) or ``"passphrase"`` (a key
            derived from the user's passphrase).
        keyring_backend: with keyring custody, the fully qualified class name of the backend
            that holds the key; a different backend later is refused.
        keyring_user: with keyring custody, the keyring user name of the entry.
        kdf: with passphrase custody, the scrypt parameters: ``salt`` (hex), ``n``, ``r``,
            ``p`` and ``maxmem``.
        version: the format of this record.
    """

    custody: str
    keyring_backend: str | None = None
    keyring_user: str | None = None
    kdf: dict[str, int | str] | None = None
    version: int = 1

    @classmethod
    def load(cls, path: Path) -> BootstrapRecord | None:
        """Read the record at *path*; None if there is none.

        Raises:
            KeyMissingError: the file exists but is not a record this version understands.
        """
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise KeyMissingError() from error
        try:
            return _parse(json.loads(text))
        except ValueError as error:  # json.JSONDecodeError is a ValueError too
            raise KeyMissingError() from error

    def scrypt_parameters(self) -> tuple[bytes, int, int, int]:
        """The salt, ``n``, ``r`` and ``p`` of a passphrase record (checked by ``load``)."""
        if self.custody != PASSPHRASE or self.kdf is None:
            raise ValueError("not a passphrase record")
        salt, n, r, p = (self.kdf[name] for name in ("salt", "n", "r", "p"))
        assert isinstance(salt, str) and isinstance(n, int)
        assert isinstance(r, int) and isinstance(p, int)
        return bytes.fromhex(salt), n, r, p

    def save(self, path: Path) -> None:
        """Write the record to *path* atomically, readable by the user alone (mode 0600)."""
        temporary = path.with_name(path.name + ".tmp")
        data = json.dumps(asdict(self), indent=2, sort_keys=True).encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        descriptor = os.open(temporary, flags, 0o600)
        try:
            os.chmod(temporary, 0o600)  # a leftover from a crash may have looser bits
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
        sync_folder(path.parent)


_FIELDS = {field.name for field in fields(BootstrapRecord)}


def _parse(data: Any) -> BootstrapRecord:
    """Check every field of a decoded record; raise ValueError at the first thing amiss."""
    if not isinstance(data, dict) or set(data) != _FIELDS:
        raise ValueError("not a bootstrap record")
    record = BootstrapRecord(**data)
    if type(record.version) is not int or record.version != 1:
        raise ValueError(f"unknown version {record.version!r}")
    if record.custody == KEYRING:
        if not isinstance(record.keyring_backend, str) or not isinstance(record.keyring_user, str):
            raise ValueError("keyring custody without a backend and user")
        if record.kdf is not None:
            raise ValueError("keyring custody with KDF parameters")
    elif record.custody == PASSPHRASE:
        kdf = record.kdf
        if not isinstance(kdf, dict) or set(kdf) != {"salt", *_KDF_INTEGERS}:
            raise ValueError("passphrase custody without KDF parameters")
        if not all(_positive_int(kdf[name]) for name in _KDF_INTEGERS):
            raise ValueError("KDF parameters must be positive integers")
        salt = kdf["salt"]
        if not isinstance(salt, str) or len(bytes.fromhex(salt)) < 16:
            raise ValueError("KDF salt must be at least 16 bytes of hex")
        if record.keyring_backend is not None or record.keyring_user is not None:
            raise ValueError("passphrase custody with a keyring entry")
    else:
        raise ValueError(f"unknown custody {record.custody!r}")
    return record


def _positive_int(value: object) -> bool:
    return type(value) is int and value > 0
