"""The token other apps on this computer show Sotto's local API: kept beside the vault's key.

Like the servers' API keys (``server_keys.py``), it is one keyring entry of its own where the
vault's key is in the keyring, so forgetting everything removes it without reading the vault;
a vault locked with a passphrase keeps it inside, in its ``preferences``, and it goes with
the vault. It is never written to a plain file. It is made the first time it is asked for.
"""

from __future__ import annotations

import secrets

import keyring.errors

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.vault.beside_key import BesideKey
from desktop.core.vault.custody import SERVICE
from desktop.core.vault.preferences import preference, set_preference

KIND = "api"
"""The keyring entry's kind, beside the vault's own (``keyring_user_for``)."""
PREFERENCE = "api.token"
"""Where a passphrase vault keeps it."""
TOKEN_BYTES = 32
"""256 random bits."""


class ApiTokenUnavailableError(UserError):
    """The keyring did not give or take the local API's token."""

    def __init__(self, error: keyring.errors.KeyringError) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ApiTokenUnavailableError",
                "The system keyring did not give Sotto the token of its local API ({detail}). "
                "It may be locked: unlock it, then try again.",
            ),
            detail=str(error) or type(error).__name__,
        )


class ApiTokens(BesideKey):
    """The local API's one token, read, made and replaced. (``BesideKey``: where it is kept)."""

    KIND = KIND

    def get(self) -> str:
        """The token, made now if there is none yet.

        Raises:
            ApiTokenUnavailableError: the keyring is locked or failed.
            StorageError: (a passphrase vault) the vault cannot be written.
        """
        return self._read() or self.renew()

    def renew(self) -> str:
        """Replace the token with a new one (the old one stops working) and return it.

        Raises:
            As ``get``.
        """
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if self.backend is None:
            set_preference(self._db, PREFERENCE, token)
            return token
        try:
            self.backend.set_password(SERVICE, self.user, token)
        except keyring.errors.KeyringError as error:
            raise ApiTokenUnavailableError(error) from error
        return token

    def _read(self) -> str:
        if self.backend is None:
            return preference(self._db, PREFERENCE) or ""
        try:
            return self.backend.get_password(SERVICE, self.user) or ""
        except keyring.errors.KeyringError as error:
            raise ApiTokenUnavailableError(error) from error
