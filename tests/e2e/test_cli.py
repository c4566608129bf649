"""The ``sotto`` command, run as a user runs it: a real process with the real model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from tests.conftest import BadModels
from tests.e2e.sotto_process import sotto


def test_ask_prints_a_reply(tmp_path: Path) -> None:
    result = sotto(
        "ask", "--temperature", "0", "--max-tokens", "32", "Say hello.", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "tokens/s" in result.stderr
    assert "tokens/s" not in result.stdout  # stdout is the reply alone, for scripts


def test_ask_reads_the_prompt_from_stdin(tmp_path: Path) -> None:
    result = sotto(
        "ask", "--temperature", "0", "--max-tokens", "16", "-", data_dir=tmp_path, stdin="Hi"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_ask_with_an_unknown_model_name_exits_2_and_lists_the_installed(tmp_path: Path) -> None:
    result = sotto("ask", "--model", "no-such-model", "Hi", data_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "There is no model called no-such-model" in result.stderr
    assert "SmolLM2-135M-Instruct.Q4_1" in result.stderr


def test_ask_with_a_bad_model_file_exits_1_with_a_sentence(
    tmp_path: Path, bad_models: BadModels
) -> None:
    result = sotto("ask", "--model", str(bad_models.corrupt()), "Hi", data_dir=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("sotto: scrambled.gguf is damaged")
    assert "Traceback" not in result.stderr


def test_data_dir_holds_all_state(tmp_path: Path) -> None:
    data = tmp_path / "portable"
    home = tmp_path / "home"
    home.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(data),
            "ask",
            "--max-tokens",
            "4",
            "Hi",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            "HOME": str(home),
            "PATH": "/usr/bin:/bin",
            # the keyring session, whose daemon keeps its own files elsewhere
            "DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"],
        },
    )
    assert result.returncode == 0, result.stderr
    assert (data / "cache" / "selfcheck.json").is_file()
    assert (data / "vault.db").is_file()
    assert list(home.iterdir()) == []  # nothing written to the real profile


def test_version_and_help(tmp_path: Path) -> None:
    version = sotto("--version", data_dir=tmp_path)
    assert version.stdout.strip() == f"Sotto {__version__}"
    help_text = sotto("--help", data_dir=tmp_path).stdout
    assert "ask" in help_text and "--data-dir" in help_text
