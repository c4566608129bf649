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


def home_of_its_own(home: Path) -> dict[str, str]:
    """This environment with *home* as the user's home, and every XDG folder and the
    temporary folder inside it: all a session writes outside its data folder lands there."""
    folders = {name: home / name for name in ("config", "cache", "share", "state", "tmp")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    return dict(
        os.environ,
        HOME=str(home),
        XDG_CONFIG_HOME=str(folders["config"]),
        XDG_CACHE_HOME=str(folders["cache"]),
        XDG_DATA_HOME=str(folders["share"]),
        XDG_STATE_HOME=str(folders["state"]),
        TMPDIR=str(folders["tmp"]),
    )


@pytest.mark.xvfb
def test_a_session_leaves_no_readable_trace(tmp_path: Path) -> None:
    data = tmp_path / "data"
    home = tmp_path / "home"
    env = home_of_its_own(home)
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


def test_file_dialogs_leave_no_folder_name_outside_the_data_folder(tmp_path: Path) -> None:
    """Export into a matter's folder and import a model from it through the real dialogs:
    no file outside the data folder names the folder, and inside it only the vault may."""
    data = tmp_path / "data"
    home = tmp_path / "home"
    matter = tmp_path / "Acme v Beta - settlement"
    matter.mkdir()
    (matter / "weights.gguf").write_bytes(b"not really a model")
    env = dict(home_of_its_own(home), QT_QPA_PLATFORM="offscreen")
    session = subprocess.run(
        [sys.executable, "-m", "tests.e2e.dialog_session", str(data), str(matter)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert session.returncode == 0, session.stderr
    assert (matter / "terms.md").is_file()  # the dialogs were really used

    needles = [b"Acme v Beta", "Acme v Beta".encode("utf-16-le"), b"Acme%20v%20Beta"]
    files = [p for root in (home, data) for p in root.rglob("*") if p.is_file()]
    assert [str(p) for p in files if p.name != "vault.db" and contains(p, needles)] == []


def test_a_revision_is_kept_encrypted_and_forgotten_with_everything(tmp_path: Path) -> None:
    import docx

    data = tmp_path / "data"
    env = home_of_its_own(tmp_path / "home")
    folder = tmp_path / "documents"  # the user's own folder: the copy is written there
    folder.mkdir()
    document = docx.Document()
    document.add_paragraph(f"The code word is {CANARY}, and the customer pays in 30 days.")
    document.save(folder / "contract.docx")

    revised = sotto(
        "revise",
        str(folder / "contract.docx"),
        str(folder / "revised.docx"),
        "--instruction",
        f"Replace customer by buyer; keep {CANARY}",
        data_dir=data,
        env=env,
    )
    assert revised.returncode == 0, revised.stderr
    assert "Saved with tracked changes to" in revised.stdout
    found = sotto("history", "search", "marmalade", data_dir=data, env=env)
    assert "marmalade" in found.stdout  # the instruction is in the history, for Sotto alone
    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"marmalade"]
    kept = [p for root in (data, tmp_path / "home") for p in root.rglob("*") if p.is_file()]
    assert [str(p) for p in kept if contains(p, needles)] == []

    forgot = sotto("forget-everything", "--yes", data_dir=data, env=env)
    assert forgot.returncode == 0, forgot.stderr
    after = sotto("history", "search", "marmalade", data_dir=data, env=env)
    assert "marmalade" not in after.stdout


def test_the_local_api_leaves_no_trace_of_a_request(tmp_path: Path) -> None:
    """What another app asks through ``sotto serve`` is answered, never kept: not in the
    history, not in any file, whether the reply was streamed or not."""
    import json
    import signal
    import socket
    import time

    data = tmp_path / "data"
    home = tmp_path / "home"
    env = home_of_its_own(home)
    token = sotto("api", "token", data_dir=data, env=env).stdout.strip()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "serve", "--port", str(port)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        question = f"Please repeat this code word exactly: {CANARY}"
        for stream in (False, True):
            body = {
                "model": "SmolLM2-135M-Instruct.Q4_1",
                "messages": [{"role": "user", "content": question}],
                "max_tokens": 24,
                "stream": stream,
            }
            answered = subprocess.run(
                [
                    "curl",
                    "-sS",
                    "-H",
                    f"Authorization: Bearer {token}",
                    "-H",
                    "Content-Type: application/json",
                    "-d",
                    json.dumps(body),
                    f"http://127.0.0.1:{port}/v1/chat/completions",
                ],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            )
            assert '"finish_reason"' in answered.stdout, answered.stderr
        server.send_signal(signal.SIGINT)
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    listed = sotto("history", "list", data_dir=data, env=env)
    assert listed.returncode == 0 and listed.stdout == ""  # another app's: not the history
    needles = [CANARY.encode("utf-8"), CANARY.encode("utf-16-le"), b"marmalade"]
    files = [p for root in (data, home) for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "vault.db" for p in files)
    assert [str(p) for p in files if contains(p, needles)] == []
