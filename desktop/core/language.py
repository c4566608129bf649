"""The language Sotto speaks: English or Simplified Chinese, by the user's choice or the
system's.

The interface's sentences are translated by Qt (``resources/translations``). Shipped data
(the catalog, the presets) is written in English, and its translations lie beside it, keyed by
id: ``models.json`` has ``models.zh_CN.json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from desktop.core.app_settings import LANGUAGE, AppSettings

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    class _Entry(DataclassInstance, Protocol):
        @property
        def id(self) -> str: ...


_E = TypeVar("_E", bound="_Entry")

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: Mapping[str, str] = {ENGLISH: "English", CHINESE: "简体中文"}
"""The languages Sotto speaks, each with the name it calls itself (``LANGUAGE_CODES``, the
values the settings file accepts, lists the same)."""

_TRADITIONAL = ("hant", "tw", "hk", "mo")


def system_language(ui_languages: Iterable[str]) -> str:
    """The first of the system's preferred languages (BCP 47: "zh-Hans-CN") that Sotto speaks.

    Traditional Chinese is not Simplified Chinese: it falls through to the next preference.
    """
    for tag in ui_languages:
        parts = tag.lower().replace("_", "-").split("-")
        if parts[0] == "en":
            return ENGLISH
        if parts[0] == "zh" and not any(part in _TRADITIONAL for part in parts[1:]):
            return CHINESE
    return ENGLISH


def read_choice(settings: AppSettings) -> str | None:
    """The language the user chose, or None to follow the system."""
    choice = settings.get(LANGUAGE)  # None, or one of LANGUAGE_CODES: the schema checks
    return choice if isinstance(choice, str) else None


def save_choice(settings: AppSettings, language: str | None) -> None:
    """Remember *language* (None: follow the system again).

    Raises:
        OSError: the data folder cannot be written.
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"Sotto does not speak {language!r}")
    settings.set(LANGUAGE, language)


def data_translations(
    path: Path, language: str, section: str, fields: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """The translations of the data file at *path* into *language*: per id, each of *fields*
    that is translated -> its text.

    They are read from the sibling file ``<stem>.<language>.json`` under *section*; English,
    or a language without such a file, has none. A broken translation file is ignored (the
    English text shows), never fatal.
    """
    if language == ENGLISH:
        return {}
    sibling = path.with_name(f"{path.stem}.{language}{path.suffix}")
    try:
        entries = json.loads(sibling.read_text(encoding="utf-8"))[section]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        key: {
            field: text
            for field, text in texts.items()
            if field in fields and isinstance(text, str) and text
        }
        for key, texts in entries.items()
        if isinstance(texts, dict)
    }


def localized(
    entries: tuple[_E, ...], path: Path, language: str, section: str, fields: tuple[str, ...]
) -> tuple[_E, ...]:
    """*entries* of the data file at *path*, their *fields* in *language* where its
    translation has them (``data_translations``)."""
    translations = data_translations(path, language, section, fields)
    return tuple(replace(entry, **translations.get(entry.id, {})) for entry in entries)
