"""The API keys of the user's model servers: in the OS keyring, beside the vault's key.

All of one data folder's server keys are one keyring entry of their own (a JSON object, name
to key), so forgetting everything removes them without reading the vault. A vault locked with
a passphrase exists only where there is no secure keyring: its server keys are kept inside
the encrypted vault instead, and go with it. No key is ever written to a plain file.
"""

from __future__ import annotations

import json

import keyring.errors
from keyring.backend import KeyringBackend

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.vault.beside_key import BesideKey
from desktop.core.vault.custody import SERVICE

KIND = "servers"
"""The keyring entry's kind, beside the vault's own (``keyring_user_for``)."""


class ServerKeysUnavailableError(UserError):
    """The keyring did not give or take the servers' API keys."""

    def __init__(self, error: keyring.errors.KeyringError) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ServerKeysUnavailableError",
                "The system keyring did not give Sotto the API keys of your model servers "
                "({detail}). It may be locked: unlock it, then try again.",
            ),
            detail=str(error) or type(error).__name__,
        )


class ServerKeys(BesideKey):
    """Each server's API key, by the server's name. (``BesideKey``: where it is kept)."""

    KIND = KIND

    def get(self, name: str) -> str:
        """The key of server *name* ("" if none is kept).

        Raises:
            ServerKeysUnavailableError: the keyring is locked or failed.
        """
        if self.backend is None:
            row = self._db.execute("SELECT key FROM server_keys WHERE name = ?", (name,)).fetchone()
            return str(row[0]) if row else ""
        return self._entry().get(name, "")

    def put(self, name: str, key: str) -> None:
        """Keep *key* for server *name*, replacing any kept before.

        Raises:
            ServerKeysUnavailableError: the keyring is locked or refused.
        """
        if self.backend is None:
            self._db.execute(
                "INSERT OR REPLACE INTO server_keys (name, key) VALUES (?, ?)", (name, key)
            )
            return
        keys = self._entry()
        keys[name] = key
        self._save(keys)

    def delete(self, name: str) -> None:
        """Forget the key of server *name*; nothing happens if there is none.

        Raises:
            ServerKeysUnavailableError: the keyring is locked or refused.
        """
        if self.backend is None:
            self._db.execute("DELETE FROM server_keys WHERE name = ?", (name,))
            return
        keys = self._entry()
        if keys.pop(name, None) is not None:
            self._save(keys)

    def _entry(self) -> dict[str, str]:
        assert self.backend is not None
        try:
            text = self.backend.get_password(SERVICE, self.user)
        except keyring.errors.KeyringError as error:
            raise ServerKeysUnavailableError(error) from error
        try:
            keys = json.loads(text) if text else {}
        except ValueError:
            keys = {}  # not ours to read: replaced on the next save
        return {str(k): str(v) for k, v in keys.items()} if isinstance(keys, dict) else {}

    def _save(self, keys: dict[str, str]) -> None:
        assert self.backend is not None
        try:
            if keys:
                self.backend.set_password(SERVICE, self.user, json.dumps(keys))
            else:
                forget_server_keys(self.backend, self.user)
        except keyring.errors.KeyringError as error:
            raise ServerKeysUnavailableError(error) from error


def forget_server_keys(backend: KeyringBackend, user: str) -> None:
    """Delete the entry *user* of *backend*, if it is there.

    Raises:
        keyring.errors.KeyringError: the keyring is locked or refused.
    """
    if backend.get_password(SERVICE, user) is not None:
        backend.delete_password(SERVICE, user)
