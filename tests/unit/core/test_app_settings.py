"""Sotto's own settings file: values kept, and a broken or unwritable file never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.app_settings import (
    DEFAULT_MODEL,
    FONT_NORMAL,
    FONT_SIZE,
    FONT_SIZES,
    OFFLINE,
    THEME,
    THEME_SYSTEM,
    THEMES,
    AppSettings,
    default_model,
)


def test_values_are_kept_across_instances(tmp_path: Path) -> None:
    AppSettings(tmp_path / "settings.json").set(THEME, "dark")
    assert AppSettings(tmp_path / "settings.json").get_choice(THEME, THEMES, THEME_SYSTEM) == "dark"


def test_setting_none_removes_a_value(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    settings.set(OFFLINE, True)
    settings.set(OFFLINE, None)
    assert settings.get(OFFLINE) is None


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", "", "\x00\xff"])
def test_a_corrupt_file_reads_as_defaults_and_is_replaced_on_save(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="latin-1")
    settings = AppSettings(path)
    assert settings.get_choice(FONT_SIZE, FONT_SIZES, FONT_NORMAL) == FONT_NORMAL
    assert settings.get_bool(OFFLINE) is False
    settings.set(OFFLINE, True)
    assert AppSettings(path).get_bool(OFFLINE) is True


def test_values_of_the_wrong_kind_read_as_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"offline": "yes", "theme": 3, "font_size": "huge", "n": true}')
    settings = AppSettings(path)
    assert settings.get_bool(OFFLINE) is False
    assert settings.get_choice(THEME, THEMES, THEME_SYSTEM) == THEME_SYSTEM
    assert settings.get_choice(FONT_SIZE, FONT_SIZES, FONT_NORMAL) == FONT_NORMAL
    assert settings.get_int("n", 7, 0, 10) == 7  # a boolean is no number here


def test_a_number_out_of_range_reads_as_the_default(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    settings.set("n", 11)
    assert settings.get_int("n", 0, 0, 10) == 0
    settings.set("n", 10)
    assert settings.get_int("n", 0, 0, 10) == 10


def test_a_folder_that_cannot_be_written_raises_oserror(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "missing" / "settings.json")
    assert settings.get(OFFLINE) is None
    with pytest.raises(OSError):
        settings.set(OFFLINE, True)


def test_a_settings_path_that_is_a_folder_reads_as_defaults_and_raises_on_save(
    tmp_path: Path,
) -> None:
    (tmp_path / "settings.json").mkdir()
    settings = AppSettings(tmp_path / "settings.json")
    assert settings.get_bool(OFFLINE) is False
    with pytest.raises(OSError):
        settings.set(OFFLINE, True)


def test_the_default_model_is_the_users_choice_among_those_installed(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    first, second = tmp_path / "a.gguf", tmp_path / "b.gguf"
    assert default_model(settings, [first, second]) == first
    settings.set(DEFAULT_MODEL, str(second))
    assert default_model(settings, [first, second]) == second
    assert default_model(settings, [first]) == first  # the chosen one was removed
    assert default_model(settings, []) is None
