"""The data folder's lock fails closed: a lock file that cannot be opened (another user's, a
folder) stops the window and every command that writes, and forget above all; a command that
reads leaves a reply the window is writing alone.

Permissions are only real for a user without the permission override: the commands and the
window run as such a user (``tests/permissions.py``), the data folder being theirs.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.cli.exit_codes import EXIT_FAILED
from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.instance_lock import InstanceLock
from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from desktop.core.vault.store import MessageStatus
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.e2e.sotto_process import without_keyring
from tests.permissions import without_override


def sotto(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``sotto --data-dir DATA ARGS…`` as a user without the override, with the vault's
    passphrase from the environment."""
    return subprocess.run(
        [*without_override(), sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=without_keyring(TEST_PASSPHRASE),
    )


WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from desktop.app import run_gui
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard

app = QApplication(sys.argv[:1])

def answer() -> None:  # the first thing the window shows, answered as a user would
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print(box.text(), flush=True)
    if box is not None:
        box.close()

QTimer.singleShot(0, answer)
sys.exit(run_gui(AppPaths.resolve(Path(sys.argv[1])), NetworkGuard()))
"""


def open_window(data: Path) -> subprocess.CompletedProcess[str]:
    """Start the window on *data* as a user without the override; what it first said."""
    return subprocess.run(
        [*without_override(), sys.executable, "-c", WINDOW, str(data)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(without_keyring(TEST_PASSPHRASE), QT_QPA_PLATFORM="offscreen"),
    )


def unreadable_file(lock: Path) -> None:
    lock.touch()
    lock.chmod(0)


def a_folder(lock: Path) -> None:
    lock.mkdir()


@pytest.fixture
def history(tmp_path: Path) -> Iterator[AppPaths]:
    """A passphrase history with one finished exchange and one reply still "streaming"."""
    paths = AppPaths.resolve(tmp_path / "data").ensure()
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    store = open_store(db)
    session = ChatSession(store, ChatSettings())
    session.send("An earlier question", "starter")
    session.reply_finished("An earlier answer")
    ChatSession(store, ChatSettings()).send("A question being answered", "starter")
    db.close()
    yield paths


def reply_status(paths: AppPaths) -> MessageStatus:
    """The status of the last reply saved, as another process reads it."""
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    try:
        store = open_store(db, owns_folder=False)
        latest = store.list_conversations()[0]
        return store.messages(latest.id)[-1].status
    finally:
        db.close()


@pytest.mark.parametrize("spoil", [unreadable_file, a_folder], ids=["unreadable", "folder"])
def test_a_lock_that_cannot_be_checked_stops_forget_writes_and_the_window(
    history: AppPaths, spoil: Callable[[Path], None]
) -> None:
    spoil(history.lock_path)
    before = {path.name: path.read_bytes() for path in history.data_dir.iterdir() if path.is_file()}
    vault = history.vault_path.read_bytes()

    forgot = sotto(history.data_dir, "forget-everything", "--yes")
    assert forgot.returncode == EXIT_FAILED, forgot.stderr
    assert "Traceback" not in forgot.stderr
    assert "cannot tell whether another Sotto is using this history" in forgot.stderr
    assert str(history.lock_path) in forgot.stderr  # what to remove, named
    assert history.vault_path.read_bytes() == vault  # nothing forgotten

    asked = sotto(history.data_dir, "ask", "--max-tokens", "4", "Hello")
    assert asked.returncode == EXIT_FAILED and "lock file" in asked.stderr, asked.stderr

    window = open_window(history.data_dir)
    assert window.returncode == EXIT_FAILED, window.stderr
    assert "cannot tell whether another Sotto is using this history" in window.stdout
    assert str(history.lock_path) in window.stdout

    listed = sotto(history.data_dir, "history", "list")  # reading is still allowed
    assert listed.returncode == 0, listed.stderr
    assert "An earlier question" in listed.stdout
    after = {path.name: path.read_bytes() for path in history.data_dir.iterdir() if path.is_file()}
    assert after.keys() == before.keys()
    assert reply_status(history) == MessageStatus.STREAMING  # not even marked interrupted


def test_a_command_leaves_the_reply_a_window_is_writing_alone(history: AppPaths) -> None:
    window = InstanceLock(history.lock_path)  # as the window holds it while it writes
    assert window.acquire()
    try:
        listed = sotto(history.data_dir, "history", "list")
        assert listed.returncode == 0, listed.stderr
        assert "A question being answered" in listed.stdout
        assert reply_status(history) == MessageStatus.STREAMING
    finally:
        window.release()

    # With no window, a reply left streaming was cut off by a crash: the next command says so.
    assert sotto(history.data_dir, "history", "list").returncode == 0
    assert reply_status(history) == MessageStatus.INTERRUPTED
