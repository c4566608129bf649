"""Real storage failures for tests: a small disk that fills up, a read-only folder, a file
damaged in place.

The disks are mounts (a tmpfs, a read-only bind mount), which need root or CAP_SYS_ADMIN; where
mounting is refused the test is skipped with the reason, never faked.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SMALL_DISK = "3m"
"""A disk so small that a few test vaults fill it, as a nearly full one is for a user."""


def _mount(*arguments: str) -> None:
    result = subprocess.run(["mount", *arguments], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(
            f"this machine does not allow mounting (mount {' '.join(arguments)}: "
            f"{result.stderr.strip() or result.returncode}), so a real full or read-only disk "
            "cannot be made here"
        )


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "--lazy", str(folder)], check=True)


@contextmanager
def small_disk(folder: Path) -> Iterator[Path]:
    """*folder* on a disk of its own, ``SMALL_DISK`` in all (a tmpfs), unmounted after."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={SMALL_DISK},mode=0700", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _unmount(folder)


@contextmanager
def read_only_view(folder: Path, view: Path) -> Iterator[Path]:
    """*folder* seen at *view* through a read-only bind mount, unmounted after."""
    view.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(folder), str(view))
    try:
        _mount("-o", "remount,bind,ro", str(view))
        yield view
    finally:
        _unmount(view)


def fill(folder: Path) -> Path:
    """Write a file in *folder* until its disk has no byte left; return the file, whose
    removal frees the disk again."""
    filler = folder / "filler"
    chunk = bytes(64 * 1024)
    with filler.open("wb", buffering=0) as file:
        while len(chunk):
            try:
                file.write(chunk)
            except OSError as error:
                if error.errno != errno.ENOSPC:
                    raise
                chunk = chunk[: len(chunk) // 2]
    assert os.statvfs(folder).f_bavail == 0
    return filler


def flip_a_byte(file: Path) -> None:
    """Damage *file* as a failing disk does: one bit of its middle byte changed, in place."""
    with file.open("r+b") as opened:
        opened.seek(file.stat().st_size // 2)
        byte = opened.read(1)[0]
        opened.seek(-1, os.SEEK_CUR)
        opened.write(bytes([byte ^ 0x01]))


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file directly in *folder* (a vault, its record, anything SQLite left beside)."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}
