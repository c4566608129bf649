"""When Sotto cannot write its own files: a full disk, a read-only folder, a failing disk.

The window and the command line both meet these wherever they save (the vault, its record,
the folders themselves), so each gets one sentence and a way forward, told by the one
function below from what the system reported.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP

FULL_BELOW = 1 << 20
"""A disk with less free space than this counts as full. SQLite reports a write that failed
for want of space in its -shm file as an I/O error, not as "full", so the space left decides."""

_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
_NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


class StorageError(UserError):
    """Sotto could not write (or read) its own files because of the disk or folder, not
    because of anything in them. What was saved before is unchanged."""


class StorageFullError(StorageError):
    """The disk that holds the folder has no room left."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "StorageFullError",
                "The disk that holds {folder} is full, so Sotto could not save there. What "
                "was saved before is safe: free up some space on that disk, then try again.",
            ),
            folder=folder,
        )


class ReadOnlyFolderError(StorageError):
    """The folder, or the disk it is on, may not be written to."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ReadOnlyFolderError",
                "Sotto may not write to {folder}: the folder or its disk is read-only. Make "
                "it writable for your user (for example, mount the disk read-write), then "
                "start Sotto again.",
            ),
            folder=folder,
        )


class DiskFailedError(StorageError):
    """The disk reported an error that is neither a full disk nor a read-only one."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DiskFailedError",
                "The disk that holds {folder} reported an error, so Sotto could not read or "
                "write its files there. Check that the disk is connected and working, then "
                "try again.",
            ),
            folder=folder,
        )


def storage_error(folder: Path, error: Exception) -> StorageError:
    """The sentence for *error*, a failed read or write in *folder* (an ``OSError``, or
    SQLite's): from the system's error number where it gave one that says, else from the
    state of the folder and its disk now. What the system said goes to ``details``."""
    found = _storage_error(folder, getattr(error, "errno", None))
    found.details = str(error)
    return found


def _storage_error(folder: Path, number: int | None) -> StorageError:
    if number in _FULL:
        return StorageFullError(str(folder))
    if number in _NOT_WRITABLE:
        return ReadOnlyFolderError(str(folder))
    existing = next(path for path in (folder, *folder.parents) if path.exists())
    if not os.access(existing, os.W_OK):
        return ReadOnlyFolderError(str(folder))
    if shutil.disk_usage(existing).free < FULL_BELOW:
        return StorageFullError(str(folder))
    return DiskFailedError(str(folder))
