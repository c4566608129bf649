"""The model picker above the chat, a compact chip: the installed models, by their names in
human words (the file's name in the tooltip), then the models of the user's servers, marked
as remote."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QWidget

from desktop.core.library.library import ModelLibrary
from desktop.core.library.names import display_name
from desktop.core.modelfile.model_info import model_name
from desktop.core.remote.server import RemoteModel
from desktop.core.remote.server_store import ServerStore
from desktop.ui.chat.chip_box import ChipBox


class ModelPicker(ChipBox):
    """The installed chat models whose files are present, each item's data the file's path;
    then, after a separator, the models of the user's servers, each item's data a
    ``RemoteModel``. Embedding models, which write no replies, are left out."""

    def __init__(
        self, library: ModelLibrary, servers: ServerStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._servers = servers
        self.setAccessibleName(self.tr("The model that answers"))
        self.currentIndexChanged.connect(self._show_tip)
        self.refill()

    def set_library(self, library: ModelLibrary, servers: ServerStore) -> None:
        """List the models of another history (a new one, after forgetting everything)."""
        self._library = library
        self._servers = servers
        self.refill()

    @Slot()
    def refill(self) -> None:
        """List the models again, keeping the one chosen if it is still there."""
        current = self.currentData()
        self.clear()
        for model in self._library.installed():
            if model.present and not model.for_documents:
                self._add_file(model.path)
        remote = self._servers.remote_models()
        if remote and self.count():
            self.insertSeparator(self.count())
        for remote_model in remote:
            host = remote_model.host
            self.addItem(
                self.tr("{name} (remote, {host})").format(name=remote_model.name, host=host),
                remote_model,
            )
            self.setItemData(
                self.count() - 1,
                self.tr("Messages to this model are sent to {host}").format(host=host),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.select(current)

    def select(self, chosen: Path | RemoteModel | None) -> bool:
        """Show *chosen* (a model file, or a server's model) as chosen; False if it is not
        listed."""
        index = self.findData(chosen) if chosen is not None else -1
        if index >= 0:
            self.setCurrentIndex(index)
        return index >= 0

    def show_loading(self, path: Path) -> str:
        """Show *path* as chosen, listing it if it is not (a file loaded by path); return
        its name."""
        if not self.select(path):
            self._add_file(path)
            self.setCurrentIndex(self.count() - 1)
        return self.currentText()

    def local_models(self) -> list[tuple[str, Path]]:
        """The models listed that are files here, as (name, path), in the list's order."""
        listed = [(self.itemText(i), self.itemData(i)) for i in range(self.count())]
        return [(name, data) for name, data in listed if isinstance(data, Path)]

    def path_named(self, name: str) -> Path | None:
        """The file of the model called *name* (its file's name, as the history keeps it, or
        its name as listed), or None."""
        for index in range(self.count()):
            data = self.itemData(index)
            if isinstance(data, Path) and name in (model_name(data), self.itemText(index)):
                return data
        return None

    def remote_named(self, name: str) -> RemoteModel | None:
        """The server's model called *name* (``server/model``), if it is listed."""
        for index in range(self.count()):
            data = self.itemData(index)
            if isinstance(data, RemoteModel) and data.name == name:
                return data
        return None

    def _add_file(self, path: Path) -> None:
        self.addItem(display_name(path), path)
        self.setItemData(self.count() - 1, path.name, Qt.ItemDataRole.ToolTipRole)

    @Slot()
    def _show_tip(self) -> None:
        """The model that answers, and its file's name (or the server it is on)."""
        tip = self.itemData(self.currentIndex(), Qt.ItemDataRole.ToolTipRole)
        answers = self.tr("The model that answers")
        self.setToolTip(f"{answers}\n{tip}" if tip else answers)
