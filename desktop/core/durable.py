"""Writing a file whole, so that a crash or a full disk leaves the old one or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_whole(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file beside *path* with *write* (mode 0600), flush it to disk, then rename it
    onto *path*. Whatever fails, the temporary file is removed and *path* is as it was.

    Raises:
        OSError: the folder cannot be written (full, read-only), or *path* is a folder.
    """
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush *folder*'s entries, so a rename into it is on disk (POSIX; Windows cannot open
    folders, and its renames need no such step)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
