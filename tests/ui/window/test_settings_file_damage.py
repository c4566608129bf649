"""A damaged or hand-edited settings.json never stops Sotto (issue 28): the six files the
audit wrote, and any JSON at all, through the command line and the window."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import build_main_window
from desktop.cli.main import main
from desktop.core.app_settings import OFFLINE, SCHEMA, UNREADABLE_COPY, AppSettings
from desktop.core.inference.types import Sampling
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto
from tests.ui.conftest import remember_machine_speed

AUDITED = {
    "language as a list": ('{"language": ["zh_CN"]}', "language"),
    "language as an object": ('{"language": {"a": 1}}', "language"),
    "window geometry not hex": ('{"window_geometry": "éé"}', "size and place"),
    "offline as a word": ('{"offline": "no"}', "stays offline"),
    "theme as a list": ('{"theme": ["dark"]}', "theme"),
    "a list, not an object": ("[1, 2, 3]", "stays offline"),
}
"""Each file of issue 28's table, and the words its notice must hold."""

TITLE = "Notes on the Meridian merger"

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
SETTINGS_JSON = JSON | st.dictionaries(st.sampled_from(sorted(SCHEMA)) | st.text(), JSON)
"""Any JSON at all, and objects whose keys are mostly the real settings' (so that every
setting meets values of every type)."""


@pytest.fixture
def history(paths: AppPaths, store: ConversationStore, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A vault holding one conversation, its passphrase where the command line finds it;
    the vault file is returned."""
    store.rename(store.create_conversation(model="starter").id, TITLE)
    monkeypatch.setenv("SOTTO_PASSPHRASE", TEST_PASSPHRASE)
    return paths.data_dir / "vault.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("text", "named"), AUDITED.values(), ids=AUDITED.keys())
def test_the_audited_settings_files_leave_history_list_working(
    paths: AppPaths, history: Path, text: str, named: str
) -> None:
    paths.settings_path.write_text(text, encoding="utf-8")
    before = digest(history)
    listed = sotto("history", "list", data_dir=paths.data_dir)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.endswith(f"\t{TITLE}\n")
    assert "Traceback" not in listed.stderr
    (notice,) = listed.stderr.splitlines()  # one line, which says what was reset
    assert notice.startswith("sotto: ") and named in notice
    assert digest(history) == before


@pytest.mark.parametrize(("text", "named"), AUDITED.values(), ids=AUDITED.keys())
def test_the_audited_settings_files_open_the_window_with_a_notice(
    paths: AppPaths,
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    text: str,
    named: str,
) -> None:
    paths.settings_path.write_text(text, encoding="utf-8")
    window = make_window()
    qtbot.wait_until(window.toast.isVisible)
    assert named in window.toast.accessibleName()
    assert window.menus.offline.isChecked() == ("stays offline" in named)


def test_a_geometry_qt_rejects_is_dropped_and_the_window_opens_at_its_size(
    paths: AppPaths, make_window: Callable[..., MainWindow]
) -> None:
    paths.settings_path.write_text('{"window_geometry": "00ff00ff"}', encoding="utf-8")
    window = make_window()
    assert window.isVisible() and (window.width(), window.height()) == (1100, 720)


def test_a_damaged_file_keeps_the_window_offline_and_is_kept_when_replaced(
    paths: AppPaths, make_window: Callable[..., MainWindow]
) -> None:
    damaged = '{"offline": true, "theme": "da'
    paths.settings_path.write_text(damaged, encoding="utf-8")
    window = make_window()
    assert window.menus.offline.isChecked() and window.guard.guard.offline
    assert window.offline_badge.isVisible()
    assert paths.settings_path.read_text(encoding="utf-8") == damaged  # not rewritten at start

    window.close()  # which saves the window's geometry
    kept = paths.data_dir / UNREADABLE_COPY
    assert kept.read_text(encoding="utf-8") == damaged
    assert AppSettings(paths.settings_path).read().values[OFFLINE] is True
    assert make_window().menus.offline.isChecked()  # and the next start is offline too


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(found=SETTINGS_JSON)
def test_any_json_in_settings_leaves_the_command_line_working(
    paths: AppPaths,
    history: Path,
    qapp: QApplication,
    capsys: pytest.CaptureFixture[str],
    found: object,
) -> None:
    paths.settings_path.write_text(json.dumps(found), encoding="utf-8")
    before = digest(history)
    code = main(["--data-dir", str(paths.data_dir), "history", "list"], NetworkGuard())
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert printed.out.endswith(f"\t{TITLE}\n")
    assert len(printed.err.splitlines()) <= 1
    assert digest(history) == before


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(found=SETTINGS_JSON)
def test_any_json_in_settings_leaves_the_window_working(
    qtbot: QtBot, paths: AppPaths, store: ConversationStore, found: object
) -> None:
    remember_machine_speed(paths)
    paths.settings_path.write_text(json.dumps(found), encoding="utf-8")
    window = build_main_window(paths, store, NetworkGuard(), Sampling(max_tokens=8))
    qtbot.add_widget(window)
    window.show()
    try:
        assert window.isVisible()
        assert window.app_settings.read().get("offline") == window.menus.offline.isChecked()
    finally:
        window.close()
