"""Sotto's own settings: how the application behaves, never what the user wrote or read.

They live in one small file in the data folder, readable before the vault is unlocked (the
language of the unlock dialog, offline mode for the command line). Nothing in it is about
the user's conversations, documents or files: conversation data lives in the vault alone.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

LANGUAGE = "language"
"""The language the user chose ("en", "zh_CN"); absent to follow the system."""
OFFLINE = "offline"
"""True: every connection is refused, even the model library's."""
SEND_WITH_CTRL_ENTER = "send_with_ctrl_enter"
"""True: Ctrl+Enter sends and Enter starts a new line; False (default): the other way."""
WINDOW_GEOMETRY = "window_geometry"
"""The main window's place and size, as Qt saves them (hex)."""


class AppSettings:
    """Named values (anything JSON holds) in ``settings.json`` in the data folder.

    A missing or unreadable file reads as no settings: the defaults apply.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str, default: Any = None) -> Any:
        return self._read().get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Save *value* under *key* (None removes it).

        Raises:
            OSError: the data folder cannot be written.
        """
        values = self._read()
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
        temporary = self.path.with_suffix(".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8") as file:
            json.dump(values, file, indent=1, sort_keys=True)
        os.replace(temporary, self.path)

    def _read(self) -> dict[str, Any]:
        try:
            values = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return values if isinstance(values, dict) else {}
