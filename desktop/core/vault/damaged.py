"""A damaged vault: keep a copy of it as it is, then start afresh under the same key.

The key stays in its keyring (and a passphrase vault's record goes with the copy), so the
copy can still be read by whoever repairs it; the new, empty history is made with the same
key, as ``VaultOpener`` does with a key it finds already kept.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from desktop.core.paths import AppPaths
from desktop.core.storage_errors import storage_error
from desktop.core.vault.database import database_files


def save_copy(paths: AppPaths, folder: Path) -> list[Path]:
    """Copy the vault's files, byte for byte, into *folder*; return the copies.

    The database and what SQLite keeps beside it go, with the bootstrap record (no secret,
    but a passphrase vault's salt is in it). A file of the same name in *folder* is never
    overwritten.

    Raises:
        FileExistsError: *folder* already holds a file of one of those names (nothing was
            copied).
        OSError: a file could not be read or written (the copies made are removed).
    """
    kept = (*database_files(paths.vault_path), paths.bootstrap_path)
    sources = [path for path in kept if path.exists()]
    targets = [folder / path.name for path in sources]
    for target in targets:
        if target.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    copied: list[Path] = []
    try:
        for source, target in zip(sources, targets, strict=True):
            with source.open("rb") as reading, target.open("xb") as writing:
                copied.append(target)
                shutil.copyfileobj(reading, writing)
    except OSError:
        for target in copied:
            target.unlink(missing_ok=True)
        raise
    return copied


def start_afresh(paths: AppPaths) -> None:
    """Remove the vault's database and its record, keeping the key: the next open makes a
    new, empty history as on a first start.

    Raises:
        StorageError: a file could not be removed (a read-only folder).
    """
    for path in (*database_files(paths.vault_path), paths.bootstrap_path):
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise storage_error(paths.data_dir, error) from error
