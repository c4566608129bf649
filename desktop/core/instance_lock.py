"""One Sotto per data folder: a lock on a file in it, held while a window has the history open.

The operating system releases the lock when the process ends, however it ends, so a crash
never leaves the folder locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class InstanceLock:
    """This process's hold on a data folder.

    Attributes:
        path: the lock file (it holds nothing; only the lock on it counts).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the folder; False if another process holds it.

        Raises:
            OSError: the lock file cannot be created (a read-only folder, a full disk).
        """
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
