"""The user's preferences, kept in the vault with everything else of theirs."""

from __future__ import annotations

import json
from typing import Any

from desktop.core.vault.database import Database

SEND_WITH_CTRL_ENTER = "send_with_ctrl_enter"
"""True: Ctrl+Enter sends and Enter starts a new line; False (default): the other way."""


class Preferences:
    """Named values (anything JSON holds) in the vault's ``preferences`` table.

    Use it on the thread that opened the database.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM preferences WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO preferences (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )
