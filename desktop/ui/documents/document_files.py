"""A collection's files in the Documents window: each with its pages and status, why the one
selected could not be read, in full, and the folders the last update could not reach (whose
files are kept as they were read)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents.folders import kept_in
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.records import FAILED, INDEXED, DocumentRecord
from desktop.text.documents import failure_sentence, unavailable_sentence

_FILE, _PAGES, _STATUS = range(3)
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
"""How a column of numbers and its header are aligned, so each number sits under its own."""


class DocumentFiles(QWidget):
    """The files of one collection.

    Attributes:
        unavailable: the folders the last update could not reach, and why their files are
            kept (hidden when there are none).
        tree: the files (shown from the folder added that holds them), pages and status.
        reason: why the selected file could not be read, in the user's language.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unavailable = QLabel()
        self.unavailable.setWordWrap(True)
        self.unavailable.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.unavailable.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("DocumentsWindow", "File"),
                QCoreApplication.translate("DocumentsWindow", "Pages"),
                QCoreApplication.translate("DocumentsWindow", "Status"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(_FILE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(_STATUS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(_PAGES, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.headerItem().setTextAlignment(_PAGES, NUMBER_ALIGNMENT)
        self.tree.itemSelectionChanged.connect(self._show_reason)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.unavailable)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.reason)

    def show_files(self, index: DocumentIndex | None, collection_id: int | None) -> None:
        """Show the files of the collection *collection_id* in *index* (none if None)."""
        self.tree.clear()
        self.reason.hide()
        self.unavailable.hide()
        if index is None or collection_id is None:
            return
        sources = index.sources(collection_id)
        unavailable = index.unavailable(collection_id)
        self.unavailable.setText("\n".join(unavailable_sentence(f) for f in unavailable))
        self.unavailable.setVisible(bool(unavailable))
        for document in index.documents(collection_id):
            status, reason = _status(document, unavailable)
            item = QTreeWidgetItem(
                [
                    _shown_path(document.path, sources),
                    str(document.pages) if document.pages else "",
                    status,
                ]
            )
            item.setToolTip(_FILE, str(document.path))
            item.setToolTip(_STATUS, status)
            item.setData(_STATUS, Qt.ItemDataRole.UserRole, reason)
            item.setTextAlignment(_PAGES, NUMBER_ALIGNMENT)
            self.tree.addTopLevelItem(item)

    @Slot()
    def _show_reason(self) -> None:
        items = self.tree.selectedItems()
        reason = str(items[0].data(_STATUS, Qt.ItemDataRole.UserRole) or "") if items else ""
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))


def _status(document: DocumentRecord, unavailable: Sequence[Path]) -> tuple[str, str]:
    """The document's status, and why it failed or was kept unread ("" if neither)."""
    folder = next((f for f in unavailable if kept_in(document.path, [f])), None)
    if document.status == INDEXED and folder is not None:
        status = QCoreApplication.translate("DocumentsWindow", "Kept: its folder cannot be reached")
        return status, unavailable_sentence(folder)
    if document.status == INDEXED:
        return QCoreApplication.translate("DocumentsWindow", "Indexed"), ""
    if document.status == FAILED and document.failure is not None:
        reason = failure_sentence(document.failure)
        return QCoreApplication.translate("DocumentsWindow", "Failed: {reason}").format(
            reason=reason
        ), reason
    return QCoreApplication.translate("DocumentsWindow", "Waiting"), ""


def _shown_path(path: Path, sources: Sequence[Path]) -> str:
    """*path* from the folder added that holds it ("contracts/2024/lease.pdf"), or its name."""
    for source in sources:
        if path != source and path.is_relative_to(source):
            return str(Path(source.name, path.relative_to(source)))
    return path.name
