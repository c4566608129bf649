"""Bringing a GGUF file from disk into the library: checked, hashed, and copied or referenced."""

from __future__ import annotations

import errno
import os
import shutil
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.core.durable import sync_folder
from desktop.core.library.digest import CancelledError, file_sha256
from desktop.core.library.download import PARTIAL_DIR
from desktop.core.library.duplicates import same_model
from desktop.core.library.errors import (
    AlreadyInstalledError,
    DiskFullError,
    DuplicateModelError,
    NotEnoughDiskError,
)
from desktop.core.library.index import FilePart
from desktop.core.library.installed import InstalledModel
from desktop.core.library.names import display_name
from desktop.core.modelfile.model_info import describe, model_name
from desktop.core.units import Bytes

ImportProgress = Callable[[int, int], None]
"""Called with (bytes done, bytes in all) as a file is hashed or copied."""


def import_files(
    source: Path,
    models_dir: Path,
    *,
    copy: bool,
    installed: Sequence[InstalledModel] = (),
    on_progress: ImportProgress = lambda done, total: None,
    cancelled: Callable[[], bool] = lambda: False,
    free_space: Callable[[Path], int] = lambda folder: shutil.disk_usage(folder).free,
) -> tuple[Path, tuple[FilePart, ...]]:
    """Check the model at *source*, hash it, and copy it into *models_dir* if *copy*.

    Every part of a split model comes along. A copy is written beside the models first and
    renamed into place only when whole, the first part last, so a half copy is never offered.
    A model that is one of *installed* under another name is refused before anything is
    copied. Nothing here touches the vault: the caller records the result.

    Returns:
        the model's (first) file where it now is, and each part's name, size and SHA-256.

    Raises:
        ModelMissingError, NotGGUFError, ModelCorruptError, ModelTruncatedError: *source*
            is not a usable model (nothing was copied).
        AlreadyInstalledError: a model of the same file name is in *models_dir*.
        DuplicateModelError: the same file is one of *installed* already (nothing was copied).
        NotEnoughDiskError, DiskFullError: no room for the copy (nothing is left behind).
        CancelledError: *cancelled* said so (nothing is left behind).
        OSError: the file could not be read.
    """
    info = describe(source)
    sizes = [part.stat().st_size for part in info.parts]
    total = sum(sizes)
    done_before = 0

    def progress(done: int) -> None:
        on_progress(done_before + done, total)

    same = same_model(info.parts, installed, progress, cancelled)
    if same is not None:
        raise DuplicateModelError(display_name(same.path))
    if not copy:
        parts = []
        for part, size in zip(info.parts, sizes, strict=True):
            sha = file_sha256(part, progress, cancelled)
            parts.append(FilePart(part.name, size, sha))
            done_before += size
        return info.parts[0].resolve(), tuple(parts)

    targets = [models_dir / part.name for part in info.parts]
    if any(target.exists() for target in targets):
        raise AlreadyInstalledError(model_name(targets[0]))
    models_dir.mkdir(parents=True, exist_ok=True)
    free = free_space(models_dir)
    if free < total:
        raise NotEnoughDiskError(Bytes(total), Bytes(free), str(models_dir))
    staging = models_dir / PARTIAL_DIR
    staging.mkdir(mode=0o700, exist_ok=True)
    copies = [staging / f"import-{uuid.uuid4().hex}.part" for _ in info.parts]
    try:
        parts = []
        for part, size, copied in zip(info.parts, sizes, copies, strict=True):
            with copied.open("wb") as out:
                sha = file_sha256(part, progress, cancelled, copy_to=out)
                out.flush()
                os.fsync(out.fileno())
            parts.append(FilePart(part.name, size, sha))
            done_before += size
    except OSError as error:
        _discard(copies)
        if error.errno == errno.ENOSPC:
            raise DiskFullError(str(models_dir)) from error
        raise
    except CancelledError:
        _discard(copies)
        raise
    for copied, target in reversed(list(zip(copies, targets, strict=True))):
        os.replace(copied, target)
    sync_folder(models_dir)
    return targets[0], tuple(parts)


def _discard(copies: list[Path]) -> None:
    for copied in copies:
        copied.unlink(missing_ok=True)
