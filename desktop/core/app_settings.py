"""Sotto's own settings: how the application behaves, never what the user wrote or read.

They live in one small file in the data folder, ``settings.json``, readable before the vault
is unlocked (the language of the unlock dialog, offline mode for the command line). Nothing
in it is about the user's conversations, documents or files: those live in the vault alone
(the models the user chose too: ``desktop.core.vault.preferences``).

``SCHEMA`` declares every key the file may hold, the values it accepts and its default, and
``AppSettings`` is the one place that reads the file. The file is the user's to edit and can
be damaged (a sync tool, a half-written copy), so nothing in it is trusted:

- a value of the wrong type or out of range reads as the default, and the rest of the file
  is kept; ``AppSettings.read`` says which were ignored, for a one-line notice;
- a file that cannot be read at all (cut short, not a JSON object, no permission, a folder)
  reads as defaults, except offline mode, which is then on: whether the user had turned it
  on cannot be known, and a wrong guess must not go online. The first save keeps a copy of
  such a file (``settings.unreadable.json``) before replacing it;
- a save writes a temporary file in the same folder, flushes it to disk and renames it over
  the old one, so a crash or a full disk mid-write leaves the old file whole.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.durable import write_whole
from desktop.core.i18n import QT_TRANSLATE_NOOP, Marked

LANGUAGE = "language"
"""The language the user chose (one of ``LANGUAGE_CODES``); absent to follow the system."""
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
MODEL_THREADS = "model_threads"
"""Processor threads a model runs on; absent or 0: one per core (the hardware's choice)."""
MODEL_GPU_LAYERS = "model_gpu_layers"
"""Layers of a model put on the graphics card (0: none); absent: the hardware's choice (all
of them when they fit)."""
MODEL_CONTEXT = "model_context"
"""Tokens of conversation a model remembers, by default; absent or 0: the longest that fits
the memory, up to the hardware's default."""
PASSAGES_PER_QUESTION = "passages_per_question"
"""Passages of the documents given to the model with each question."""
API_ENABLED = "api_enabled"
"""True: the window serves the local API to other apps on this computer (off by default)."""
API_PORT = "api_port"
"""The loopback port of the local API."""
API_ORIGINS = "api_origins"
"""The web origins (``scheme://host[:port]``) whose pages may use the local API."""
LEGACY_DEFAULT_MODEL = "default_model"
LEGACY_EMBEDDING_MODEL = "embedding_model"
"""Paths of the models chosen, which Sotto once kept here and now keeps in the vault: read
only to move them there (``desktop.core.vault.preferences.ModelChoices.move_from``)."""

LANGUAGE_CODES = ("en", "zh_CN")
"""The languages of ``desktop.core.language.LANGUAGES`` (which reads this setting)."""

THEME_SYSTEM = "system"
THEME_LIGHT = "light"
THEME_DARK = "dark"
THEMES = (THEME_SYSTEM, THEME_LIGHT, THEME_DARK)

FONT_NORMAL = "normal"
FONT_SIZES = ("small", FONT_NORMAL, "large", "larger")

MAX_THREADS = 1024
MAX_GPU_LAYERS = 1024
"""More layers than any model has: enough to mean "all of them"."""
MAX_CONTEXT = 1 << 20
DEFAULT_PASSAGES = 5
MAX_PASSAGES = 20
"""More passages than this would crowd the question out of a small model's context."""

DEFAULT_API_PORT = 8765
"""Beside the other local servers' ports (11434, 1234, 1337, 4891), not on them."""
MAX_ORIGINS = 64

UNREADABLE_COPY = "settings.unreadable.json"
"""Where a settings file that could not be read is kept when a save replaces it."""

_GEOMETRY_CHARS = 8192
"""Far more than Qt's saved geometry needs (about 130 hex digits)."""


@dataclass(frozen=True)
class Setting:
    """One key of ``settings.json``.

    Attributes:
        name: what the user calls it, for the notice that it was reset.
        default: its value when absent or unusable (None: absent, "the system's choice").
        valid: whether a value read from the file (any JSON) can be used.
        unknown: its value when the file cannot be read at all, or this value is unusable;
            the default unless guessing wrong would be unsafe (offline mode).
    """

    name: Marked
    default: Any
    valid: Callable[[object], bool]
    unknown: Any = None

    @property
    def when_unknown(self) -> Any:
        return self.default if self.unknown is None else self.unknown


def _boolean(value: object) -> bool:
    return isinstance(value, bool)


def _one_of(*choices: str) -> Callable[[object], bool]:
    return lambda value: isinstance(value, str) and value in choices


def _whole(lowest: int, highest: int) -> Callable[[object], bool]:
    def valid(value: object) -> bool:
        return isinstance(value, int) and not isinstance(value, bool) and lowest <= value <= highest

    return valid


def _hex(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= _GEOMETRY_CHARS
        and re.fullmatch(r"(?:[0-9a-fA-F]{2})*", value) is not None
    )


def _origins(value: object) -> bool:
    return (
        isinstance(value, list)
        and len(value) <= MAX_ORIGINS
        and all(
            isinstance(origin, str) and re.fullmatch(r"[a-z][a-z0-9+.-]*://[^\s/]+", origin)
            for origin in value
        )
    )


def _path_text(value: object) -> bool:
    return isinstance(value, str) and bool(value) and "\x00" not in value


SCHEMA: Mapping[str, Setting] = {
    LANGUAGE: Setting(QT_TRANSLATE_NOOP("AppSettings", "language"), None, _one_of(*LANGUAGE_CODES)),
    OFFLINE: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "offline mode"), False, _boolean, unknown=True
    ),
    SEND_WITH_CTRL_ENTER: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "the key that sends"), False, _boolean
    ),
    WINDOW_GEOMETRY: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "the window's size and place"), None, _hex
    ),
    THEME: Setting(QT_TRANSLATE_NOOP("AppSettings", "theme"), THEME_SYSTEM, _one_of(*THEMES)),
    FONT_SIZE: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "text size"), FONT_NORMAL, _one_of(*FONT_SIZES)
    ),
    MODEL_THREADS: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "processor threads"), 0, _whole(0, MAX_THREADS)
    ),
    MODEL_GPU_LAYERS: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "graphics card layers"), None, _whole(0, MAX_GPU_LAYERS)
    ),
    MODEL_CONTEXT: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "context length"), 0, _whole(0, MAX_CONTEXT)
    ),
    PASSAGES_PER_QUESTION: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "passages given with each question"),
        DEFAULT_PASSAGES,
        _whole(1, MAX_PASSAGES),
    ),
    API_ENABLED: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "letting other apps use Sotto"), False, _boolean
    ),
    API_PORT: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "the port of Sotto's API"),
        DEFAULT_API_PORT,
        _whole(1024, 65535),
    ),
    API_ORIGINS: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "the web pages that may use Sotto's API"), [], _origins
    ),
    LEGACY_DEFAULT_MODEL: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "default model"), None, _path_text
    ),
    LEGACY_EMBEDDING_MODEL: Setting(
        QT_TRANSLATE_NOOP("AppSettings", "embedding model"), None, _path_text
    ),
}
"""Every key ``settings.json`` may hold. A key not here (from a newer Sotto) is kept as it is."""


@dataclass(frozen=True)
class SettingsFound:
    """What ``settings.json`` held when it was read.

    Attributes:
        values: the usable values, by key (keys not in ``SCHEMA`` included, as they were).
        reset: the keys of ``SCHEMA`` whose value was unusable, and read as their default.
        unreadable: the file is there but could not be read as settings (cut short, not a
            JSON object, no permission, a folder): every setting reads as unknown.
        reason: what the system or the parser said, for details only.
    """

    values: Mapping[str, Any]
    reset: tuple[str, ...] = ()
    unreadable: bool = False
    reason: str = ""

    def get(self, key: str) -> Any:
        """The value of *key* (one of ``SCHEMA``'s), or the default it reads as."""
        setting = SCHEMA[key]
        if self.unreadable or key in self.reset:
            return setting.when_unknown
        return self.values.get(key, setting.default)


class AppSettings:
    """The settings in ``settings.json`` at *path*, checked against ``SCHEMA`` at every read.

    The file is read again each time, so a change saved by one part of Sotto (the Settings
    dialog) is what every other part reads next.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def get(self, key: str) -> Any:
        """The value of *key* (one of ``SCHEMA``'s): the file's if usable, else the default
        (or, for a file that cannot be read, the safe value)."""
        return self.read().get(key)

    def read(self) -> SettingsFound:
        """Everything the file holds, checked; never raises."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return SettingsFound({})
        except (OSError, ValueError) as error:  # no permission, a folder, not UTF-8
            return SettingsFound({}, unreadable=True, reason=str(error))
        try:
            found = json.loads(text)
        except (ValueError, RecursionError) as error:
            return SettingsFound({}, unreadable=True, reason=str(error))
        if not isinstance(found, dict):
            return SettingsFound({}, unreadable=True, reason="not a JSON object")
        reset = tuple(k for k, v in found.items() if k in SCHEMA and not SCHEMA[k].valid(v))
        values = {key: value for key, value in found.items() if key not in reset}
        return SettingsFound(values, reset)

    def set(self, key: str, value: Any) -> None:
        """Save *value* under *key* (None removes it: the default applies).

        Values that were unusable are dropped, but offline mode, if it was unknown, is saved
        as on (unless this sets it); a file that could not be read is kept as
        ``UNREADABLE_COPY`` first.

        Raises:
            ValueError: *value* is not one ``SCHEMA`` allows for *key* (a bug).
            OSError: the data folder cannot be written, or ``settings.json`` is a folder;
                nothing was changed.
        """
        if value is not None and not SCHEMA[key].valid(value):
            raise ValueError(f"{value!r} is no value for the setting {key!r}")
        found = self.read()
        values = dict(found.values)
        unknown = SCHEMA if found.unreadable else found.reset
        # What could not be read is written as read: a setting whose safe value is not its
        # default (offline mode) keeps that value, so the next start reads the same.
        values.update({k: SCHEMA[k].unknown for k in unknown if SCHEMA[k].unknown is not None})
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
        self._write(values, keep_old=found.unreadable)

    def _write(self, values: Mapping[str, Any], keep_old: bool) -> None:
        """Replace the file with *values* at once: a crash leaves the old file or the new.
        *keep_old*: link the old file as ``UNREADABLE_COPY`` first (a link needs no read
        permission, and the old name is never without a file)."""
        if keep_old and not self.path.is_dir():  # a folder is refused by the rename
            copy = self.path.with_name(UNREADABLE_COPY)
            copy.unlink(missing_ok=True)
            os.link(self.path, copy, follow_symlinks=False)
        text = json.dumps(values, indent=1, sort_keys=True)
        write_whole(self.path, lambda file: file.write(text.encode("utf-8")))
