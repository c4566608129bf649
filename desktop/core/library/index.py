"""The models the user added, and the downloads not finished yet, kept in the vault.

Which models a person chose, and where their own model files are, says something about
them: the list lives in the encrypted vault, not in a file beside the models.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.library.hub import HubFile, HubModel
from desktop.core.vault.database import Database
from desktop.core.vault.store import now_ms

IMPORTED = "import"
"""The source of a model the user imported from a file."""


@dataclass(frozen=True)
class FilePart:
    """One file of a model (a model split by llama.cpp has several) and its recorded hash.

    Attributes:
        name: the file's name.
        size: its size in bytes.
        sha256: its SHA-256 in lowercase hex, as recorded when it was added.
    """

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class IndexedModel:
    """A model the user added.

    Attributes:
        path: its (first) file.
        parts: every file of it, in order, with its recorded hash.
        source: ``"hub:<repository>"`` for a download, ``IMPORTED`` for an import.
        in_place: imported by reference: the file is the user's and stays where it is.
        added_at: when it was added (ms since the epoch).
    """

    path: Path
    parts: tuple[FilePart, ...]
    source: str
    in_place: bool
    added_at: int


def hub_source(repo: str) -> str:
    return f"hub:{repo}"


def _parts_json(parts: tuple[FilePart, ...]) -> str:
    return json.dumps([[part.name, part.size, part.sha256] for part in parts])


def _parts_of(text: str) -> tuple[FilePart, ...]:
    return tuple(FilePart(str(name), int(size), str(sha)) for name, size, sha in json.loads(text))


class ModelIndex:
    """Reads and writes the model library's tables in an open vault (on its thread)."""

    def __init__(self, db: Database, clock: Callable[[], int] = now_ms) -> None:
        self.db = db
        self.clock = clock

    def add(
        self, path: Path, parts: tuple[FilePart, ...], source: str, in_place: bool = False
    ) -> IndexedModel:
        """Record a model (replacing an earlier record of the same file)."""
        model = IndexedModel(path, parts, source, in_place, self.clock())
        self.db.execute(
            "INSERT OR REPLACE INTO models (path, parts, source, in_place, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (str(path), _parts_json(parts), source, int(in_place), model.added_at),
        )
        return model

    def remove(self, path: Path) -> None:
        self.db.execute("DELETE FROM models WHERE path = ?", (str(path),))

    def models(self) -> list[IndexedModel]:
        rows = self.db.execute(
            "SELECT path, parts, source, in_place, added_at FROM models ORDER BY added_at"
        )
        return [
            IndexedModel(Path(path), _parts_of(parts), source, bool(in_place), added_at)
            for path, parts, source, in_place, added_at in rows
        ]

    def start_download(self, model: HubModel) -> None:
        """Remember a download until it is finished or given up, to offer it after a restart."""
        parts = json.dumps([[f.name, f.size, f.sha256] for f in model.parts])
        self.db.execute(
            "INSERT OR IGNORE INTO downloads (repo, name, parts, started_at) VALUES (?, ?, ?, ?)",
            (model.repo, model.name, parts, self.clock()),
        )

    def end_download(self, model: HubModel) -> None:
        self.db.execute(
            "DELETE FROM downloads WHERE repo = ? AND name = ?", (model.repo, model.name)
        )

    def unfinished_downloads(self) -> list[HubModel]:
        rows = self.db.execute("SELECT repo, name, parts FROM downloads ORDER BY started_at")
        return [
            HubModel(
                repo,
                name,
                tuple(HubFile(repo, f, int(size), sha) for f, size, sha in json.loads(parts)),
            )
            for repo, name, parts in rows
        ]
