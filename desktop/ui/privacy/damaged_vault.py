"""A damaged history at start: say so, offer to keep a copy of it, and to start afresh."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.errors import FileAccessError, UserError
from desktop.core.paths import AppPaths
from desktop.core.vault.damaged import save_copy, start_afresh
from desktop.text.messages import user_message
from desktop.ui.widgets.file_dialogs import existing_folder


def start_afresh_after_damage(paths: AppPaths, error: UserError) -> bool:
    """Explain that the history cannot be read; True once the user started afresh.

    Nothing is written to the damaged file, or beside it, until the user chooses to start
    afresh: saving a copy writes only where they choose.
    """
    while True:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("DamagedVault", "Sotto"),
            user_message(error),
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "DamagedVault",
                "Save a copy keeps the damaged file as it is, in a folder you choose; its key "
                "stays where it is, so it can still be read if it is repaired. Start afresh "
                "then removes it from Sotto's folder and begins a new, empty history.",
            )
        )
        quit_button = box.addButton(
            QCoreApplication.translate("DamagedVault", "Quit"), QMessageBox.ButtonRole.RejectRole
        )
        copy_button = box.addButton(
            QCoreApplication.translate("DamagedVault", "Save a copy…"),
            QMessageBox.ButtonRole.ActionRole,
        )
        afresh_button = box.addButton(
            QCoreApplication.translate("DamagedVault", "Start afresh…"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.setDefaultButton(quit_button)
        box.exec()
        if box.clickedButton() is copy_button:
            _save_copy(paths)
        elif box.clickedButton() is not afresh_button:
            return False
        elif _start_afresh(paths):
            return True


def _save_copy(paths: AppPaths) -> None:
    folder = existing_folder(
        None, QCoreApplication.translate("DamagedVault", "Save a copy of the damaged history")
    )
    if not folder:
        return
    try:
        save_copy(paths, Path(folder))
    except FileExistsError as failure:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("DamagedVault", "Sotto"),
            QCoreApplication.translate(
                "DamagedVault",
                "{file} is already there, and Sotto never writes over a file. Choose another "
                "folder.",
            ).format(file=failure.filename),
        )
        return
    except OSError as failure:
        QMessageBox.warning(
            None,
            QCoreApplication.translate("DamagedVault", "Sotto"),
            user_message(FileAccessError.of(failure)),
        )
        return
    QMessageBox.information(
        None,
        QCoreApplication.translate("DamagedVault", "Sotto"),
        QCoreApplication.translate(
            "DamagedVault",
            "The damaged history is copied to {folder}, with the record of how its key is "
            "kept. Keep that folder as it is for a repair.",
        ).format(folder=folder),
    )


def _start_afresh(paths: AppPaths) -> bool:
    confirm = QMessageBox.warning(
        None,
        QCoreApplication.translate("DamagedVault", "Start afresh"),
        QCoreApplication.translate(
            "DamagedVault",
            "Remove the damaged history from Sotto's folder for good and start a new, empty "
            "one? A copy you saved is kept.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if confirm != QMessageBox.StandardButton.Yes:
        return False
    try:
        start_afresh(paths)
    except UserError as failure:
        QMessageBox.warning(
            None, QCoreApplication.translate("DamagedVault", "Sotto"), user_message(failure)
        )
        return False
    return True
