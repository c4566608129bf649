"""Privacy promises at the edges: offline mode beside the window, one Sotto per history,
what forgetting keeps, and what a start leaves behind."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.cli.exit_codes import EXIT_FAILED
from desktop.core.app_settings import OFFLINE, AppSettings
from desktop.core.paths import AppPaths
from desktop.ui.window.single_instance import SingleInstance
from tests.e2e.sotto_process import sotto
from tests.gguf_builder import renamed
from tests.loopback_hub import HUB_FILE, STARTER_REPO, LoopbackHub


def test_offline_mode_set_in_the_window_holds_for_the_command_line(
    tmp_path: Path, loopback_hub: LoopbackHub
) -> None:
    paths = AppPaths.resolve(tmp_path / "data").ensure()
    AppSettings(paths.settings_path).set(OFFLINE, True)  # as Privacy → Offline mode saves it
    env = dict(os.environ, HF_ENDPOINT=loopback_hub.url)
    download = sotto("models", "download", STARTER_REPO, HUB_FILE, data_dir=paths.data_dir, env=env)
    assert download.returncode == EXIT_FAILED
    assert "Offline mode is on" in download.stderr and "Traceback" not in download.stderr
    assert loopback_hub.requests == []  # not one byte asked for


def test_a_second_launch_brings_the_first_window_forward_and_opens_nothing(
    qtbot: QtBot, paths: AppPaths
) -> None:
    first = SingleInstance(paths)
    assert first.claim()
    try:
        with qtbot.wait_signal(first.activation_requested, timeout=30_000):
            second = subprocess.Popen(
                [sys.executable, "-m", "desktop", "--data-dir", str(paths.data_dir)],
                env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        _, errors = second.communicate(timeout=60)
        assert second.returncode == 0, errors
        assert not paths.vault_path.exists()  # the second one never opened the history
    finally:
        first.release()


def test_forget_from_the_command_line_refuses_while_a_window_has_the_history(
    tmp_path: Path, qtbot: QtBot
) -> None:
    data = tmp_path / "data"
    assert sotto("ask", "--max-tokens", "4", "Hello", data_dir=data).returncode == 0
    vault = (data / "vault.db").read_bytes()
    window = SingleInstance(AppPaths.resolve(data))
    assert window.claim()
    try:
        refused = sotto("forget-everything", "--yes", data_dir=data)
    finally:
        window.release()
    assert refused.returncode == EXIT_FAILED
    assert "window has this history open" in refused.stderr
    assert (data / "vault.db").read_bytes() == vault  # nothing deleted, nothing written

    forgotten = sotto("forget-everything", "--yes", data_dir=data)
    assert forgotten.returncode == 0, forgotten.stderr
    assert not (data / "vault.db").exists()


def test_forgetting_says_that_model_files_and_their_names_are_kept(
    tmp_path: Path, starter_model: Path
) -> None:
    data = tmp_path / "data"
    notes = tmp_path / "therapy-notes-llama.gguf"
    notes.write_bytes(renamed(starter_model.read_bytes(), b"Therapy notes llama of the user"))
    assert sotto("models", "import", str(notes), data_dir=data).returncode == 0
    forgotten = sotto("forget-everything", "--yes", data_dir=data)
    assert forgotten.returncode == 0, forgotten.stderr
    assert "were kept, with their file names" in forgotten.stdout
    assert "--include-models" in forgotten.stdout
    gone = sotto("forget-everything", "--yes", "--include-models", data_dir=data)
    assert gone.returncode == 0 and "were kept" not in gone.stdout
    assert not any((data / "models").glob("*therapy*"))


START = """
import ctypes, ctypes.util, json, subprocess
calls = []
real_find, real_popen = ctypes.util.find_library, subprocess.Popen.__init__
ctypes.util.find_library = lambda name: calls.append(name) or real_find(name)
from desktop.core.privacy.protect import protect_process
protect_process()
from desktop.core.vault.custody import secure_keyring
secure_keyring()
print(json.dumps({"find_library": calls, "dumpable": ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)}))
"""


def test_a_start_spawns_no_compiler_and_leaves_the_process_undumpable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", START], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    # keyring's macOS backend looks for its libraries with a C compiler at import.
    assert report["find_library"] == []
    assert report["dumpable"] == 0  # crash handlers cannot capture decrypted memory


FAILED_SEARCH = """
import json, sys
from PySide6.QtWidgets import QApplication
from desktop.core.privacy.network import NetworkGuard
from desktop.core.library.hub import HubClient
from desktop.core.errors import UserError
from desktop.text.messages import user_message
from desktop.text.translation import apply_language
from desktop.ui.privacy.network_activity import GuardBridge, NetworkActivityDialog

app = QApplication([])
apply_language(app, sys.argv[1])
guard = NetworkGuard(resolve=lambda host: []).install()
bridge = GuardBridge(guard)
dialog = NetworkActivityDialog(bridge)
try:
    HubClient(guard, "https://hub.sotto-test.invalid", timeout=5).search("llama")
except UserError as error:
    shown = user_message(error)
guard.offline = True
try:
    HubClient(guard, "https://hub.sotto-test.invalid").search("llama")
except UserError as error:
    offline = user_message(error)
rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
tips = [dialog.table.item(r, 3).toolTip() for r in range(dialog.table.rowCount())]
print(json.dumps({"shown": shown, "offline": offline, "rows": rows, "tips": tips}))
"""


def run_failed_search(language: str) -> dict[str, object]:
    """A search of a hub that does not exist (its name cannot be looked up), in a process
    with the guard installed, and the activity dialog open while it fails."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", FAILED_SEARCH, language],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_the_activity_log_says_what_each_connection_was_for_and_how_it_ended() -> None:
    report = run_failed_search("en")
    rows = report["rows"]
    assert isinstance(rows, list) and rows, report
    _time, host, purpose, result = rows[0]
    assert host == "hub.sotto-test.invalid" and purpose == "Search the model library"
    assert result.startswith("allowed, then failed: Sotto could not reach")
    assert report["tips"][0]  # type: ignore[index]  # the system's own words, in the tooltip
    assert "Errno" not in result and "Errno" not in str(report["shown"])


def test_network_errors_in_the_chinese_interface_hold_no_english() -> None:
    report = run_failed_search("zh_CN")
    rows = report["rows"]
    assert isinstance(rows, list)
    sentences = [str(report["shown"]), str(report["offline"]), *(row[2] + row[3] for row in rows)]
    names = re.compile(r"Sotto|Hugging Face|Hub")  # names stay names in every language
    english = [s for s in sentences if re.search(r"[A-Za-z]{3,}", names.sub("", s))]
    assert english == []
