"""Sotto's own settings: how the application behaves, never what the user wrote or read.

They live in one small file in the data folder, readable before the vault is unlocked (the
language of the unlock dialog, offline mode for the command line). Nothing in it is about
the user's conversations, documents or files: conversation data lives in the vault alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
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
THEME = "theme"
"""One of ``THEMES``: light, dark, or the system's (default)."""
FONT_SIZE = "font_size"
"""One of ``FONT_SIZES``: the size of every text, relative to the system's (default normal)."""
DEFAULT_MODEL = "default_model"
"""The path of the model that new chats and a start load; absent: the first installed."""
MODEL_THREADS = "model_threads"
"""Processor threads a model runs on; absent or 0: one per core (the hardware's choice)."""
MODEL_GPU_LAYERS = "model_gpu_layers"
"""Layers of a model put on the graphics card (0: none); absent: the hardware's choice (all
of them when they fit)."""
MODEL_CONTEXT = "model_context"
"""Tokens of conversation a model remembers, by default; absent or 0: the longest that fits
the memory, up to the hardware's default."""
EMBEDDING_MODEL = "embedding_model"
"""The path of the embedding model that indexes and searches documents; absent: the one
built in (``desktop.core.documents.embedding_choice``)."""
PASSAGES_PER_QUESTION = "passages_per_question"
"""Passages of the documents given to the model with each question; absent: 5."""

THEME_SYSTEM = "system"
THEME_LIGHT = "light"
THEME_DARK = "dark"
THEMES = (THEME_SYSTEM, THEME_LIGHT, THEME_DARK)

FONT_NORMAL = "normal"
FONT_SIZES = ("small", FONT_NORMAL, "large", "larger")


class AppSettings:
    """Named values (anything JSON holds) in ``settings.json`` in the data folder.

    A missing or unreadable file reads as no settings: the defaults apply.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str, default: Any = None) -> Any:
        return self._read().get(key, default)

    def get_bool(self, key: str, default: bool = False) -> bool:
        """The value under *key* if it is a boolean, else *default*."""
        value = self.get(key)
        return value if isinstance(value, bool) else default

    def get_int(self, key: str, default: int, lowest: int, highest: int) -> int:
        """The whole number under *key* if it lies in [*lowest*, *highest*], else *default*."""
        value = self.get(key)
        valid = isinstance(value, int) and not isinstance(value, bool)
        return value if valid and lowest <= value <= highest else default

    def get_choice(self, key: str, choices: Sequence[str], default: str) -> str:
        """The text under *key* if it is one of *choices*, else *default*."""
        value = self.get(key)
        return value if isinstance(value, str) and value in choices else default

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


def default_model(settings: AppSettings, installed: Sequence[Path]) -> Path | None:
    """The model new chats and a start load: the user's choice among *installed*, else the
    first of them (None when there is none)."""
    chosen = settings.get(DEFAULT_MODEL)
    for path in installed:
        if isinstance(chosen, str) and Path(chosen) == path:
            return path
    return installed[0] if installed else None
