"""The user's choices kept in the vault: the model new chats and a start load, the one that
indexes and searches documents, and the name tracked changes are made under.

Which models a person uses, and where their own model files are, says something about them,
so these choices live in the vault's ``preferences`` table and never in ``settings.json``,
which is plain text. Sotto once kept them there: ``ModelChoices.move_from`` carries such a file's
paths into the vault, once, and takes them out of the file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from desktop.core.app_settings import LEGACY_DEFAULT_MODEL, LEGACY_EMBEDDING_MODEL, AppSettings
from desktop.core.storage_errors import StorageError
from desktop.core.vault.database import Database
from desktop.core.vault.errors import VaultDamagedError

DEFAULT_MODEL = "model.default"
"""The path of the model new chats and a start load; absent: the first installed."""
EMBEDDING_MODEL = "model.embedding"
"""The path of the embedding model for documents; absent: the one built in."""

REVISION_AUTHOR = "revision.author"
"""The name a revised Word document's tracked changes are by (a person's name: never in
``settings.json``); absent: "Sotto"."""

_MOVED = {LEGACY_DEFAULT_MODEL: DEFAULT_MODEL, LEGACY_EMBEDDING_MODEL: EMBEDDING_MODEL}


def preference(db: Database, key: str) -> str | None:
    """The value kept under *key* in the vault *db*, if any."""
    row = db.execute("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_preference(db: Database, key: str, value: str | None) -> None:
    """Keep *value* under *key* in the vault *db* (None: forget it).

    Raises:
        StorageError: the vault cannot be written.
    """
    if value is None:
        db.execute("DELETE FROM preferences WHERE key = ?", (key,))
    else:
        db.execute("INSERT OR REPLACE INTO preferences (key, value) VALUES (?, ?)", (key, value))


class ModelChoices:
    """The user's choices of model, read and written in an open vault (on its thread)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def default_model(self, installed: Sequence[Path]) -> Path | None:
        """The model new chats and a start load: the user's choice among *installed*, else
        the first of them (None when there is none)."""
        chosen = self._get(DEFAULT_MODEL)
        for path in installed:
            if chosen is not None and Path(chosen) == path:
                return path
        return installed[0] if installed else None

    def set_default_model(self, path: Path) -> None:
        """Raises ``StorageError`` (or ``VaultDamagedError``): the vault cannot be written."""
        self._set(DEFAULT_MODEL, str(path))

    def embedding_model(self) -> Path | None:
        """The embedding model the user chose (None: the one built in); it may be gone."""
        chosen = self._get(EMBEDDING_MODEL)
        return None if chosen is None else Path(chosen)

    def set_embedding_model(self, path: Path | None) -> None:
        """Choose *path* (None: the one built in). Raises as ``set_default_model``."""
        self._set(EMBEDDING_MODEL, None if path is None else str(path))

    def move_from(self, settings: AppSettings) -> None:
        """Move the model paths an older Sotto kept in *settings* into the vault (a choice
        already here wins), then take them out of the file.

        Where the vault or the file cannot be written now, the paths stay where they are
        and the next opening tries again.
        """
        legacy = {key: settings.get(key) for key in _MOVED}
        if not any(legacy.values()):
            return
        try:
            for key, path in legacy.items():
                if path and self._get(_MOVED[key]) is None:
                    self._set(_MOVED[key], path)
        except (StorageError, VaultDamagedError):
            return
        with contextlib.suppress(OSError):
            for key in _MOVED:
                settings.set(key, None)

    def _get(self, key: str) -> str | None:
        return preference(self.db, key)

    def _set(self, key: str, value: str | None) -> None:
        set_preference(self.db, key, value)
