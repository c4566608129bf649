"""Sotto's own settings file: one schema, values checked at every read, a damaged file never a
crash nor a way online, and saves that leave the old file whole."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from desktop.core.app_settings import (
    FONT_SIZE,
    LANGUAGE,
    LANGUAGE_CODES,
    MODEL_GPU_LAYERS,
    OFFLINE,
    SCHEMA,
    SEND_WITH_CTRL_ENTER,
    THEME,
    UNREADABLE_COPY,
    WINDOW_GEOMETRY,
    AppSettings,
)
from desktop.core.language import LANGUAGES
from tests.disks import fill, small_disk


def settings_file(tmp_path: Path, text: str) -> AppSettings:
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    return AppSettings(path)


def test_values_are_kept_across_instances(tmp_path: Path) -> None:
    AppSettings(tmp_path / "settings.json").set(THEME, "dark")
    assert AppSettings(tmp_path / "settings.json").get(THEME) == "dark"


def test_setting_none_removes_a_value_and_the_default_applies(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    settings.set(OFFLINE, True)
    settings.set(OFFLINE, None)
    assert settings.get(OFFLINE) is False
    assert OFFLINE not in json.loads(settings.path.read_text(encoding="utf-8"))


def test_a_missing_file_reads_as_every_default(tmp_path: Path) -> None:
    found = AppSettings(tmp_path / "settings.json").read()
    assert not found.unreadable and found.reset == ()
    assert {key: found.get(key) for key in SCHEMA} == {k: s.default for k, s in SCHEMA.items()}


def test_every_default_is_a_value_its_setting_accepts() -> None:
    for key, setting in SCHEMA.items():
        assert setting.default is None or setting.valid(setting.default), key


def test_the_languages_the_file_accepts_are_those_sotto_speaks() -> None:
    assert tuple(LANGUAGES) == LANGUAGE_CODES


@pytest.mark.parametrize(
    ("text", "key", "default"),
    [
        ('{"language": ["zh_CN"]}', LANGUAGE, None),
        ('{"language": {"a": 1}}', LANGUAGE, None),
        ('{"window_geometry": "éé"}', WINDOW_GEOMETRY, None),
        ('{"window_geometry": "abc"}', WINDOW_GEOMETRY, None),
        ('{"offline": "no"}', OFFLINE, True),  # unclear: offline, the safe side
        ('{"theme": ["dark"]}', THEME, "system"),
        ('{"font_size": "huge"}', FONT_SIZE, "normal"),
        ('{"send_with_ctrl_enter": 1}', SEND_WITH_CTRL_ENTER, False),
        ('{"model_gpu_layers": true}', MODEL_GPU_LAYERS, None),  # a boolean is no number
        ('{"model_gpu_layers": 1025}', MODEL_GPU_LAYERS, None),
    ],
)
def test_a_value_of_the_wrong_kind_reads_as_its_default_and_is_named(
    tmp_path: Path, text: str, key: str, default: object
) -> None:
    found = settings_file(tmp_path, text).read()
    assert found.get(key) == default
    assert found.reset == (key,) and not found.unreadable


def test_the_rest_of_the_file_is_kept_beside_a_bad_value(tmp_path: Path) -> None:
    settings = settings_file(tmp_path, '{"theme": 3, "font_size": "large", "from_later": [1]}')
    assert settings.get(FONT_SIZE) == "large"
    settings.set(OFFLINE, True)
    assert json.loads(settings.path.read_text(encoding="utf-8")) == {
        "font_size": "large",
        "from_later": [1],  # a key a newer Sotto wrote stays
        "offline": True,  # and the bad theme is dropped: it reads as the default
    }


def test_a_value_the_schema_refuses_is_never_saved(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    with pytest.raises(ValueError, match="no value for the setting"):
        settings.set(THEME, "purple")
    assert not settings.path.exists()


@pytest.mark.parametrize(
    "text", ['{"offline": true, "theme": "da', "[1, 2, 3]", '"offline"', "", "{not json"]
)
def test_a_file_that_cannot_be_read_reads_as_offline(tmp_path: Path, text: str) -> None:
    found = settings_file(tmp_path, text).read()
    assert found.unreadable
    assert found.get(OFFLINE) is True
    assert found.get(THEME) == "system"


def test_a_file_that_is_not_utf8_reads_as_offline(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"offline": false, "theme": "\xff"}')
    assert AppSettings(path).read().unreadable
    assert AppSettings(path).get(OFFLINE) is True


def test_saving_over_a_file_that_could_not_be_read_keeps_it_and_stays_offline(
    tmp_path: Path,
) -> None:
    damaged = '{"offline": true, "theme": "da'
    settings = settings_file(tmp_path, damaged)
    settings.set(THEME, "dark")
    assert (tmp_path / UNREADABLE_COPY).read_text(encoding="utf-8") == damaged
    assert settings.get(THEME) == "dark"
    assert settings.get(OFFLINE) is True  # written down: the next start is offline too
    settings.set(OFFLINE, False)  # the user turned it off
    assert AppSettings(settings.path).get(OFFLINE) is False


def test_a_settings_path_that_is_a_folder_reads_as_offline_and_refuses_to_save(
    tmp_path: Path,
) -> None:
    (tmp_path / "settings.json").mkdir()
    settings = AppSettings(tmp_path / "settings.json")
    assert settings.read().unreadable and settings.get(OFFLINE) is True
    with pytest.raises(IsADirectoryError):
        settings.set(OFFLINE, False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # no stray file


def test_a_folder_that_cannot_be_written_raises_oserror_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    settings = AppSettings(tmp_path / "missing" / "settings.json")
    assert settings.get(OFFLINE) is False
    with pytest.raises(OSError):
        settings.set(OFFLINE, True)


def test_a_save_on_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        settings = AppSettings(disk / "settings.json")
        settings.set(THEME, "dark")
        before = settings.path.read_bytes()
        fill(disk).rename(disk / "filler.keep")
        with pytest.raises(OSError) as failed:
            settings.set(WINDOW_GEOMETRY, "ab" * 4000)
        assert failed.value.errno == errno.ENOSPC
        assert settings.path.read_bytes() == before
        assert sorted(p.name for p in disk.iterdir()) == ["filler.keep", "settings.json"]


def test_the_file_is_readable_by_its_owner_alone(tmp_path: Path) -> None:
    settings = AppSettings(tmp_path / "settings.json")
    settings.set(THEME, "dark")
    assert settings.path.stat().st_mode & 0o777 == 0o600


def test_saving_beside_an_unclear_offline_value_writes_offline_mode_on(tmp_path: Path) -> None:
    settings = settings_file(tmp_path, '{"offline": "no", "theme": 3}')
    settings.set(FONT_SIZE, "large")
    assert json.loads(settings.path.read_text(encoding="utf-8")) == {
        "font_size": "large",
        "offline": True,
    }
