"""A window session that uses Sotto's real file dialogs, as a user would:

python -m tests.e2e.dialog_session DATA_DIR FOLDER

It exports a conversation into FOLDER and imports a model file from it, answering each
dialog by typing the path into Qt's file dialog, then quits. The test around it then looks
for FOLDER's name in every file under HOME and the data folder.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from desktop.app import build_main_window
from desktop.core.paths import AppPaths
from desktop.core.privacy.protect import protect_process
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener


def answer(kind: type, act: Callable[[object], None]) -> None:
    """Run *act* on the next visible dialog of *kind*, once it is shown."""

    def attempt() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)
                return
        QTimer.singleShot(50, attempt)

    QTimer.singleShot(0, attempt)


def choose(path: Path) -> Callable[[object], None]:
    def act(dialog: object) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(path.parent))  # as a user browsing into the folder
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert name is not None
        name.setText(path.name)
        dialog.accept()

    return act


def main(data_dir: Path, folder: Path) -> int:
    guard = protect_process()
    app = QApplication(sys.argv[:1])
    paths = AppPaths.resolve(data_dir).ensure()
    store = open_store(VaultOpener(paths).open(os.environ.get("SOTTO_PASSPHRASE")))
    conversation = store.create_conversation(model="starter")
    store.add_message(conversation.id, "user", "Draft the settlement terms")
    store.add_message(conversation.id, "assistant", "1. The parties agree.")
    window = build_main_window(paths, store, guard)
    window.show()
    window.open_conversation(conversation.id)

    answer(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    answer(QFileDialog, choose(folder / "terms.md"))
    exported = window.export_conversation()
    assert exported == folder / "terms.md" and exported.is_file(), exported

    answer(QFileDialog, choose(folder / "weights.gguf"))
    library = window.show_library()
    task = library.import_file()
    assert task is not None, "the import dialog was not answered"
    task.ended.connect(app.quit)
    app.exec()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
