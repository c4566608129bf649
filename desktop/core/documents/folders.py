"""The documents a collection's files and folders hold, as found on disk: the files Sotto
reads, the links that lead out of their folder, and the folders that cannot be reached.

Nothing here opens a file: a path's kind is found by ``stat`` alone, so a named pipe or a
device is found like any file, and reading it (``extract.open_document``) says what it is.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.documents.errors import LinkOutsideError
from desktop.core.documents.extract import SUPPORTED_SUFFIXES


@dataclass
class Found:
    """What a collection's sources hold.

    Attributes:
        files: the documents Sotto reads, sorted: in folders, those with a document's suffix;
            a file added by itself, whatever it is (a pipe, a link that leads nowhere).
        outside: the links that lead out of the folder they are in, each with why it is
            not followed.
        missing: the sources that are not there (or cannot be reached), in order.
        unlisted: the folders whose files could not be listed (not allowed, a failing
            disk), in the order met.
    """

    files: list[Path] = field(default_factory=list)
    outside: dict[Path, LinkOutsideError] = field(default_factory=dict)
    missing: list[Path] = field(default_factory=list)
    unlisted: list[Path] = field(default_factory=list)

    def unlisted_folder(self, error: OSError) -> None:
        """``os.walk`` could not list a folder: *error* names it."""
        self.unlisted.append(Path(error.filename))


def find_files(sources: Sequence[Path]) -> Found:
    """The documents Sotto reads among *sources* (files, and folders searched through):
    hidden files and folders, and Office's lock files (``~$``), are left out; links out of
    their folder are set apart."""
    found: set[Path] = set()
    result = Found()
    for source in sources:
        if not os.path.isdir(source):
            if os.path.lexists(source):  # whatever it is: the user chose it
                found.add(source)
            else:
                result.missing.append(source)
            continue
        for folder, folders, files in os.walk(source, onerror=result.unlisted_folder):
            folders[:] = [name for name in folders if not name.startswith(".")]
            # A link to a folder is listed in folders, and not walked into.
            readable = {name for name in files if Path(name).suffix.lower() in SUPPORTED_SUFFIXES}
            for name in [*folders, *readable]:
                path = Path(folder, name)
                if not _wanted(name):
                    continue
                # realpath, not resolve: a link that leads round in a circle gets a path too,
                # and reading it says so.
                target = Path(os.path.realpath(path)) if path.is_symlink() else path
                if not target.is_relative_to(source):
                    result.outside[path] = LinkOutsideError(name, str(target), str(source))
                elif name in readable:
                    found.add(path)
    result.files = sorted(found)
    return result


def kept_folders(found: Found, known: Sequence[Path]) -> list[Path]:
    """The folders whose documents are kept although their files were not found: those that
    could not be listed, and the sources not there that held documents (a drive not
    connected, a folder renamed) or whose own folder cannot be reached. A file added by
    itself and gone from a folder that is there was deleted, and is not kept."""
    kept = list(found.unlisted)
    for source in found.missing:
        held = any(path != source and path.is_relative_to(source) for path in known)
        if held or not os.path.isdir(source.parent):
            kept.append(source)
    return kept


def kept_in(path: Path, folders: Sequence[Path]) -> bool:
    """Whether *path* is, or is in, one of *folders*."""
    return any(path.is_relative_to(folder) for folder in folders)


def _wanted(name: str) -> bool:
    return not name.startswith((".", "~$"))
