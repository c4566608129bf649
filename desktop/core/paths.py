"""Where Sotto keeps its files: the one path helper of the application."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

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
    def language_path(self) -> Path:
        """The language the user chose for Sotto, if not the system's (no secret)."""
        return self.data_dir / "language"

    def ensure(self) -> AppPaths:
        """Create the folders, readable by the user alone (mode 0700)."""
        for folder in (self.data_dir, self.cache_dir, self.models_dir):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(folder, 0o700)
        return self
