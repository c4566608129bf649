"""*File → Revise a document…*: choose a Word document and say what to change; the model
revises it paragraph by paragraph in the background (progress, Stop), then the review.

The document's text stays in memory; the exchange (the instruction and the changes) is kept
in the history like a chat.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.revise.asking import Progress
from desktop.core.revise.record import record_revision
from desktop.core.revise.source import Source
from desktop.core.revise.tracked import DEFAULT_AUTHOR
from desktop.core.storage_errors import StorageError
from desktop.core.vault.preferences import REVISION_AUTHOR, preference, set_preference
from desktop.core.vault.store import ConversationStore
from desktop.text.messages import user_message
from desktop.ui.revise.review_view import ReviewView
from desktop.ui.revise.revision_work import (
    Revised,
    asking,
    progress_share,
    reading,
    saving,
)
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.widgets.file_dialogs import open_file, save_file


class ReviseDialog(QDialog):
    """Revising one Word document, from choosing it to saving the copy.

    Signals:
        recorded(int): the exchange was saved in the history as this conversation.
        saved(Path): the copy was written there.

    Attributes:
        pages: the setup, the progress and the review, one shown at a time.
        review: the review of the changes.
    """

    recorded = Signal(int)
    saved = Signal(Path)

    def __init__(
        self,
        tasks: TaskRunner,
        store: ConversationStore | None,
        model: Path,
        model_name: str,
        parent: QWidget | None = None,
    ) -> None:
        """*store* keeps the exchange (None: an incognito window keeps nothing); *model* is
        the model file that revises."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Revise a document"))
        self.resize(860, 640)
        self._tasks = tasks
        self._store = store
        self._model = model
        self._model_name = model_name
        self._path: Path | None = None
        self._source: Source | None = None
        self._stop = threading.Event()
        self._task: Task | None = None

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("No document chosen"))
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.clicked.connect(lambda: self.open_document())
        self.instruction = QPlainTextEdit()
        self.instruction.setPlaceholderText(
            self.tr(
                "What to change, for example: tighten clause 7, cap liability at the fees "
                "paid, use British spelling"
            )
        )
        self.instruction.textChanged.connect(self._ready)
        self.headings = QListWidget()
        self.headings.setAccessibleName(self.tr("Parts to revise"))
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.start = QPushButton(self.tr("Revise"))
        self.start.setDefault(True)
        self.start.clicked.connect(self.revise)
        self.start.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress_line = QLabel()
        self.stop = QPushButton(self.tr("Stop"))
        self.stop.clicked.connect(self._stop_revising)
        self.review = ReviewView()
        if store is not None:  # the name the user gave last time
            self.review.author.setText(preference(store.db, REVISION_AUTHOR) or DEFAULT_AUTHOR)
        self.review.save_requested.connect(self.save_copy)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._setup_page())
        self.pages.addWidget(self._progress_page())
        self.pages.addWidget(self.review)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def _setup_page(self) -> QWidget:
        page = QWidget()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self.tr("Document:"), file_row)
        form.addRow(self.tr("What to change:"), self.instruction)
        form.addRow(self.tr("Parts to revise:"), self.headings)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start)
        layout = QVBoxLayout(page)
        layout.addLayout(form, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.progress_line)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.stop)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def open_document(self, path: Path | None = None) -> None:
        """Read the Word document at *path* (asked for if None), in the background."""
        if path is None:
            name = open_file(self, self.tr("Revise a document"), self.tr("Word documents (*.docx)"))
            if not name:
                return
            path = Path(name)
        self._path, self._source = path, None
        self.file.setText(path.name)
        self.headings.clear()
        self.notice.setText(self.tr("Reading {name}…").format(name=path.name))
        self._ready()
        task = self._tasks.run(reading(path))
        task.done.connect(self._read)
        task.failed.connect(self._show_error)

    def _read(self, source: Source) -> None:
        self._source = source
        self.notice.setText(
            self.tr("{count} paragraphs can be revised.").format(count=len(source.passages))
        )
        everything = QListWidgetItem(self.tr("The whole document"))
        self.headings.addItem(everything)
        for title in source.headings():
            item = QListWidgetItem(title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.headings.addItem(item)
        everything.setFlags(everything.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        everything.setCheckState(Qt.CheckState.Checked)
        self._ready()

    def chosen_headings(self) -> list[str] | None:
        """The headings ticked, or None for the whole document (ticked, or nothing ticked)."""
        if (
            self.headings.count() == 0
            or self.headings.item(0).checkState() == Qt.CheckState.Checked
        ):
            return None
        items = (self.headings.item(row) for row in range(1, self.headings.count()))
        ticked = [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]
        return ticked or None

    def revise(self) -> None:
        """Ask the model to revise the parts chosen; the review follows."""
        if self._source is None or not self.instruction.toPlainText().strip():
            return
        self._stop = threading.Event()
        self.progress.setValue(0)
        self.progress_line.setText(self.tr("Starting the model…"))
        self.stop.setEnabled(True)
        self.pages.setCurrentIndex(1)
        work = asking(
            self._model,
            self._source,
            self.instruction.toPlainText().strip(),
            self.chosen_headings(),
            self._stop,
        )
        self._task = self._tasks.run(work)
        self._task.progress.connect(self._show_progress)
        self._task.done.connect(self._revised)
        self._task.failed.connect(self._revision_failed)

    def _show_progress(self, progress: Progress) -> None:
        self.progress.setValue(progress_share(progress))
        self.progress_line.setText(
            self.tr("Revising paragraph {number} of {total}: {changed} changed so far").format(
                number=min(progress.done + 1, progress.total),
                total=progress.total,
                changed=progress.changed,
            )
        )

    def _stop_revising(self) -> None:
        self._stop.set()
        self.stop.setEnabled(False)
        self.progress_line.setText(self.tr("Stopping…"))

    def _revised(self, revised: Revised) -> None:
        self._task = None
        assert self._source is not None
        headings = {passage.index: passage.headings for passage in self._source.passages}
        self.review.show_revisions(revised.revisions, revised.asked, revised.stopped, headings)
        self.pages.setCurrentIndex(2)
        if self._store is None or not revised.revisions:
            return
        try:
            conversation = record_revision(
                self._store,
                self._source.name,
                self.instruction.toPlainText().strip(),
                revised.revisions,
                self._model_name,
            )
        except UserError as error:  # the disk: the changes are still here to save
            self.review.status.setText(user_message(error))
            return
        self.recorded.emit(conversation.id)

    def _revision_failed(self, error: UserError) -> None:
        self._task = None
        self.pages.setCurrentIndex(0)
        self._show_error(error)

    def _show_error(self, error: UserError) -> None:
        self.notice.setText(user_message(error))

    def save_copy(self, path: Path | None = None) -> None:
        """Write the copy with the accepted changes tracked to *path* (asked for if None)."""
        if self._source is None or self._path is None:
            return
        if path is None:
            suggested = self.tr("{stem} (revised).docx").format(stem=self._path.stem)
            name, _ = save_file(
                self,
                self.tr("Save with tracked changes"),
                suggested,
                self.tr("Word documents (*.docx)"),
            )
            if not name:
                return
            path = Path(name)
        self.review.save.setEnabled(False)
        self.review.status.setText(self.tr("Saving…"))
        if self._store is not None:  # remembered, in the vault: a person's name
            with contextlib.suppress(StorageError):  # not remembered; the copy is still saved
                set_preference(self._store.db, REVISION_AUTHOR, self.review.author_name())
        work = saving(
            path,
            self._source,
            self._path,
            self.review.accepted(),
            self.review.author_name(),
            self.review.comments.isChecked(),
        )
        task = self._tasks.run(work)
        task.done.connect(self._saved)
        task.failed.connect(lambda error: self.review.status.setText(user_message(error)))
        task.ended.connect(lambda: self.review.save.setEnabled(True))

    def _saved(self, path: Path) -> None:
        self.review.status.setText(self.tr("Saved to {name}.").format(name=path.name))
        self.saved.emit(path)

    def _ready(self) -> None:
        self.start.setEnabled(
            self._source is not None and bool(self.instruction.toPlainText().strip())
        )

    def reject(self) -> None:
        """Closing stops a revision under way: nothing of it is kept."""
        self._stop.set()
        if self._task is not None:
            self._task.done.disconnect(self._revised)
            self._task = None
        super().reject()


def revise_dialog(
    tasks: TaskRunner,
    store: ConversationStore,
    loaded: LoadedModel | None,
    parent: QWidget,
) -> ReviseDialog:
    """The dialog for the main window: the chat's local model revises (the starter model
    where a server's model, or none, is chosen)."""
    model = loaded.path if loaded is not None else STARTER_MODEL_PATH
    name = loaded.name if loaded is not None else STARTER_MODEL_PATH.stem
    return ReviseDialog(tasks, store, model, name, parent)
