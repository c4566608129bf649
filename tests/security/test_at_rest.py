"""Nothing readable at rest: after a real session, no file anywhere Sotto writes holds the text."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.sotto_process import sotto

CANARY = "Canary-7f3a9c-marmalade-Zebrafish"


def contains(path: Path, needles: list[bytes]) -> bool:
    data = path.read_bytes()
    return any(needle in data for needle in needles)


@pytest.mark.xvfb
def test_a_session_leaves_no_readable_trace(tmp_path: Path) -> None:
    data = tmp_path / "data"
    home = tmp_path / "home"
    folders = {name: home / name for name in ("config", "cache", "share", "tmp")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(folders["config"]),
        XDG_CACHE_HOME=str(folders["cache"]),
        XDG_DATA_HOME=str(folders["share"]),
        TMPDIR=str(folders["tmp"]),
    )
    question = f"Please repeat this code word exactly: {CANARY}"
    asked = sotto("ask", "--max-tokens", "48", question, data_dir=data, env=env)
    assert asked.returncode == 0, asked.stderr
    found = sotto("history", "search", "marmalade", data_dir=data, env=env)
    assert CANARY.split("-")[2] in found.stdout  # it is in the history, readable by Sotto
    window_env = {k: v for k, v in env.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    window = subprocess.run(
        [
            shutil.which("xvfb-run") or "xvfb-run",
            "-a",
            sys.executable,
            "-m",
            "tests.e2e.screenshot",
            str(tmp_path / "shot.png"),
            str(data),
            question,
        ],
        env=window_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert window.returncode == 0, window.stderr

    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"marmalade"]
    files = [p for root in (data, home) for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "vault.db" for p in files)
    assert [str(p) for p in files if contains(p, needles)] == []

    vault = data / "vault.db"
    assert not vault.read_bytes().startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(vault).execute("SELECT * FROM sqlite_master").fetchall()
    for path in files:
        if path.is_relative_to(data):
            assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by others"
