"""File → Documents…: the user's collections of documents, their files, and their indexing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.index import (
    FAILED,
    INDEXED,
    Collection,
    DocumentIndex,
    DocumentRecord,
    EmbedderChangedError,
)
from desktop.core.documents.indexer import IndexProgress, IndexReport, index_collection
from desktop.core.documents.library import DocumentLibrary
from desktop.core.errors import UserError
from desktop.core.vault.sources import Source
from desktop.text.messages import user_message
from desktop.ui.documents.embedding import EmbedderFactory, SharedEmbedder
from desktop.ui.documents.passage_dialog import PassageDialog
from desktop.ui.library.activity import ActivityList, ActivityRow, format_duration
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.widgets.file_dialogs import existing_folder, open_files

_NAME, _FILES, _PASSAGES, _FAILED = range(4)
_FILE, _PAGES, _STATUS = range(3)


def ask_for_documents(parent: QWidget, caption: str) -> list[Path]:
    """The documents the user chooses in a file dialog ([] if they cancel)."""
    kinds = QCoreApplication.translate(
        "DocumentsWindow",
        "Documents (*.pdf *.docx *.txt *.md *.markdown *.html *.htm);;All files (*)",
    )
    return [Path(name) for name in open_files(parent, caption, kinds)]


class DocumentsWindow(QDialog):
    """Where the user makes collections of documents (one per matter), adds files and
    folders to them, keeps them up to date and removes them.

    Indexing runs on the task runner, one job per collection, and goes on while this
    window is closed; a job stopped (cancelled, or Sotto closed) leaves the rest waiting,
    and Update (or Resume) goes on from there. This window reads the index on a connection
    of its own, on the GUI thread, only when a job ends or the user acts, never per
    progress step. The embedding model is loaded by the first job that needs it and kept.

    Attributes:
        collections: the collections, with their files, passages and failed files.
        files: the selected collection's files and their status.
        reason: why the selected file could not be read, in full.
        activity: indexing jobs in progress or just ended.

    Signals:
        collections_changed(): a collection was made, removed or indexed (the chat's
            collection switch fills itself again).
    """

    collections_changed = Signal()

    def __init__(
        self,
        library: DocumentLibrary,
        runner: TaskRunner,
        embedder: EmbedderFactory = Embedder,
        parent: QWidget | None = None,
    ) -> None:
        """Show the collections of *library*, indexing them on *runner* with the embedding
        model *embedder* loads (on a worker, once). Call ``shutdown`` after
        ``runner.shutdown()`` to free the model."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Documents"))
        self.resize(900, 600)
        self.setAcceptDrops(True)
        self._library = library
        self._runner = runner
        self._embedder = SharedEmbedder(embedder)
        self._index: DocumentIndex | None = None
        self._jobs: dict[str, Task] = {}
        self._rows: dict[str, ActivityRow] = {}
        self._again: set[str] = set()
        self._removing: set[str] = set()
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
        self.collections.header().setSectionResizeMode(_NAME, QHeaderView.ResizeMode.Stretch)
        self.collections.header().setStretchLastSection(False)
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

        self.files = QTreeWidget()
        self.files.setHeaderLabels([self.tr("File"), self.tr("Pages"), self.tr("Status")])
        self.files.setRootIsDecorated(False)
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.header().setSectionResizeMode(_FILE, QHeaderView.ResizeMode.Stretch)
        self.files.header().setStretchLastSection(False)
        self.files.header().setSectionResizeMode(_STATUS, QHeaderView.ResizeMode.Stretch)
        self.files.itemSelectionChanged.connect(self._show_reason)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.hide()
        file_pane = QWidget()
        file_layout = QVBoxLayout(file_pane)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.files, 1)
        file_layout.addWidget(self.reason)

        self.hint = QLabel(
            self.tr(
                "Make a collection for each matter, then add its files or folders. Sotto "
                "reads them once and keeps them up to date; the files stay where they are."
            )
        )
        self.hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.collections)
        splitter.addWidget(file_pane)
        splitter.setStretchFactor(1, 2)
        self.activity = ActivityList()
        layout = QVBoxLayout(self)
        layout.addLayout(notice_row)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.activity)
        self.refresh()
        for collection in self._shown:
            if collection.pending:
                self._paused(collection)

    # The list

    def refresh(self) -> None:
        """Show the collections as the index has them now, and the selected one's files."""
        index = self._opened()
        self.notice.setVisible(index is None)
        self.discard_button.setVisible(index is None)
        selected = self.selected_collection()
        self._shown = index.collections() if index is not None else []
        self.collections.blockSignals(True)
        self.collections.clear()
        for collection in self._shown:
            item = QTreeWidgetItem(
                [
                    collection.name,
                    str(collection.files),
                    str(collection.passages),
                    str(collection.failed) if collection.failed else "",
                ]
            )
            for column in (_FILES, _PASSAGES, _FAILED):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            if collection.pending:
                item.setToolTip(
                    _NAME, self.tr("{n} files wait to be indexed").format(n=collection.pending)
                )
            self.collections.addTopLevelItem(item)
        self.collections.blockSignals(False)
        names = [collection.name for collection in self._shown]
        if selected is not None and selected.name in names:
            self.select_collection(selected.name)
        elif names:
            self.select_collection(names[0])
        else:
            self._show_files()

    def collection_names(self) -> list[str]:
        """The names of the collections, as listed."""
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
        self.files.clear()
        self.reason.hide()
        index = self._index
        if collection is None or index is None:
            return
        sources = index.sources(collection.id)
        for document in index.documents(collection.id):
            item = QTreeWidgetItem(
                [
                    _shown_path(document.path, sources),
                    str(document.pages) if document.pages else "",
                    self._status(document),
                ]
            )
            item.setToolTip(_FILE, str(document.path))
            item.setToolTip(_STATUS, self._status(document))
            item.setData(_STATUS, Qt.ItemDataRole.UserRole, document.reason)
            item.setTextAlignment(_PAGES, Qt.AlignmentFlag.AlignRight)
            self.files.addTopLevelItem(item)

    def _status(self, document: DocumentRecord) -> str:
        if document.status == INDEXED:
            return self.tr("Indexed")
        if document.status == FAILED:
            return self.tr("Failed: {reason}").format(reason=document.reason)
        return self.tr("Waiting")

    @Slot()
    def _show_reason(self) -> None:
        items = self.files.selectedItems()
        reason = str(items[0].data(_STATUS, Qt.ItemDataRole.UserRole) or "") if items else ""
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))

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
        if not name or self._opened() is None:
            return None
        loaded = self._embedder.loaded
        if loaded is not None:
            self._create(name, loaded.name, loaded.dimensions)
            return None
        embedder = self._embedder
        task = self._runner.run(lambda report, cancelled: embedder.get())
        task.done.connect(lambda model: self._create(name, model.name, model.dimensions))
        task.failed.connect(self._warn)
        return task

    def _create(self, name: str, embedder: str, dimensions: int) -> None:
        index = self._opened()
        if index is None:
            return
        try:
            index.create_collection(name, embedder, dimensions)
        except UserError as error:
            self._warn(error)
            return
        self.refresh()
        self.select_collection(name)
        self.collections_changed.emit()

    @Slot()
    def remove_collection(self, name: str | None = None) -> bool:
        """Remove the collection *name* (the selected one if None) after one confirmation;
        whether it was (or will be, once its indexing has stopped) removed."""
        collection = self._named(name)
        if collection is None:
            return False
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove {name}").format(name=collection.name),
            self.tr(
                "Sotto will forget the collection {name} and everything it read of it. Your "
                "files stay where they are."
            ).format(name=collection.name),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return False
        task = self._jobs.get(collection.name)
        if task is not None:  # its job writes to it: remove it once the job has stopped
            self._removing.add(collection.name)
            self._again.discard(collection.name)
            task.cancel()
            return True
        self._remove(collection.name)
        return True

    def _remove(self, name: str) -> None:
        index = self._opened()
        if index is None:
            return
        try:
            index.remove_collection(name)
        except UserError as error:
            self._warn(error)
        row = self._rows.pop(name, None)
        if row is not None:
            self.activity.remove(row)
        self.refresh()
        self.collections_changed.emit()

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
        if answer != QMessageBox.StandardButton.Yes or self._jobs:
            return
        if self._index is not None:
            self._index.close()
            self._index = None
        self._library.discard()
        self.refresh()
        self.collections_changed.emit()

    # Files

    def attach(self, name: str, paths: Sequence[Path]) -> None:
        """Add *paths* to the collection *name*, made if it is new, and index them (the
        documents a chat answers from)."""

        def add() -> None:
            if self._named(name) is not None:
                self.select_collection(name)
                self._add(paths)

        if self._named(name) is not None:
            add()
            return
        task = self.new_collection(name)
        if task is None:  # made at once, or it could not be
            add()
        else:
            task.done.connect(lambda _model: add())

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
        index = self._index
        if not paths or collection is None or index is None:
            return None
        index.add_sources(collection.id, [path.expanduser().resolve() for path in paths])
        return self.update_collection(collection.name)

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
        """Bring the collection *name* (the selected one if None) up to date: new and
        changed files are read, and those a stopped job left. Returns the job, or None if
        one is running already (it runs again when that one ends)."""
        collection = self._named(name)
        if collection is None:
            return None
        name = collection.name
        if name in self._jobs:
            self._again.add(name)
            return None
        row = self._row(name)
        row.set_waiting()
        library, embedder = self._library, self._embedder

        def work(report: Callable[[Any], None], cancelled: Callable[[], bool]) -> IndexReport:
            model = embedder.get()
            index = library.open()
            try:
                return index_collection(
                    index,
                    name,
                    model,
                    on_progress=report,
                    cancelled=cancelled,
                )
            finally:
                index.close()

        task = self._runner.run(work)
        self._jobs[name] = task
        row.cancel_clicked.connect(task.cancel)
        task.progress.connect(lambda progress: self._progress(row, progress))
        task.done.connect(lambda report: self._indexed(name, row, report))
        task.failed.connect(lambda error: self._failed(name, row, error))
        task.cancelled.connect(lambda: self._stopped(row))
        task.ended.connect(lambda: self._ended(name, row, task))
        return task

    def indexing(self, name: str) -> Task | None:
        """The job indexing the collection *name*, if one runs."""
        return self._jobs.get(name)

    def _progress(self, row: ActivityRow, progress: IndexProgress) -> None:
        figures = self.tr("{done} of {total} files · {pages} pages · {passages} passages").format(
            done=progress.files_done,
            total=progress.files_total,
            pages=progress.pages,
            passages=progress.passages,
        )
        if progress.seconds_left is not None:
            figures += " · " + self.tr("{time} left").format(
                time=format_duration(progress.seconds_left)
            )
        if progress.current is not None:
            figures += "\n" + progress.current.name
        row.set_progress(progress.files_done, progress.files_total, figures)

    def _indexed(self, name: str, row: ActivityRow, report: IndexReport) -> None:
        if report.cancelled:
            self._stopped(row)
            return
        sentence = self.tr(
            "Up to date: {read} files read, {unchanged} unchanged, {failed} could not be read."
        ).format(
            read=len(report.indexed),
            unchanged=report.unchanged + report.reembedded,
            failed=len(report.failed),
        )
        if report.removed:
            sentence += " " + self.tr("{n} files no longer there were taken out.").format(
                n=len(report.removed)
            )
        row.set_ended(sentence)

    def _stopped(self, row: ActivityRow) -> None:
        row.set_ended(
            self.tr("Stopped. What was read is kept; Resume goes on from there."),
            can_retry=True,
            retry_text=self.tr("Resume"),
        )

    def _failed(self, name: str, row: ActivityRow, error: UserError) -> None:
        row.detail.setToolTip(error.details)
        if isinstance(error, EmbedderChangedError):
            row.set_ended(user_message(error), can_retry=True, retry_text=self.tr("Index again"))
            self._again.discard(name)
            self._ask_to_embed_again(name)
            return
        row.set_ended(user_message(error), can_retry=True, retry_text=self.tr("Try again"))

    def _ask_to_embed_again(self, name: str) -> None:
        """The collection was indexed with another embedding model than Sotto's: offer to
        embed its passages again (its files are not read again)."""
        collection = self._named(name)
        model = self._embedder.loaded
        index = self._index
        if collection is None or model is None or index is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Index {name} again?").format(name=name),
            self.tr(
                "{name} was indexed with the model {old}; Sotto now searches with {new}. "
                "To search it again, {new} must read its passages once more (your files "
                "are not read again). Until then it cannot be searched. Do it now?"
            ).format(name=name, old=collection.embedder, new=model.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        index.set_embedder(collection.id, model.name, model.dimensions)
        self._again.add(name)

    def _ended(self, name: str, row: ActivityRow, task: Task) -> None:
        row.cancel_clicked.disconnect(task.cancel)
        del self._jobs[name]
        if not self._jobs:
            self._embedder.free_retired()
        if name in self._removing:
            self._removing.discard(name)
            self._remove(name)
            return
        self.refresh()
        self.collections_changed.emit()
        if name in self._again:
            self._again.discard(name)
            self.update_collection(name)

    def _row(self, name: str) -> ActivityRow:
        row = self._rows.get(name)
        if row is None:
            row = self.activity.add(ActivityRow(self.tr("Indexing {name}").format(name=name)))
            row.retry_clicked.connect(lambda: self.update_collection(name))
            row.dismiss_clicked.connect(lambda: self._rows.pop(name, None))
            self._rows[name] = row
        return row

    def _paused(self, collection: Collection) -> None:
        """Offer to go on with a collection whose indexing stopped before it was done."""
        self._row(collection.name).set_ended(
            self.tr("{n} files wait to be indexed: it stopped before it was done.").format(
                n=collection.pending
            ),
            can_retry=True,
            retry_text=self.tr("Resume"),
        )

    # Sources

    @Slot(object)
    def show_source(self, source: Source) -> PassageDialog:
        """Show a reply's *source* in its document, as the index has it now."""
        dialog = PassageDialog(source, self._opened(), self.parentWidget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # Shared

    def forget_embedder(self) -> None:
        """Load the embedding model anew for the next job (the user chose another). Jobs
        running keep theirs, freed once no job runs; a collection made with the old one
        asks before it is embedded again, when next updated."""
        self._embedder.forget()
        if not self._jobs:
            self._embedder.free_retired()

    def stop_jobs(self) -> None:
        """Stop indexing now: cancel every job and wait for it to end (the index is about
        to be forgotten)."""
        for task in self._jobs.values():
            task.cancel()
        self._runner.pool.waitForDone()

    def shutdown(self) -> None:
        """Free the embedding model and this window's connection to the index (after
        ``TaskRunner.shutdown``, which stops the jobs)."""
        self._embedder.close()
        if self._index is not None:
            self._index.close()
            self._index = None

    def _opened(self) -> DocumentIndex | None:
        """This window's connection to the index, opened on first use; None, with the
        sentence shown, if it cannot be opened."""
        if self._index is None:
            try:
                self._index = self._library.open()
            except UserError as error:
                self.notice.setText(user_message(error))
                return None
        return self._index

    def _named(self, name: str | None) -> Collection | None:
        if name is None:
            return self.selected_collection()
        return next((c for c in self._shown if c.name == name), None)

    def _warn(self, error: UserError) -> None:
        QMessageBox.warning(self, self.tr("Documents"), user_message(error))


def _shown_path(path: Path, sources: Sequence[Path]) -> str:
    """*path* from the folder added that holds it ("contracts/2024/lease.pdf"), or its name."""
    for source in sources:
        if path != source and path.is_relative_to(source):
            return str(Path(source.name, path.relative_to(source)))
    return path.name
