"""SHA-256 of a file, read in chunks so progress shows and the work can be stopped: a model
file by its path, or a document from the file already opened and checked for its kind."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

CHUNK = 4 * 1024 * 1024


class CancelledError(Exception):
    """The user stopped the work; whatever it was writing has been cleaned up."""


def file_sha256(
    path: Path,
    on_progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    into: hashlib._Hash | None = None,
    copy_to: BinaryIO | None = None,
) -> str:
    """The hex SHA-256 of the file at *path* (copied on the way, if *copy_to* is given).

    Args:
        on_progress: called with the bytes read so far after each chunk.
        cancelled: checked before each chunk; when it returns True, ``CancelledError`` is raised.
        into: a hash to feed instead of a new one (to go on hashing what is appended later).
        copy_to: a file that each chunk is also written to, so a copy is hashed in one pass.

    Raises:
        OSError: the file cannot be read (or *copy_to* written).
        CancelledError: *cancelled* said so.
    """
    with path.open("rb") as file:
        return stream_sha256(file, on_progress, cancelled, into, copy_to)


def stream_sha256(
    file: BinaryIO,
    on_progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    into: hashlib._Hash | None = None,
    copy_to: BinaryIO | None = None,
) -> str:
    """The hex SHA-256 of what is left to read of the open *file* (arguments and errors as
    ``file_sha256``'s): a document is hashed from the one descriptor its text is read from."""
    digest = into if into is not None else hashlib.sha256()
    done = 0
    while True:
        if cancelled is not None and cancelled():
            raise CancelledError
        chunk = file.read(CHUNK)
        if not chunk:
            break
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
        done += len(chunk)
        if on_progress is not None:
            on_progress(done)
    return digest.hexdigest()
