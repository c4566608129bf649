"""The command line speaks the language the user chose, or the system's."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.core.app_settings import AppSettings
from desktop.core.language import CHINESE, save_choice
from desktop.core.paths import AppPaths
from tests.e2e.sotto_process import sotto


def test_a_command_speaks_the_chosen_language(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path).ensure()
    save_choice(AppSettings(paths.settings_path), CHINESE)

    result = sotto("forget-everything", data_dir=tmp_path, stdin="")

    assert result.returncode == 2
    assert result.stderr.startswith("sotto: 未删除任何内容")


def test_without_a_choice_the_system_language_is_spoken(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LC_ALL"}

    chinese = sotto("--help", data_dir=tmp_path, env={**env, "LANG": "zh_CN.UTF-8"})
    english = sotto("--help", data_dir=tmp_path, env={**env, "LANG": "en_US.UTF-8"})

    assert "私密聊天" in chinese.stdout
    assert "Private chat" in english.stdout
