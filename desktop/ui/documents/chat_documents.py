"""The user's documents in the main window: their indexing, the Documents window, attaching
files to the chat shown, and the searches its questions are answered from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.documents.library import DEFAULT_COLLECTION, DocumentLibrary
from desktop.core.errors import UserError
from desktop.core.vault.sources import Source
from desktop.text.documents import collection_name
from desktop.text.messages import user_message
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.chat_settings import ChatSettingsController
from desktop.ui.documents.documents_window import DocumentsWindow, ask_for_documents
from desktop.ui.documents.embedding import ChosenEmbedder
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.documents.job_row import show_job
from desktop.ui.documents.search_worker import DocumentSearchClient
from desktop.ui.library.activity import ActivityRow
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.bring_to_front import bring_to_front


class ChatDocuments(QObject):
    """Keeps the document index's services for one window: the indexing (which goes on
    whether the Documents window is open or not), the searches the chat asks, and the
    Documents window (made on first use).

    Files attached to the chat (the paperclip, or dropped on it) are indexed without opening
    the Documents window: ``activity``, above the composer, shows their reading with a
    Cancel, then how it ended and why a file could not be read.

    Attributes:
        indexing: the indexing of every collection.
        activity: the reading of the files attached to the chat; hidden until some are.
        window: the Documents window, once made.
        search: the searches of the chat's questions, on their own thread.
        embedder: loads the embedding model the user chose, for both.
    """

    def __init__(
        self,
        library: DocumentLibrary,
        tasks: TaskRunner,
        chat: ChatController,
        chat_settings: ChatSettingsController,
        parent: QWidget,
        embedder: ChosenEmbedder | None = None,
    ) -> None:
        """*embedder* loads the model chosen in Settings → Documents (the built-in one if
        None)."""
        super().__init__(parent)
        self._parent = parent
        self._tasks = tasks
        self._chat = chat
        self._chat_settings = chat_settings
        self.embedder = embedder if embedder is not None else ChosenEmbedder()
        self.window: DocumentsWindow | None = None
        self._attached = ""  # the collection whose reading ``activity`` shows
        self.activity = ActivityRow("")
        self.activity.hide()
        self.indexing = self._indexing(library)
        self.activity.cancel_clicked.connect(lambda: self.indexing.cancel(self._attached))
        self.activity.retry_clicked.connect(lambda: self.indexing.update(self._attached))
        self.activity.dismiss_clicked.connect(self._dismiss_activity)
        self.search = self._searching(library)

    def made(self) -> DocumentsWindow:
        """The Documents window, made (not shown) on first use."""
        if self.window is None:
            self.window = DocumentsWindow(self.indexing, parent=self._parent)
        return self.window

    @Slot()
    def show(self) -> DocumentsWindow:
        """*File → Documents…*: the user's collections, and their indexing."""
        window = self.made()
        bring_to_front(window)
        return window

    def show_source(self, source: Source) -> None:
        """A cited passage, in the context of its document."""
        self.made().show_source(source)

    def attach(self, paths: list[Path] | None = None) -> None:
        """Add files (asked for if None) to the documents the chat shown answers from (the
        collection "Documents" if it had none) and index them; ``activity`` shows how."""
        if paths is None:
            paths = ask_for_documents(self._parent, self.tr("Attach documents"))
        if not paths:
            return
        name = self._chat.session.settings.documents or DEFAULT_COLLECTION
        self._attached = name
        self.activity.title.setText(
            self.tr("Reading documents for {name}").format(name=collection_name(name))
        )
        self.activity.set_waiting()
        self.activity.show()
        self.indexing.attach(name, paths)
        self._chat_settings.use_documents(name)

    @Slot(Path)
    def use_embedder(self, path: Path) -> None:
        """Index and search with the embedding model at *path* from now on (the user chose
        it). Collections made with another one ask before they are embedded again."""
        self.embedder.choose(path)
        self.indexing.forget_embedder()
        self.search.forget_embedder()

    def stop_jobs(self) -> None:
        """Stop indexing now: the index is about to be forgotten."""
        self.indexing.stop_jobs()

    def use(self, library: DocumentLibrary) -> None:
        """Search and index *library* from now on (a new index, after forgetting)."""
        self.shutdown()
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.indexing.deleteLater()
        self.search.deleteLater()
        self._dismiss_activity()
        self.indexing = self._indexing(library)
        self.search = self._searching(library)
        self.indexing.folders.start()  # the window shows already

    def shutdown(self) -> None:
        """Free the models and connections (after ``TaskRunner.shutdown``, at closing)."""
        self.indexing.shutdown()
        self.search.shutdown()

    def _indexing(self, library: DocumentLibrary) -> IndexingService:
        indexing = IndexingService(library, self._tasks, self.embedder, parent=self)
        self._chat.replies.wait_for(indexing)  # a question waits for its files to be read
        indexing.changed.connect(lambda: self.search.list_collections())
        indexing.job_changed.connect(self._show_activity)
        indexing.failed.connect(self._not_attached)
        indexing.embedder_changed.connect(self._ask_to_embed_again)
        return indexing

    def _searching(self, library: DocumentLibrary) -> DocumentSearchClient:
        search = DocumentSearchClient(library, self.embedder, parent=self)
        self._chat.use_documents(search)
        search.listed.connect(self._chat_settings.set_collections)
        # After an upgrade of the embedding model: embedded again without the user asking.
        search.outdated.connect(self.indexing.bring_up_to_date)
        search.list_collections()
        return search

    def _show_activity(self, name: str) -> None:
        job = self.indexing.job(name)
        if name != self._attached or job is None or self.activity.isHidden():
            return
        show_job(self.activity, job, failures=True)

    def _dismiss_activity(self) -> None:
        self.activity.hide()
        self._attached = ""

    def _not_attached(self, name: str, error: UserError) -> None:
        if name == self._attached and not self.activity.isHidden():
            self.activity.set_ended(user_message(error))
            self.activity.detail.setToolTip(error.details)

    def _ask_to_embed_again(self, name: str, old: str, new: str) -> None:
        """The collection was indexed with another embedding model than Sotto's: offer to
        embed its passages again (its files are not read again)."""
        window = self.window
        parent = window if window is not None and window.isVisible() else self._parent
        shown = collection_name(name)
        # Asked by the Documents window before the indexing was the application's: its
        # context keeps the translations.
        answer = QMessageBox.question(
            parent,
            QCoreApplication.translate("DocumentsWindow", "Index {name} again?").format(name=shown),
            QCoreApplication.translate(
                "DocumentsWindow",
                "{name} was indexed with the model {old}; Sotto now searches with {new}. "
                "To search it again, {new} must read its passages once more (your files "
                "are not read again). Until then it cannot be searched. Do it now?",
            ).format(name=shown, old=old, new=new),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.indexing.embed_again(name)
