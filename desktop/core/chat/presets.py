"""Presets: named system prompts for common jobs, those shipped and those the user wrote.

The shipped presets are data (``resources/presets/presets.json``), in English; translations
are keyed by id. A broken file is a bug in the release, so loading it fails loudly with
``PresetsError`` naming the preset and field at fault. The user's own presets say something
about their work, so they live only in the vault.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from desktop.core.language import ENGLISH, localized
from desktop.core.paths import RESOURCES_DIR
from desktop.core.vault.database import Database
from desktop.core.vault.store import now_ms

PRESETS_PATH = RESOURCES_DIR / "presets" / "presets.json"
PRESETS_VERSION = 1
CUSTOM_PREFIX = "custom:"
"""The start of a custom preset's id, followed by its row in the vault: "custom:12"."""

_FIELDS = ("id", "name", "description", "system_prompt")


class PresetsError(ValueError):
    """The shipped presets are broken. The message names the preset and field at fault."""


@dataclass(frozen=True)
class Preset:
    """A named system prompt.

    Attributes:
        id: a stable slug for a shipped preset ("legal"), ``CUSTOM_PREFIX`` and the vault's
            row for one the user wrote ("custom:12").
        name: what the preset list shows.
        description: one line on what it is for ("" for the user's own).
        system_prompt: the instructions the model gets before the conversation.
        custom: whether the user wrote it (and may change or delete it).
        shipped_prompts: every language's shipped ``system_prompt`` of this preset: a
            conversation begun in another language holds one of them, unedited.
    """

    id: str
    name: str
    description: str
    system_prompt: str
    custom: bool
    shipped_prompts: tuple[str, ...] = ()

    def uses(self, system_prompt: str) -> bool:
        """Whether *system_prompt* is this preset's own, in any language (not edited)."""
        return system_prompt == self.system_prompt or system_prompt in self.shipped_prompts


def load_presets(path: Path = PRESETS_PATH, language: str = ENGLISH) -> tuple[Preset, ...]:
    """The shipped presets in the file at *path*, in its order, in *language* where the
    file's translation has them.

    Raises:
        PresetsError: the file cannot be read as presets (the message says where).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PresetsError(f"the presets file {path} cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise PresetsError("the presets file is not a JSON object")
    if data.get("version") != PRESETS_VERSION:
        raise PresetsError(f"the presets file's version is not {PRESETS_VERSION}")
    entries = data.get("presets")
    if not isinstance(entries, list) or not entries:
        raise PresetsError("the presets file's field 'presets' must be a non-empty list")
    presets = tuple(_shipped(entry, number) for number, entry in enumerate(entries, start=1))
    seen: set[str] = set()
    for preset in presets:
        if preset.id in seen:
            raise PresetsError(f"preset {preset.id!r}: id is used by another preset")
        seen.add(preset.id)
    translated = localized(presets, path, language, "presets", _FIELDS[1:])
    return tuple(
        replace(preset, shipped_prompts=(english.system_prompt, preset.system_prompt))
        for preset, english in zip(translated, presets, strict=True)
    )


class PresetStore:
    """The user's own presets, in an open vault.

    Use it on the thread that opened the database.

    Attributes:
        db: the open vault.
        clock: where times come from (``now_ms``; tests pass a counter).
    """

    def __init__(self, db: Database, clock: Callable[[], int] = now_ms) -> None:
        self.db = db
        self.clock = clock

    def add(self, name: str, system_prompt: str) -> Preset:
        """Keep a new preset of the user's."""
        cursor = self.db.execute(
            "INSERT INTO presets (name, system_prompt, created_at) VALUES (?, ?, ?)",
            (name, system_prompt, self.clock()),
        )
        assert cursor.lastrowid is not None
        return _custom(cursor.lastrowid, name, system_prompt)

    def update(self, preset_id: str, name: str, system_prompt: str) -> None:
        """Change the name and prompt of the user's preset *preset_id*.

        Raises:
            LookupError: there is no such preset.
        """
        cursor = self.db.execute(
            "UPDATE presets SET name = ?, system_prompt = ? WHERE id = ?",
            (name, system_prompt, _row(preset_id)),
        )
        if cursor.rowcount != 1:
            raise LookupError(f"no preset {preset_id!r}")

    def delete(self, preset_id: str) -> None:
        """Delete the user's preset *preset_id* (its pages are overwritten, not freed)."""
        self.db.execute("DELETE FROM presets WHERE id = ?", (_row(preset_id),))

    def custom(self) -> list[Preset]:
        """The user's presets, by name."""
        rows = self.db.execute("SELECT id, name, system_prompt FROM presets").fetchall()
        presets = [_custom(*row) for row in rows]
        return sorted(presets, key=lambda preset: (preset.name.casefold(), preset.id))


def all_presets(shipped: Iterable[Preset], store: PresetStore) -> list[Preset]:
    """Every preset the user can choose: the shipped ones first, then the user's own."""
    return [*shipped, *store.custom()]


def find_preset(presets: Iterable[Preset], preset_id: str) -> Preset | None:
    """The preset with id *preset_id* among *presets*, or None (one since deleted, say)."""
    return next((preset for preset in presets if preset.id == preset_id), None)


def _shipped(entry: Any, number: int) -> Preset:
    where = f"preset #{number}"
    if not isinstance(entry, dict):
        raise PresetsError(f"{where} is not a JSON object")
    values: dict[str, str] = {}
    for field in _FIELDS:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            raise PresetsError(f"{where}: field {field!r} must be a non-empty string")
        values[field] = value.strip()
        if field == "id":
            where = f"preset {value!r}"
            if value.startswith(CUSTOM_PREFIX):
                raise PresetsError(f"{where}: field 'id' may not start with {CUSTOM_PREFIX!r}")
    unknown = set(entry) - set(_FIELDS)
    if unknown:
        raise PresetsError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    return Preset(
        values["id"], values["name"], values["description"], values["system_prompt"], False
    )


def _custom(row: int, name: str, system_prompt: str) -> Preset:
    return Preset(f"{CUSTOM_PREFIX}{row}", name, "", system_prompt, custom=True)


def _row(preset_id: str) -> int:
    """The vault row of the user's preset *preset_id*; ValueError for a shipped one."""
    row = preset_id.removeprefix(CUSTOM_PREFIX)
    if row == preset_id or not (row.isascii() and row.isdigit()):
        raise ValueError(f"not a custom preset: {preset_id!r}")
    return int(row)
