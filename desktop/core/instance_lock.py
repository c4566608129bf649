"""One Sotto per data folder: a lock on a file in it, held while a window has the history open.

The operating system releases the lock when the process ends, however it ends, so a crash
never leaves the folder locked. A lock file that cannot be opened or locked fails closed:
whether another Sotto has the folder cannot be known then, so nothing that writes may go on.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.storage_errors import storage_error

_HELD = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK})
"""What locking a file another process has locked reports: flock's EWOULDBLOCK, and the
EACCES or EDEADLK of Windows' msvcrt.locking."""

# A link where the lock file should be would lock whatever it points to, and a FIFO would
# block the open: both refused.
_NO_SURPRISES = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_WRITE_FLAGS = os.O_RDWR | _NO_SURPRISES
_OPEN_FLAGS = _WRITE_FLAGS | os.O_CREAT
_READ_FLAGS = os.O_RDONLY | _NO_SURPRISES


class LockUnavailableError(UserError):
    """The folder's lock file cannot be opened or locked, so whether another Sotto has the
    history open cannot be known. Each subclass says why, and what to remove."""


class LockIsFolderError(LockUnavailableError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LockUnavailableError",
                "Sotto cannot tell whether another Sotto is using this history: {path} is a "
                "folder, where Sotto keeps an empty lock file. Nothing was changed. Remove that "
                "folder, then try again.",
            ),
            path=path,
        )


class LockNotYoursError(LockUnavailableError):
    def __init__(self, path: str, owner: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LockUnavailableError",
                "Sotto cannot tell whether another Sotto is using this history: you may not "
                "open its lock file {path}, which belongs to {owner}. Nothing was changed. The "
                "file is empty: remove it (as {owner}, if it is not yours, for example with "
                "sudo), then try again.",
            ),
            path=path,
            owner=owner,
        )


class LockUnusableError(LockUnavailableError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "LockUnavailableError",
                "Sotto cannot tell whether another Sotto is using this history: its lock file "
                "{path} cannot be used. Nothing was changed. Remove that file (Sotto makes it "
                "again, empty), then try again.",
            ),
            path=path,
        )


class InstanceLock:
    """This process's hold on a data folder.

    Attributes:
        path: the lock file (it holds nothing; only the lock on it counts).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, create: bool = True) -> bool:
        """Take the folder; False if another process holds it.

        With *create* False, a folder without a lock file is free and nothing is held (a
        window makes the file before it opens the history): a command that only opens the
        vault a moment leaves no file behind.

        Raises:
            LockUnavailableError: the lock file is there but cannot be opened or locked (a
                folder, another user's file, not a plain file).
            StorageError: the lock file cannot be made (a read-only folder, a full disk).
        """
        if self._fd is not None:
            return True
        fd = self._open(create)
        if fd is None:
            return True
        try:
            kind = os.fstat(fd).st_mode
            if stat.S_ISDIR(kind):
                raise LockIsFolderError(str(self.path))
            if not stat.S_ISREG(kind):
                raise LockUnusableError(str(self.path))
            _lock(fd)
        except OSError as error:
            os.close(fd)
            if error.errno in _HELD:
                return False
            unusable = LockUnusableError(str(self.path))
            unusable.details = str(error)
            raise unusable from error
        except LockUnavailableError:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None

    def _open(self, create: bool) -> int | None:
        try:
            return os.open(self.path, _OPEN_FLAGS if create else _WRITE_FLAGS, 0o600)
        except OSError as error:
            if not create and error.errno == errno.ENOENT:
                return None
            made = error
        try:
            # Locking needs no right to write: a lock file only readable (another user's, a
            # read-only disk) still tells whether another Sotto has the folder.
            return os.open(self.path, _READ_FLAGS)
        except OSError as error:
            raise self._unavailable(made if error.errno == errno.ENOENT else error) from error

    def _unavailable(self, error: OSError) -> UserError:
        """Why the lock file could not be opened: its own sentence where it is there, the
        folder's (read-only, full) where it could not be made."""
        try:
            there = os.lstat(self.path)
        except OSError:
            return storage_error(self.path.parent, error)
        found: UserError
        if error.errno in (errno.EACCES, errno.EPERM) and (owner := _owner(there)):
            found = LockNotYoursError(str(self.path), owner)
        else:
            found = LockUnusableError(str(self.path))
        found.details = str(error)
        return found


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _owner(there: os.stat_result) -> str:
        return ""  # Windows keeps no owner in a file's status: the plainer sentence then

else:
    import fcntl
    import pwd

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _owner(there: os.stat_result) -> str:
        try:
            return pwd.getpwuid(there.st_uid).pw_name
        except KeyError:  # a user this system no longer knows, seen by number alone
            return str(there.st_uid)
