"""File → Documents…: the user's collections of documents, their files, and their indexing."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.documents.records import Collection
from desktop.core.errors import UserError
from desktop.core.vault.sources import Source
from desktop.text.documents import collection_name
from desktop.text.messages import user_message
from desktop.ui.documents.document_files import NUMBER_ALIGNMENT, DocumentFiles
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.documents.job_row import show_job
from desktop.ui.documents.passage_dialog import PassageDialog
from desktop.ui.icons import icon
from desktop.ui.library.activity import ActivityList, ActivityRow
from desktop.ui.tasks import Task
from desktop.ui.widgets.file_dialogs import existing_folder, open_files

_NAME, _FILES, _PASSAGES, _FAILED = range(4)
NUMBER_COLUMNS = (_FILES, _PASSAGES, _FAILED)
"""The collections' columns of numbers: right-aligned, their headers too."""


def ask_for_documents(parent: QWidget, caption: str) -> list[Path]:
    """The documents the user chooses in a file dialog ([] if they cancel)."""
    kinds = QCoreApplication.translate(
        "DocumentsWindow",
        "Documents (*.pdf *.docx *.txt *.md *.markdown *.html *.htm *.png *.jpg *.jpeg "
        "*.tif *.tiff);;All files (*)",
    )
    return [Path(name) for name in open_files(parent, caption, kinds)]


class DocumentsWindow(QDialog):
    """Where the user makes collections of documents (one per matter), adds files and
    folders to them, keeps them up to date and removes them: a view of the application's
    ``IndexingService``, which runs the indexing (and goes on while this window is closed).

    Attributes:
        collections: the collections, with their files, passages and failed files.
        files: the selected collection's files and their status.
        reason: why the selected file could not be read, in full.
        unavailable: the selected collection's folders that its last update could not reach.
        activity: indexing jobs in progress or just ended.
        notice: why the index cannot be opened, beside ``discard_button``.

    Signals:
        collections_changed(): a collection was made, removed or indexed (the chat's
            collection switch fills itself again).
    """

    collections_changed = Signal()

    def __init__(self, service: IndexingService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Documents"))
        self.resize(900, 600)
        self.setAcceptDrops(True)
        self._service = service
        self._rows: dict[str, ActivityRow] = {}
        self._shown: list[Collection] = []

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.discard_button = QPushButton(self.tr("Remove the index…"))
        self.discard_button.clicked.connect(self.discard_index)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.discard_button)

        self.collections = QTreeWidget()
        self.collections.setHeaderLabels(
            [self.tr("Collection"), self.tr("Files"), self.tr("Passages"), self.tr("Failed")]
        )
        self.collections.setRootIsDecorated(False)
        header = self.collections.header()
        header.setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column in NUMBER_COLUMNS:  # each header over its numbers
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.collections.headerItem().setTextAlignment(column, NUMBER_ALIGNMENT)
        self.collections.itemSelectionChanged.connect(self._show_files)

        self.new_button = QPushButton(self.tr("New collection…"))
        self.new_button.clicked.connect(lambda: self.new_collection())
        self.add_files_button = QPushButton(self.tr("Add files…"))
        self.add_files_button.clicked.connect(lambda: self.add_files())
        self.add_folder_button = QPushButton(self.tr("Add folder…"))
        self.add_folder_button.clicked.connect(lambda: self.add_folder())
        self.update_button = QPushButton(self.tr("Update"))
        self.update_button.setToolTip(
            self.tr("Index the collection again: only new and changed files are read.")
        )
        self.update_button.clicked.connect(lambda: self.update_collection())
        self.remove_button = QPushButton(self.tr("Remove collection…"))
        self.remove_button.clicked.connect(lambda: self.remove_collection())
        self._icons = {
            self.new_button: "plus",
            self.add_files_button: "file-plus",
            self.add_folder_button: "folder-plus",
            self.update_button: "arrow-clockwise",
            self.remove_button: "trash",
        }
        self._show_icons()
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.add_files_button,
            self.add_folder_button,
            self.update_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)

        self._file_pane = DocumentFiles()
        self.files = self._file_pane.tree
        self.reason = self._file_pane.reason
        self.unavailable = self._file_pane.unavailable

        self.hint = QLabel(
            self.tr(
                "Make a collection for each matter, then add its files or folders. Sotto "
                "reads them once and keeps them up to date; the files stay where they are."
            )
        )
        self.hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.collections)
        splitter.addWidget(self._file_pane)
        splitter.setStretchFactor(1, 2)
        self.activity = ActivityList()
        layout = QVBoxLayout(self)
        layout.addLayout(notice_row)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.activity)
        service.changed.connect(self.refresh)
        service.changed.connect(self.collections_changed)
        service.job_changed.connect(self._show_job)
        service.failed.connect(self._not_made)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light or dark: icons in its colours
            self._show_icons()

    def _show_icons(self) -> None:
        for button, name in self._icons.items():
            button.setIcon(icon(name))

    # The list

    def refresh(self) -> None:
        """Show the collections as the index has them now, and the selected one's files."""
        service = self._service
        index = service.index()
        refusal = service.refusal if index is None else None
        self.notice.setText(user_message(refusal) if refusal is not None else "")
        self.notice.setVisible(refusal is not None)
        self.discard_button.setVisible(refusal is not None)
        selected = self.selected_collection()
        self._shown = service.collections()
        self.collections.blockSignals(True)
        self.collections.clear()
        for collection in self._shown:
            item = QTreeWidgetItem(
                [
                    collection_name(collection.name),
                    str(collection.files),
                    str(collection.passages),
                    str(collection.failed) if collection.failed else "",
                ]
            )
            for column in NUMBER_COLUMNS:
                item.setTextAlignment(column, NUMBER_ALIGNMENT)
            notes = []
            if collection.pending:
                notes.append(self.tr("%n file(s) wait to be indexed", "", collection.pending))
            if index is not None and index.unavailable(collection.id):
                notes.append(
                    self.tr("A folder cannot be reached: its files are kept as they were read.")
                )
            item.setToolTip(_NAME, "\n".join(notes))
            self.collections.addTopLevelItem(item)
        self.collections.blockSignals(False)
        names = self.collection_names()
        if selected is not None and selected.name in names:
            self.select_collection(selected.name)
        elif names:
            self.select_collection(names[0])
        else:
            self._show_files()
        for job in service.jobs():
            self._show_job(job.name)

    def collection_names(self) -> list[str]:
        """The names of the collections, as stored (listed in the user's language)."""
        return [collection.name for collection in self._shown]

    def selected_collection(self) -> Collection | None:
        rows = [self.collections.indexOfTopLevelItem(i) for i in self.collections.selectedItems()]
        return self._shown[rows[0]] if rows and 0 <= rows[0] < len(self._shown) else None

    def select_collection(self, name: str) -> None:
        for row, collection in enumerate(self._shown):
            if collection.name == name:
                item = self.collections.topLevelItem(row)
                if item is not None:
                    self.collections.setCurrentItem(item)
                return

    def row(self, name: str) -> ActivityRow | None:
        """The activity row of the collection *name*'s indexing, if it shows one."""
        return self._rows.get(name)

    @Slot()
    def _show_files(self) -> None:
        collection = self.selected_collection()
        for button in (
            self.add_files_button,
            self.add_folder_button,
            self.update_button,
            self.remove_button,
        ):
            button.setEnabled(collection is not None)
        self._file_pane.show_files(
            self._service.index(), collection.id if collection is not None else None
        )

    # Collections

    @Slot()
    def new_collection(self, name: str | None = None) -> Task | None:
        """Make a collection called *name* (asked for if None), and select it. The first
        time, the embedding model is loaded first, on a worker: its task is returned."""
        if name is None:
            name, ok = QInputDialog.getText(
                self,
                self.tr("New collection"),
                self.tr("Name of the collection (a matter, say “Acme v Beta”):"),
            )
            if not ok:
                return None
        name = name.strip()
        if not name:
            return None
        self._service.changed.connect(
            partial(self.select_collection, name), Qt.ConnectionType.SingleShotConnection
        )
        return self._service.create(name)

    @Slot()
    def remove_collection(self, name: str | None = None) -> bool:
        """Remove the collection *name* (the selected one if None) after one confirmation;
        whether it was (or will be, once its indexing has stopped) removed."""
        collection = self._named(name)
        if collection is None:
            return False
        shown = collection_name(collection.name)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove {name}").format(name=shown),
            self.tr(
                "Sotto will forget the collection {name} and everything it read of it. Your "
                "files stay where they are."
            ).format(name=shown),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return False
        self._service.remove(collection.name)
        return True

    @Slot()
    def discard_index(self) -> None:
        """Delete an index that cannot be opened (every collection), after a confirmation."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove the index"),
            self.tr(
                "Sotto will delete the index of every collection. Your files stay where they "
                "are: add them again to search them."
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._service.discard()

    # Files

    @Slot()
    def add_files(self, paths: Sequence[Path] | None = None) -> Task | None:
        """Add files (asked for if None) to the selected collection, and index it."""
        if paths is None:
            paths = ask_for_documents(self, self.tr("Add files"))
        return self._add(paths)

    @Slot()
    def add_folder(self, path: Path | None = None) -> Task | None:
        """Add a folder (asked for if None), searched through, to the selected collection,
        and index it."""
        if path is None:
            name = existing_folder(self, self.tr("Add a folder"))
            if not name:
                return None
            path = Path(name)
        return self._add([path])

    def _add(self, paths: Sequence[Path]) -> Task | None:
        collection = self.selected_collection()
        if collection is None:
            return None
        return self._service.add(collection.name, paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.selected_collection() is not None and any(
            url.isLocalFile() for url in event.mimeData().urls()
        ):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self._add([Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()])
        event.acceptProposedAction()

    # Indexing

    @Slot()
    def update_collection(self, name: str | None = None) -> Task | None:
        """Bring the collection *name* (the selected one if None) up to date; the job, or
        None if one runs already (it runs again when that one ends)."""
        collection = self._named(name)
        return None if collection is None else self._service.update(collection.name)

    def _show_job(self, name: str) -> None:
        job = self._service.job(name)
        row = self._rows.get(name)
        if job is None:
            if row is not None:
                del self._rows[name]
                self.activity.remove(row)
            return
        if row is None:
            row = self.activity.add(ActivityRow(self._service.title(name)))
            row.cancel_clicked.connect(lambda: self._service.cancel(name))
            row.retry_clicked.connect(lambda: self._service.update(name))
            row.dismiss_clicked.connect(lambda: self._dismissed(name))
            self._rows[name] = row
        show_job(row, job)

    def _dismissed(self, name: str) -> None:
        self._rows.pop(name, None)  # the list removes the row itself
        self._service.dismiss(name)

    def _not_made(self, name: str, error: UserError) -> None:
        if self.isVisible() and self._service.job(name) is None:  # not the chat's
            QMessageBox.warning(self, self.tr("Documents"), user_message(error))

    # Sources

    @Slot(object)
    def show_source(self, source: Source) -> PassageDialog:
        """Show a reply's *source* in its document, as the index has it now."""
        dialog = PassageDialog(source, self._service.index(), self.parentWidget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _named(self, name: str | None) -> Collection | None:
        if name is None:
            return self.selected_collection()
        return next((c for c in self._shown if c.name == name), None)
