"""The whole user path works on a machine with no network at all (`unshare -n`)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.app_settings import API_ENABLED, AppSettings
from desktop.core.paths import AppPaths
from tests.e2e.sotto_process import without_keyring
from tests.scan_builder import picture_file, text_picture


def no_network_available() -> bool:
    return (
        subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False).returncode == 0
    )


@pytest.mark.xvfb
@pytest.mark.skipif(
    shutil.which("unshare") is None or not no_network_available(),
    reason="`unshare -n` is not permitted here (it needs root or user namespaces): "
    "the no-network run cannot be made on this machine",
)
def test_start_chat_restart_search_and_forget_with_no_network(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # No D-Bus inside the namespace (its abstract sockets stay outside): a passphrase vault.
    env = without_keyring("no network here")
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)

    def offline(*command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["unshare", "-n", "--", *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def sotto(*args: str) -> subprocess.CompletedProcess[str]:
        return offline(sys.executable, "-m", "desktop", "--data-dir", str(data), *args)

    interfaces = offline("cat", "/proc/net/dev").stdout
    assert [line.split(":")[0].strip() for line in interfaces.splitlines()[2:]] == ["lo"]

    asked = sotto("ask", "--max-tokens", "16", "Remember the word quince.")
    assert asked.returncode == 0, asked.stderr
    # The window serves the local API (on loopback alone): still nothing tries to leave.
    AppSettings(AppPaths.resolve(data).settings_path).set(API_ENABLED, True)
    window = offline(
        "xvfb-run",
        "-a",
        sys.executable,
        "-m",
        "tests.e2e.screenshot",
        str(tmp_path / "window.png"),
        str(data),
        "Which fruit did I name?",
    )
    assert window.returncode == 0, window.stderr
    assert "network attempts: 0" in window.stdout  # the guard saw nothing try to leave

    listed = sotto("history", "list")  # a new process: the history survived the restart
    assert listed.returncode == 0, listed.stderr
    assert "Remember the word quince." in listed.stdout
    assert "Which fruit did I name?" in listed.stdout
    servers = sotto("servers", "list")  # none configured: nothing would be reached
    assert servers.returncode == 0 and servers.stdout == ""
    found = sotto("history", "search", "quince")
    assert found.returncode == 0 and "[quince]" in found.stdout

    # Scans are read by text recognition from the models installed with Sotto: nothing fetched.
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "signed.pdf").write_bytes(
        picture_file([text_picture(["Cover"]), text_picture(["The deposit is 2,500."])], "PDF")
    )
    (scans / "note.png").write_bytes(picture_file([text_picture(["租赁保证金"])], "PNG"))
    added = sotto("docs", "add", "--collection", "Scans", str(scans))
    assert added.returncode == 0, added.stderr
    for query, file, page in (("deposit", "signed.pdf", 2), ("保证金", "note.png", None)):
        searched = sotto(
            "docs", "search", "--collection", "Scans", "--mode", "fts", "--json", query
        )
        assert searched.returncode == 0, searched.stderr
        best = json.loads(searched.stdout)[0]
        assert (Path(best["file"]).name, best["page"], best["scanned"]) == (file, page, True)

    forgotten = sotto("forget-everything", "--yes")
    assert forgotten.returncode == 0, forgotten.stderr
    assert [p for p in data.rglob("*") if p.is_file()] == []
    fresh = sotto("history", "list")
    assert fresh.returncode == 0 and fresh.stdout == ""  # Sotto starts as new
