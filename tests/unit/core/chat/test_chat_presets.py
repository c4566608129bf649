"""Presets: the shipped file and its checks, and the user's own presets in the vault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.chat.presets import (
    Preset,
    PresetsError,
    PresetStore,
    all_presets,
    find_preset,
    load_presets,
)
from desktop.core.paths import AppPaths
from tests.conftest import TEST_PASSPHRASE, passphrase_opener

SHIPPED = ("general", "legal", "coding", "writing", "translation")


def test_shipped_presets_load() -> None:
    presets = load_presets()
    assert tuple(preset.id for preset in presets) == SHIPPED
    for preset in presets:
        assert not preset.custom
        assert preset.name and preset.description, preset.id
        assert preset.system_prompt.count(". ") >= 3, preset.id
    translation = find_preset(presets, "translation")
    assert translation is not None and translation.name == "Translation Chinese\u2013English"
    assert find_preset(presets, "custom:1") is None


def test_shipped_prompts_say_what_matters() -> None:
    prompts = {preset.id: preset.system_prompt for preset in load_presets()}
    legal = prompts["legal"]
    assert "Never invent citations, case law, statutes" in legal
    assert "assumption" in legal and "qualified lawyer" in legal and "confidential" in legal
    for preset_id in ("general", "legal", "coding", "writing"):
        assert "in the language the user writes in" in prompts[preset_id], preset_id
    assert "Chinese" in prompts["translation"] and "English" in prompts["translation"]


def _entry(**changes: Any) -> dict[str, Any]:
    entry = {
        "id": "short",
        "name": "Short answers",
        "description": "Answers in one sentence.",
        "system_prompt": "Answer in one sentence.",
    }
    entry.update(changes)
    return {key: value for key, value in entry.items() if value is not None}


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a JSON object"),
        ({"version": 2, "presets": [_entry()]}, "version is not 1"),
        ({"version": 1, "presets": []}, "'presets' must be a non-empty list"),
        ({"version": 1, "presets": ["general"]}, "preset #1 is not a JSON object"),
        ({"version": 1, "presets": [_entry(id=None)]}, "preset #1: field 'id' must be"),
        ({"version": 1, "presets": [_entry(name="  ")]}, "preset 'short': field 'name' must"),
        (
            {"version": 1, "presets": [_entry(system_prompt=3)]},
            "preset 'short': field 'system_prompt' must be a non-empty string",
        ),
        ({"version": 1, "presets": [_entry(icon="x")]}, "preset 'short': unknown field 'icon'"),
        ({"version": 1, "presets": [_entry(id="custom:1")]}, "may not start with 'custom:'"),
        (
            {"version": 1, "presets": [_entry(), _entry(name="Other")]},
            "preset 'short': id is used by another preset",
        ),
    ],
)
def test_schema_faults_name_the_preset_and_field(
    tmp_path: Path, data: object, message: str
) -> None:
    with pytest.raises(PresetsError, match=message):
        load_presets(_write(tmp_path / "presets.json", data))


def test_unreadable_file_is_a_presets_error(tmp_path: Path) -> None:
    with pytest.raises(PresetsError, match="cannot be read"):
        load_presets(tmp_path / "missing.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    with pytest.raises(PresetsError, match="cannot be read"):
        load_presets(tmp_path / "broken.json")


class Ticker:
    def __init__(self) -> None:
        self.now = 1_700_000_000_000

    def __call__(self) -> int:
        self.now += 1000
        return self.now


SECRET_NAME = "Merger of Hollister & Quaid"
SECRET_PROMPT = "Draft for the Hollister acquisition; never name the buyer."


def test_custom_preset_survives_closing_the_vault(paths: AppPaths) -> None:
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    store = PresetStore(db, clock=Ticker())
    added = store.add(SECRET_NAME, SECRET_PROMPT)
    assert added == Preset(added.id, SECRET_NAME, "", SECRET_PROMPT, custom=True)
    assert added.id.startswith("custom:")
    other = store.add("another", "Be terse.")
    db.close()

    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    try:
        store = PresetStore(db)
        assert store.custom() == [other, added]  # by name, whatever the case
        shipped = load_presets()
        everything = all_presets(shipped, store)
        assert [preset.id for preset in everything] == [*SHIPPED, other.id, added.id]
        assert find_preset(everything, added.id) == added
    finally:
        db.close()
    assert SECRET_NAME.encode() not in paths.vault_path.read_bytes()
    assert b"Hollister" not in paths.vault_path.read_bytes()


def test_custom_preset_is_changed_and_deleted(paths: AppPaths) -> None:
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    try:
        store = PresetStore(db, clock=Ticker())
        preset = store.add("Draft", "Be formal.")
        store.update(preset.id, "Formal drafts", "Be formal and brief.")
        assert store.custom() == [
            Preset(preset.id, "Formal drafts", "", "Be formal and brief.", custom=True)
        ]
        store.delete(preset.id)
        assert store.custom() == []
        assert find_preset(all_presets(load_presets(), store), preset.id) is None
        with pytest.raises(LookupError):
            store.update(preset.id, "Back", "Again.")
        with pytest.raises(ValueError, match="not a custom preset"):
            store.update("legal", "Mine now", "No.")
        with pytest.raises(ValueError, match="not a custom preset"):
            store.delete("custom:x")
    finally:
        db.close()
