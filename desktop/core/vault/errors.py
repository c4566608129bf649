"""Why the vault could not be opened, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class VaultLockedError(UserError):
    """The vault exists but Sotto cannot open it, and will not change it on its own.

    The application fails closed: it explains, and offers only to quit or to forget
    everything. Each subclass names one reason.
    """


class KeyMissingError(VaultLockedError):
    """The key is not where the bootstrap record says, or there is no bootstrap record."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "KeyMissingError",
                "Sotto cannot find the key to your saved conversations. It may have been "
                "removed from the system keyring, or this data folder comes from another "
                "computer. Sotto will never make a new key over your existing history: put "
                "the key back and start Sotto again, or forget everything to start afresh.",
            )
        )


class KeyringChangedError(VaultLockedError):
    """The keyring backend that holds the key is not the one available now.

    Attributes:
        params: ``recorded`` (the backend named in the bootstrap record) and ``current``
            (the keyring found now), by the names users know them by.
    """

    def __init__(self, recorded: str, current: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "KeyringChangedError",
                "The key to your saved conversations is kept in the keyring {recorded}, but "
                "Sotto now finds {current}. Sotto will not make a new key over your existing "
                "history: start Sotto where that keyring is available (for example in your "
                "usual desktop session), or forget everything to start afresh.",
            ),
            recorded=recorded,
            current=current,
        )


class KeyringUnavailableError(VaultLockedError):
    """The keyring did not answer: it is locked, or the request was refused or failed; its
    own explanation is in ``details``."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "KeyringUnavailableError",
                "The system keyring did not give Sotto the key to your saved conversations. "
                "It may be locked: unlock it, or sign in again, and start Sotto again.",
            )
        )
        self.details = detail


class WrongKeyError(VaultLockedError):
    """A key was found but does not open the database."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "WrongKeyError",
                "Sotto found a key for your saved conversations, but it does not open them; "
                "the key in the keyring may have been replaced. Sotto has not changed your "
                "history: put the original key back and start Sotto again, or forget "
                "everything to start afresh.",
            )
        )


class VaultTooNewError(VaultLockedError):
    """The database was written by a newer Sotto, whose schema this one does not know.

    Attributes:
        params: ``found`` (the schema version of the file) and ``known`` (the newest
            version this Sotto knows).
    """

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "VaultTooNewError",
                "Your saved conversations were written by a newer version of Sotto (format "
                "{found}; this version knows up to {known}). Sotto has not changed them: "
                "install the newer version to open them.",
            ),
            found=found,
            known=known,
        )


class VaultMissingError(VaultLockedError):
    """The key and the bootstrap record are kept, but the database is gone or empty: a
    sync, a copy or a restore went wrong. Sotto will not make a new, empty history in its
    place, which would look as if the history had been wiped.

    Attributes:
        params: ``file``, the database's path.
    """

    def __init__(self, file: str, empty: bool) -> None:
        if empty:
            template = QT_TRANSLATE_NOOP(
                "VaultMissingError",
                "The file that holds your saved conversations, {file}, is empty, although "
                "the key to it is still kept: a copy, sync or restore may have stopped before "
                "it was done. Sotto will not start a new, empty history in its place: put back "
                "a whole copy and start Sotto again, or forget everything to start afresh.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "VaultMissingError",
                "The file that holds your saved conversations, {file}, is missing, although "
                "the key to it is still kept. It may have been moved, deleted or not yet "
                "restored. Sotto will not start a new, empty history in its place: put the "
                "file back and start Sotto again, or forget everything to start afresh.",
            )
        super().__init__(template, file=file)


class PassphraseRequiredError(UserError):
    """The vault is, or will be, protected by a passphrase, and none was given."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "PassphraseRequiredError",
                "Your history is protected by a passphrase, and Sotto needs it to open or "
                "create the history. Enter the passphrase to continue.",
            )
        )


class WrongPassphraseError(UserError):
    """The passphrase does not open the database; nothing was changed."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "WrongPassphraseError",
                "That passphrase does not open your history. Check it and try again.",
            )
        )


class VaultDamagedError(UserError):
    """The key is right but the database cannot be read: the file is damaged. Sotto writes
    nothing more to it, so it stays as it is for a repair."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "VaultDamagedError",
                "The file that holds your saved conversations is damaged: part of it can no "
                "longer be read, although the key is right. Sotto has not changed it and will "
                "not write to it. Keep a copy of it if you hope to have it repaired, restore "
                "it from a backup, or start afresh with a new, empty history.",
            )
        )
