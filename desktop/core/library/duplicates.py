"""Whether a model being added is one the library has already, under whatever file name:
the same bytes, told by size first and then by SHA-256, so that only a model of the same
size is ever hashed for it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop.core.library.digest import file_sha256
from desktop.core.library.installed import InstalledModel


def same_model(
    parts: Sequence[Path],
    installed: Sequence[InstalledModel],
    on_progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> InstalledModel | None:
    """The model of *installed* whose files hold the same bytes as *parts*, or None.

    A model recorded when it was added is compared with its recorded sizes and hashes; one
    that was not (copied into the folder by hand) is hashed from disk, only if its size is
    the same. *parts* are hashed (reporting *on_progress*) only when a model of their size
    is installed.

    Raises:
        OSError: a file could not be read.
        CancelledError: *cancelled* said so.
    """
    sizes = [part.stat().st_size for part in parts]
    candidates = [model for model in installed if model.present and _sizes(model) == sizes]
    if not candidates:
        return None
    done_before = 0

    def progress(done: int) -> None:
        if on_progress is not None:
            on_progress(done_before + done)

    digests = []
    for part, size in zip(parts, sizes, strict=True):
        digests.append(file_sha256(part, progress, cancelled))
        done_before += size
    for model in candidates:
        if model.recorded:
            theirs = [part.sha256 for part in model.recorded]
        else:
            theirs = [file_sha256(part, cancelled=cancelled) for part in model.parts]
        if theirs == digests:
            return model
    return None


def _sizes(model: InstalledModel) -> list[int]:
    if model.recorded:
        return [part.size for part in model.recorded]
    return [part.stat().st_size for part in model.parts]
