"""The model picker above the chat: the installed models, by name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.core.library.library import ModelLibrary


class ModelPicker(QComboBox):
    """The installed models whose files are present; each item's data is the file's path."""

    def __init__(self, library: ModelLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.setMinimumContentsLength(28)
        self.setToolTip(self.tr("The model that answers"))
        self.refill()

    def set_library(self, library: ModelLibrary) -> None:
        self._library = library
        self.refill()

    @Slot()
    def refill(self) -> None:
        """List the installed models again, keeping the one chosen if it is still there."""
        current = self.currentData()
        self.clear()
        for model in self._library.installed():
            if model.present:
                self.addItem(model.name, model.path)
        self.select(current)

    def select(self, path: Path | None) -> bool:
        """Show *path* as chosen; False if it is not listed."""
        index = self.findData(path) if path is not None else -1
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0

    def show_loading(self, path: Path) -> str:
        """Show *path* as chosen, listing it if it is not (a file loaded by path); return
        its name."""
        if not self.select(path):
            self.addItem(path.stem, path)
            self.setCurrentIndex(self.count() - 1)
        return self.currentText()

    def path_named(self, name: str) -> Path | None:
        """The file of the model listed as *name*, or None."""
        index = self.findText(name)
        path: Path | None = self.itemData(index) if index >= 0 else None
        return path
