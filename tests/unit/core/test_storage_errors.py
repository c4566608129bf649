"""Which sentence a failed write gets: the system's error number decides, else the folder."""

from __future__ import annotations

import errno
from pathlib import Path

from desktop.core.storage_errors import (
    DiskFailedError,
    ReadOnlyFolderError,
    StorageFullError,
    storage_error,
)


def test_the_error_number_decides_and_the_systems_words_go_to_details(tmp_path: Path) -> None:
    full = storage_error(tmp_path, OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(full, StorageFullError)
    assert str(tmp_path) in str(full) and "No space left" not in str(full)
    assert full.details == "[Errno 28] No space left on device"
    assert isinstance(
        storage_error(tmp_path, OSError(errno.EROFS, "Read-only")), ReadOnlyFolderError
    )
    assert isinstance(storage_error(tmp_path, OSError(errno.EACCES, "Denied")), ReadOnlyFolderError)


def test_without_a_telling_number_a_writable_roomy_folder_means_a_failing_disk(
    tmp_path: Path,
) -> None:
    failed = storage_error(tmp_path, OSError(errno.EIO, "Input/output error"))
    assert isinstance(failed, DiskFailedError)
    assert isinstance(
        storage_error(tmp_path / "not" / "made", RuntimeError("disk I/O error")), DiskFailedError
    )
