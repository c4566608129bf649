"""A process killed mid-reply loses at most the last second of it, and nothing else."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import MessageStatus
from tests.e2e.sotto_process import sotto


def test_killed_mid_reply_keeps_everything_up_to_the_last_second(tmp_path: Path) -> None:
    earlier = sotto("ask", "--max-tokens", "8", "An earlier question", data_dir=tmp_path)
    assert earlier.returncode == 0, earlier.stderr
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "--data-dir",
            str(tmp_path),
            "ask",
            "--temperature",
            "0",
            "--max-tokens",
            "3000",
            "Write a very long story about a lighthouse keeper, in many chapters.",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    printed = bytearray()
    first_output = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        while chunk := os.read(process.stdout.fileno(), 4096):
            printed.extend(chunk)
            first_output.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert first_output.wait(120), "the reply never started"
    # Killed once the vault holds a growing part of the reply (the recorder saves about once
    # a second), read from here by a connection of our own, as another process would.
    paths = AppPaths.resolve(tmp_path)
    deadline = time.monotonic() + 120
    while _saved_reply_length(paths) <= 20:
        assert process.poll() is None and time.monotonic() < deadline, "no part was saved"
        threading.Event().wait(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    reader.join(5)

    db = VaultOpener(paths).open()
    try:
        assert db.execute("PRAGMA cipher_integrity_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        store = open_store(db)
        latest, first = store.list_conversations()
        assert first.title == "An earlier question"
        assert [m.status for m in store.messages(first.id)] == [MessageStatus.DONE] * 2
        question, reply = store.messages(latest.id)
        assert question.content.startswith("Write a very long story")
        assert reply.status == MessageStatus.INTERRUPTED
        assert len(reply.content) > 20
        assert printed.decode("utf-8", errors="replace").startswith(reply.content)
    finally:
        db.close()


def _saved_reply_length(paths: AppPaths) -> int:
    """How much of the reply being written the vault holds now."""
    db = VaultOpener(paths).open()
    try:
        row = db.execute(
            "SELECT max(length(content)) FROM messages WHERE status = ?",
            (MessageStatus.STREAMING.value,),
        ).fetchone()
    finally:
        db.close()
    return int(row[0] or 0)
