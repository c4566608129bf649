"""Where Sotto keeps its files: the one path helper of the application."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.core.storage_errors import storage_error

APP_NAME = "Sotto"

RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
"""Files shipped with the application: the starter model, later the catalog and translations."""

BUNDLED_MODELS_DIR = RESOURCES_DIR / "models"


@dataclass(frozen=True)
class AppPaths:
    """The folders the application writes to.

    Attributes:
        data_dir: user state: the encrypted vault and its bootstrap record, models the
            user adds.
        cache_dir: derived data that can be thrown away (the self-check record).
    """

    data_dir: Path
    cache_dir: Path

    @classmethod
    def resolve(cls, data_dir: Path | None = None) -> AppPaths:
        """Return the paths under *data_dir*, or the platform's per-user folders if None.

        With *data_dir* everything stays under it, so a portable or test install never
        touches the real profile.
        """
        if data_dir is not None:
            root = data_dir.expanduser().resolve()
            return cls(data_dir=root, cache_dir=root / "cache")
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache_dir=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )

    @property
    def models_dir(self) -> Path:
        """Models the user downloaded or imported."""
        return self.data_dir / "models"

    @property
    def vault_path(self) -> Path:
        """The encrypted database that holds every conversation (SQLCipher)."""
        return self.data_dir / "vault.db"

    @property
    def bootstrap_path(self) -> Path:
        """How the vault's key is kept (custody, keyring backend, KDF salt): no secret."""
        return self.data_dir / "vault.json"

    @property
    def lock_path(self) -> Path:
        """Locked while a window has the history open (``InstanceLock``); empty."""
        return self.data_dir / "sotto.lock"

    @property
    def settings_path(self) -> Path:
        """Sotto's own settings: language, offline mode, send key, window (no secret, nothing
        about conversations; ``AppSettings``)."""
        return self.data_dir / "settings.json"

    def ensure(self) -> AppPaths:
        """Create the folders, readable by the user alone (mode 0700).

        A folder already private is left alone, so that a read-only one fails only where
        Sotto writes, with that step's sentence.

        Raises:
            StorageError: a folder could not be created or made private.
        """
        for folder in (self.data_dir, self.cache_dir, self.models_dir):
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                if stat.S_IMODE(folder.stat().st_mode) != 0o700:
                    os.chmod(folder, 0o700)
            except OSError as error:
                raise storage_error(folder, error) from error
        return self
