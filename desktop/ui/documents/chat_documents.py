"""The user's documents in the main window: the Documents window, attaching files to the chat
shown, and the searches its questions are answered from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from desktop.core.documents.library import DEFAULT_COLLECTION, DocumentLibrary
from desktop.core.vault.sources import Source
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.chat_settings import ChatSettingsController
from desktop.ui.documents.documents_window import DocumentsWindow, ask_for_documents
from desktop.ui.documents.embedding import ChosenEmbedder
from desktop.ui.documents.search_worker import DocumentSearchClient
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.bring_to_front import bring_to_front


class ChatDocuments(QObject):
    """Keeps the document index's workers for one window: the search the chat asks, and the
    Documents window (made on first use) where collections are indexed.

    Attributes:
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
        self._library = library
        self._tasks = tasks
        self._chat = chat
        self._chat_settings = chat_settings
        self.embedder = embedder if embedder is not None else ChosenEmbedder()
        self.window: DocumentsWindow | None = None
        self.search = self._searching(library)

    def made(self) -> DocumentsWindow:
        """The Documents window, made (not shown) on first use."""
        if self.window is None:
            self.window = DocumentsWindow(
                self._library, self._tasks, self.embedder, parent=self._parent
            )
            self.window.collections_changed.connect(self.search.list_collections)
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
        collection "Documents" if it had none); their reading shows in the Documents
        window."""
        if paths is None:
            paths = ask_for_documents(self._parent, self.tr("Attach documents"))
        if not paths:
            return
        name = self._chat.session.settings.documents or DEFAULT_COLLECTION
        self.show().attach(name, paths)
        self._chat_settings.use_documents(name)

    @Slot(Path)
    def use_embedder(self, path: Path) -> None:
        """Index and search with the embedding model at *path* from now on (the user chose
        it). Collections made with another one ask before they are embedded again."""
        self.embedder.choose(path)
        if self.window is not None:
            self.window.forget_embedder()
        self.search.forget_embedder()

    def stop_jobs(self) -> None:
        """Stop indexing now: the index is about to be forgotten."""
        if self.window is not None:
            self.window.stop_jobs()

    def use(self, library: DocumentLibrary) -> None:
        """Search and index *library* from now on (a new index, after forgetting)."""
        self.shutdown()
        if self.window is not None:
            self.window.deleteLater()
            self.window = None
        self.search.deleteLater()
        self._library = library
        self.search = self._searching(library)

    def shutdown(self) -> None:
        """Free the models and connections (after ``TaskRunner.shutdown``, at closing)."""
        if self.window is not None:
            self.window.shutdown()
        self.search.shutdown()

    def _searching(self, library: DocumentLibrary) -> DocumentSearchClient:
        search = DocumentSearchClient(library, self.embedder, parent=self)
        self._chat.use_documents(search)
        search.listed.connect(self._chat_settings.set_collections)
        search.list_collections()
        return search
