"""File dialogs that remember nothing: no folder a user chose is written down anywhere.

For a lawyer a matter's folder name is confidential. Qt's file dialog saves the last folder
it visited, and its history, in a settings file of its own (``~/.config/QtProject.conf``, or
the registry on Windows) that Sotto's forget-everything cannot see; a platform's native
dialog adds the file to the desktop's recent files (GTK's ``recently-used.xbel``, Windows'
recent items). So Sotto uses Qt's own dialog, points Qt's settings at a place where nothing
can be written, and clears what a platform stores in its registry after each dialog.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_OPTIONS = QFileDialog.Option.DontUseNativeDialog


def open_file(parent: QWidget | None, caption: str, filters: str) -> str:
    """The file the user chose to open, or "" if they cancelled."""
    _write_nothing()
    try:
        name, _ = QFileDialog.getOpenFileName(parent, caption, _start(), filters, "", _OPTIONS)
    finally:
        _forget()
    return name


def open_files(parent: QWidget | None, caption: str, filters: str) -> list[str]:
    """The files the user chose to open, or [] if they cancelled."""
    _write_nothing()
    try:
        names, _ = QFileDialog.getOpenFileNames(parent, caption, _start(), filters, "", _OPTIONS)
    finally:
        _forget()
    return names


def save_file(
    parent: QWidget | None, caption: str, suggested: str, filters: str
) -> tuple[str, str]:
    """The file the user chose to write (named *suggested* at first) and the filter chosen;
    ("", "") if they cancelled."""
    _write_nothing()
    try:
        start = os.path.join(_start(), suggested)
        return QFileDialog.getSaveFileName(parent, caption, start, filters, "", _OPTIONS)
    finally:
        _forget()


def existing_folder(parent: QWidget | None, caption: str) -> str:
    """The folder the user chose, or "" if they cancelled."""
    _write_nothing()
    try:
        options = _OPTIONS | QFileDialog.Option.ShowDirsOnly
        return QFileDialog.getExistingDirectory(parent, caption, _start(), options)
    finally:
        _forget()


def _start() -> str:
    """Where every dialog opens: the user's documents, never the last folder used."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def _write_nothing() -> None:
    # No file can be made inside the null device, so Qt's settings files are never written.
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, os.devnull)


def _forget() -> None:
    # Where the native format is a registry, the path above does not apply: clear the group.
    QSettings(QSettings.Scope.UserScope, "QtProject").remove("FileDialog")
