"""Downloading a model from the hub: verified against the hub's SHA-256, resumable, atomic.

The bytes go to ``models_dir/.partial/<sha256>.part``, named after the content they should
become, so a download cut by a lost connection or by closing the app resumes where it stopped
the next time the same file is asked for. A model lands in ``models_dir`` only once every part
of it is verified, its first part (the name it is loaded by) last, so a half or corrupt file is
never offered as a model.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from desktop.core.durable import sync_folder
from desktop.core.library.digest import CancelledError, file_sha256
from desktop.core.library.errors import (
    AlreadyInstalledError,
    DiskFullError,
    DownloadInterruptedError,
    DownloadVerificationError,
    NoHashOnHubError,
    NotEnoughDiskError,
)
from desktop.core.library.hub import ConnectionCutError, HubClient, HubFile, HubModel
from desktop.core.throttle import Throttle
from desktop.core.units import Bytes

PARTIAL_DIR = ".partial"

DISK_MARGIN = 64 * 1024 * 1024
"""Space left free beyond the model: a disk filled to the last byte breaks other programs."""

_PROGRESS_INTERVAL = 0.2
_RATE_WINDOW = 3.0
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}  # no quotas on Windows


@dataclass(frozen=True)
class Progress:
    """How far a download has come.

    Attributes:
        done: bytes of the model on disk, over all its parts (those of an earlier attempt too).
        total: bytes of the whole model.
        bytes_per_second: the speed over the last few seconds.
        seconds_left: at that speed, or None while there is no speed to tell.
    """

    done: int
    total: int
    bytes_per_second: float
    seconds_left: float | None


def _ignore(progress: Progress) -> None:
    del progress


def _never() -> bool:
    return False


def _free_space(folder: Path) -> int:
    return shutil.disk_usage(folder).free


class _Meter:
    """Counts the bytes of a download and tells ``on_progress``, at most five times a second."""

    def __init__(self, done: int, total: int, on_progress: Callable[[Progress], None]) -> None:
        self.done = done
        self.total = total
        self._on_progress = on_progress
        self._samples: deque[tuple[float, int]] = deque([(time.monotonic(), done)])
        self._telling = Throttle(_PROGRESS_INTERVAL)

    def add(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        self._samples.append((now, self.done))
        while len(self._samples) > 2 and now - self._samples[1][0] >= _RATE_WINDOW:
            self._samples.popleft()
        if self._telling.due(now):
            self.tell()

    def restart_part(self, lost: int) -> None:
        """The hub sent a part from its start again: the *lost* bytes of it count no more."""
        self.done -= lost
        self._samples = deque([(time.monotonic(), self.done)])

    def tell(self) -> None:
        (first_time, first_done), (last_time, last_done) = self._samples[0], self._samples[-1]
        elapsed = last_time - first_time
        rate = (last_done - first_done) / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else None
        self._on_progress(Progress(self.done, self.total, rate, left))


def partial_path(models_dir: Path, file: HubFile) -> Path:
    """Where the bytes of *file* are kept until the whole model is verified."""
    return models_dir / PARTIAL_DIR / f"{file.sha256}.part"


def partial_bytes(models_dir: Path, model: HubModel) -> int:
    """Bytes of *model* an earlier, unfinished download has already fetched."""
    done = 0
    for part in model.parts:
        if part.sha256 is None:
            continue
        try:
            size = partial_path(models_dir, part).stat().st_size
        except FileNotFoundError:
            continue
        done += size if size <= part.size else 0
    return done


def discard_partial(models_dir: Path, model: HubModel) -> None:
    """Delete what an unfinished download of *model* has fetched."""
    for part in model.parts:
        if part.sha256 is not None:
            partial_path(models_dir, part).unlink(missing_ok=True)


def download_model(
    client: HubClient,
    model: HubModel,
    models_dir: Path,
    *,
    on_progress: Callable[[Progress], None] = _ignore,
    cancelled: Callable[[], bool] = _never,
    paused: Callable[[], bool] = _never,
    free_space: Callable[[Path], int] = _free_space,
) -> Path:
    """Download, verify and install *model* in *models_dir*; return its first part's path.

    What an earlier attempt fetched is reused. Run it on a worker thread: it takes as long
    as the download.

    Args:
        on_progress: told how far it has come, at most five times a second, and once at the end.
        cancelled: asked before each chunk; when it returns True the download stops and
            what was fetched is deleted.
        paused: asked before each chunk; when it returns True the download stops as if the
            connection had been cut, keeping what was fetched (the app is closing).
        free_space: the free bytes of the disk holding a folder.

    Raises:
        AlreadyInstalledError: a model of that file name is installed already.
        NoHashOnHubError: the hub has no SHA-256 for a part, so it cannot be verified.
        NotEnoughDiskError: the model does not fit on the disk; nothing was fetched.
        OfflineModeError: offline mode is on.
        HubUnreachableError, HubRepoNotFoundError, HubFileNotFoundError: the hub's answer.
        DownloadInterruptedError: the connection was lost; what was fetched is kept.
        DiskFullError: the disk filled up; what was fetched is kept.
        DownloadVerificationError: a part is not what the hub's record says; it was deleted.
        CancelledError: *cancelled* said so; what was fetched was deleted.
    """
    installed = models_dir / model.file_name
    if installed.exists():
        raise AlreadyInstalledError(model.file_name)
    for part in model.parts:
        if part.sha256 is None:
            raise NoHashOnHubError(part.name)
    partials = models_dir / PARTIAL_DIR
    partials.mkdir(mode=0o700, parents=True, exist_ok=True)
    partials.chmod(0o700)
    for part in model.parts:
        _drop_oversized(partial_path(models_dir, part), part.size)
    fetched = partial_bytes(models_dir, model)
    needed = model.size - fetched + DISK_MARGIN
    free = free_space(models_dir)
    if free < needed:
        raise NotEnoughDiskError(Bytes(needed), Bytes(free), str(models_dir))

    meter = _Meter(fetched, model.size, on_progress)
    try:
        for part in model.parts:
            _fetch_part(client, model, part, models_dir, meter, cancelled, paused)
    except CancelledError:
        discard_partial(models_dir, model)
        raise
    # The first part last: until it is in place, the model is not offered.
    for part in (*model.parts[1:], model.parts[0]):
        path = partial_path(models_dir, part)
        with path.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(path, models_dir / PurePosixPath(part.name).name)
    sync_folder(models_dir)
    meter.tell()
    return installed


def _fetch_part(
    client: HubClient,
    model: HubModel,
    part: HubFile,
    models_dir: Path,
    meter: _Meter,
    cancelled: Callable[[], bool],
    paused: Callable[[], bool],
) -> None:
    """Complete the partial file of *part* from the hub, and verify it against its hash."""
    path = partial_path(models_dir, part)
    digest = hashlib.sha256()
    have = 0
    if path.exists():
        file_sha256(path, cancelled=cancelled, into=digest)
        have = path.stat().st_size
    if have < part.size:
        with client.fetch(part, have) as transfer:
            if transfer.start != have:
                meter.restart_part(have)
                digest, have = hashlib.sha256(), 0
            try:
                with path.open("ab" if have else "wb") as file:
                    for chunk in transfer.chunks:
                        if cancelled():
                            raise CancelledError
                        if paused():
                            raise ConnectionCutError("the app is closing")
                        if have + len(chunk) > part.size:
                            break  # more bytes than the hub's record: refused below
                        file.write(chunk)
                        digest.update(chunk)
                        have += len(chunk)
                        meter.add(len(chunk))
                    else:
                        if have < part.size:
                            # The answer ended early without an error: nothing says the
                            # bytes are wrong, so they are kept to resume from.
                            raise ConnectionCutError("the answer ended early")
            except ConnectionCutError as error:
                raise DownloadInterruptedError(
                    model.file_name, Bytes(meter.done), Bytes(meter.total)
                ) from error
            except OSError as error:
                if error.errno in _DISK_FULL:
                    raise DiskFullError(str(models_dir)) from error
                raise
    if have != part.size or digest.hexdigest() != part.sha256:
        path.unlink(missing_ok=True)
        raise DownloadVerificationError(PurePosixPath(part.name).name)


def _drop_oversized(path: Path, size: int) -> None:
    """Delete a partial file longer than the file it should become: it cannot be resumed."""
    try:
        if path.stat().st_size > size:
            path.unlink()
    except FileNotFoundError:
        pass
