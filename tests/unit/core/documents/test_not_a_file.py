"""A named pipe, a socket, a device or a symlink loop among the documents is named for what
it is, before anything is read from it, and never waited on: the rest is indexed.

Each run is a child process with a timeout, so that a file that hangs the indexer fails the
test instead of hanging the suite."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from desktop.core.documents.errors import DocumentAccessError, NotAFileError
from desktop.core.documents.extract import extract, open_document
from tests.unit.core.documents.indexing_child import index_in_child


def special_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of two documents, a named pipe, a socket and a link to itself, each named as
    a document."""
    folder = root / "matter"
    folder.mkdir()
    (folder / "lease.txt").write_text("The rent is paid on the first day.\n")
    (folder / "notes.md").write_text("# Notes\n\nThe quokka clause.\n")
    os.mkfifo(folder / "pipe.txt")
    monkeypatch.chdir(folder)  # a socket's path must be short: bound where it is made
    listening = socket.socket(socket.AF_UNIX)
    listening.bind("socket.md")
    listening.close()
    (folder / "loop.pdf").symlink_to("loop.pdf")
    return folder


def test_a_pipe_a_socket_and_a_loop_in_a_folder_are_named_and_the_rest_is_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = special_folder(tmp_path, monkeypatch)

    started = time.monotonic()
    first = index_in_child(tmp_path / "data", [folder])
    again = index_in_child(tmp_path / "data", [folder])  # the next run does not hang either

    assert sorted(first["indexed"]) == ["lease.txt", "notes.md"]
    reasons = {name: sentence for name, (_code, sentence) in first["failed"].items()}
    assert {name: code for name, (code, _) in first["failed"].items()} == {
        "pipe.txt": "not-a-file",
        "socket.md": "not-a-file",
        "loop.pdf": "not-a-file",
    }
    assert reasons["pipe.txt"].startswith("pipe.txt is a named pipe (FIFO), not an ordinary")
    assert reasons["socket.md"].startswith("socket.md is a socket, not an ordinary file")
    assert reasons["loop.pdf"].startswith("loop.pdf is a link that leads round in a circle")
    assert "symlink loop" in reasons["loop.pdf"]
    assert again["indexed"] == [] and again["unchanged"] == 2
    assert {name: sentence for name, (_, sentence) in again["failed"].items()} == reasons
    assert time.monotonic() - started < 60  # seconds, not a hang killed at the timeout


def test_a_pipe_a_device_and_a_loop_given_by_themselves_are_named(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "loop").symlink_to("loop")

    result = index_in_child(
        tmp_path / "data", [tmp_path / "pipe", tmp_path / "loop", Path(os.devnull)]
    )

    assert result["indexed"] == [] and result["unchanged"] == 0
    kinds = {name: sentence.split(", not")[0] for name, (_, sentence) in result["failed"].items()}
    assert kinds == {
        "pipe": "pipe is a named pipe (FIFO)",
        "loop": "loop is a link that leads round in a circle (a symlink loop)",
        "null": "null is a device",
    }


def test_the_kind_is_checked_before_the_file_is_opened_or_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.pdf")
    with pytest.raises(NotAFileError, match="named pipe"):
        open_document(tmp_path / "pipe.pdf")  # a blocking open would wait here for a writer
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(DocumentAccessError, match="it is a folder"):
        extract(tmp_path / "folder.txt")
    with pytest.raises(DocumentAccessError, match="it is not there"):
        extract(tmp_path / "gone.txt")
    (tmp_path / "lease.txt").write_text("The rent.\n")
    with open_document(tmp_path / "lease.txt") as file:
        assert file.read() == b"The rent.\n"
