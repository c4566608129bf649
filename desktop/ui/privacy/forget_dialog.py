"""Privacy → Forget everything…: the one confirmation before every trace is removed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget


def confirm_forget_everything(parent: QWidget) -> bool | None:
    """Ask once. None if the user declined; else whether to delete the models too."""

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ForgetDialog", "Forget everything"),
        QCoreApplication.translate(
            "ForgetDialog",
            "Delete every conversation, setting and cache of Sotto for good? The key of "
            "your history is destroyed first, so no copy of it can ever be read again. "
            "Offline mode alone stays on if it is on, until you turn it off.\n\n"
            "The models you downloaded or imported are kept, with their file names, "
            "unless you tick the box below.",
        ),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    models = QCheckBox(
        QCoreApplication.translate(
            "ForgetDialog", "Also delete the models I downloaded or imported"
        )
    )
    box.setCheckBox(models)
    forget = box.addButton(
        QCoreApplication.translate("ForgetDialog", "Forget everything"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return models.isChecked() if box.clickedButton() is forget else None
