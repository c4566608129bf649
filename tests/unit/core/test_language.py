"""Which language Sotto speaks: the user's choice, else the system's if Sotto speaks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.app_settings import AppSettings
from desktop.core.language import (
    CHINESE,
    ENGLISH,
    data_translations,
    read_choice,
    save_choice,
    system_language,
)


@pytest.mark.parametrize(
    ("preferences", "language"),
    [
        (["zh-CN"], CHINESE),
        (["zh-Hans-CN", "en-US"], CHINESE),
        (["zh"], CHINESE),
        (["zh_CN"], CHINESE),
        (["en-GB", "zh-CN"], ENGLISH),
        (["de-DE", "zh-Hans"], CHINESE),
        (["zh-TW", "en-US"], ENGLISH),  # Traditional Chinese readers get their next choice
        (["zh-Hant-HK"], ENGLISH),
        (["fr-FR"], ENGLISH),
        ([], ENGLISH),
    ],
)
def test_the_system_language_is_the_first_preference_sotto_speaks(
    preferences: list[str], language: str
) -> None:
    assert system_language(preferences) == language


def test_a_choice_is_remembered_and_forgotten(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    assert read_choice(settings) is None
    save_choice(settings, CHINESE)
    assert read_choice(AppSettings(settings.path)) == CHINESE
    save_choice(settings, None)
    assert read_choice(settings) is None
    assert "language" not in settings.path.read_text()


def test_an_unknown_choice_is_refused_and_a_damaged_one_ignored(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    with pytest.raises(ValueError, match="does not speak"):
        save_choice(settings, "tlh")
    settings.path.write_text('{"language": "tlh"}', encoding="utf-8")
    assert read_choice(settings) is None
    settings.path.write_text("{not json", encoding="utf-8")
    assert read_choice(settings) is None


def test_data_translations_keep_only_the_fields_asked_for(tmp_path: Path) -> None:
    data = tmp_path / "things.json"
    (tmp_path / "things.zh_CN.json").write_text(
        '{"things": {"a": {"name": "甲", "secret": "x", "empty": ""}, "b": "oops"}}', "utf-8"
    )
    assert data_translations(data, CHINESE, "things", ("name", "empty")) == {"a": {"name": "甲"}}
    assert data_translations(data, ENGLISH, "things", ("name",)) == {}
    assert data_translations(data, "fr", "things", ("name",)) == {}
