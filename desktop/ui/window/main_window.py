"""The main window: saved conversations on the left, the chat with a local model in the middle,
the chat's settings on the right. It wires widgets to the chat session and the workers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QToolButton, QWidget

from desktop.core.app_settings import OFFLINE, SEND_WITH_CTRL_ENTER, WINDOW_GEOMETRY, AppSettings
from desktop.core.chat.presets import Preset
from desktop.core.chat.session import ChatSession
from desktop.core.chat.written_out import Turn
from desktop.core.documents.embedding_choice import (
    chosen_embedder_path,
    embedding_models,
    passages_per_question,
)
from desktop.core.documents.library import DocumentLibrary
from desktop.core.errors import FileAccessError
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.types import LoadedModel, Message, Sampling
from desktop.core.library.catalog import CatalogModel
from desktop.core.library.hub import HubClient
from desktop.core.library.library import ModelLibrary
from desktop.core.remote.server_store import ServerStore
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import Conversation, ConversationStore
from desktop.text.settings_notice import settings_notice
from desktop.ui.api.local_api import LocalApi
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.chat.chat_settings import ChatSettingsController, new_chat_settings
from desktop.ui.chat.conversation_export import export_conversation, print_conversation
from desktop.ui.chat.settings_panel import ChatSettingsPanel
from desktop.ui.documents.chat_documents import ChatDocuments
from desktop.ui.documents.embedding import ChosenEmbedder
from desktop.ui.hardware.gauge import HardwareGauge
from desktop.ui.history.sidebar import Sidebar
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import MachineMemory
from desktop.ui.models.inference_worker import InferenceClient
from desktop.ui.models.model_choice import ModelChoice
from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.privacy.forget_dialog import confirm_forget_everything
from desktop.ui.privacy.network_activity import GuardBridge
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import Appearance
from desktop.ui.widgets.bring_to_front import bring_to_front
from desktop.ui.widgets.toast import Toast
from desktop.ui.window.chat_splitter import ChatSplitter
from desktop.ui.window.main_menus import MainMenus
from desktop.ui.window.window_dialogs import WindowDialogs

if TYPE_CHECKING:
    from desktop.ui.revise.revise_dialog import ReviseDialog

NOTICE_MS = 12_000
"""How long the notice about the settings file stays: it asks to be read, not glanced at."""


class MainWindow(QMainWindow):
    """The chat window. The conversation itself is a ``ChatSession``; this class shows it and
    passes the user's requests to it and to the inference worker.

    Attributes:
        session: the chat shown.
        client: the handle on the inference worker, whose signals carry the results.
        menus: the menu bar's actions.
        sidebar: the saved conversations and search.
        column: the chat column (model picker, messages, composer); its widgets are also
            attributes of the window (``chat_view``, ``composer``, ``notice`` and so on).
        settings_panel: the conversation's preset, system prompt, sampling and context.

    Signals:
        forget_requested(bool): the user confirmed forgetting everything; True to delete
            models too. The composition root does it and hands back a new history.
        restart_requested(): the user asked to start Sotto again (for a new language).
    """

    forget_requested = Signal(bool)
    restart_requested = Signal()

    def __init__(
        self,
        client: InferenceClient,
        store: ConversationStore,
        guard: GuardBridge,
        sampler: HardwareSampler,
        library: ModelLibrary,
        servers: ServerStore,
        documents: DocumentLibrary,
        hub: HubClient,
        catalog: tuple[CatalogModel, ...],
        presets: tuple[Preset, ...],
        sampling: Sampling,
        settings: AppSettings,
        appearance: Appearance,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sotto"))
        self.resize(1100, 720)
        self.client = client
        self.guard = guard
        self._store = store
        self.library = library
        self._hub = hub
        self._catalog = catalog
        self.app_settings = settings
        self.toast = Toast(self)
        self.tasks = TaskRunner(self)
        self.dialogs = WindowDialogs(self, appearance)
        self.local_api: LocalApi | None = None  # the app sets it (it knows the data folder)
        self.library_window: LibraryWindow | None = None

        self.sidebar = Sidebar(store)
        self.sidebar.conversation_chosen.connect(self.open_conversation)
        self.sidebar.conversation_deleted.connect(self._conversation_deleted)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.incognito_requested.connect(self.new_incognito_chat)
        self.sidebar.search_hit_chosen.connect(self.show_search_hit)
        self.model_picker = ModelPicker(library, servers)
        self.settings_panel = ChatSettingsPanel()
        self.settings_panel.hide()  # opened from the button above the composer
        self.column = ChatColumn(self.model_picker, self.settings_panel.preset_box)
        session = ChatSession(store, new_chat_settings(presets, sampling))
        self.chat = ChatController(self.column, client, session)
        self.chat.status_changed.connect(self._set_busy)
        self.chat.saved.connect(self.sidebar.refresh)
        self.chat.context_used.connect(self._context_used)
        self.chat_view = self.column.chat_view
        self.composer = self.column.composer
        self.notice = self.column.notice
        self.editing_banner = self.column.editing_banner
        self.incognito_banner = self.column.incognito_banner
        self.send_button = self.column.send_button
        self.stop_button = self.column.stop_button
        self.column.library_button.clicked.connect(self.show_library)
        self.column.welcome.better_model_requested.connect(
            lambda: self.show_library().show_recommended()
        )
        self.column.servers_button.clicked.connect(lambda: self.dialogs.show_servers())
        self.gauge = HardwareGauge(sampler)
        self.gauge.clicked.connect(lambda: self.dialogs.show_hardware_details())
        self.offline_badge = QLabel(self.tr("Offline"))
        self.offline_badge.setToolTip(self.tr("Offline mode is on: Sotto makes no connection"))
        self.offline_badge.setStyleSheet(
            "QLabel { color: white; background: #5f6368; border-radius: 3px; padding: 1px 6px; }"
        )
        self.offline_badge.hide()
        self.statusBar().addPermanentWidget(self.offline_badge)
        self.statusBar().addPermanentWidget(self.gauge)
        self.models = ModelChoice(self.column, self.chat, client, self.gauge, servers, guard.guard)
        self.chat_settings = ChatSettingsController(
            self.settings_panel,
            self.column.documents_box,
            self.chat,
            self.models,
            store,
            presets,
            sampling,
        )
        self.splitter = ChatSplitter(self.sidebar, self.column, self.settings_panel)
        self.splitter.setContentsMargins(6, 6, 6, 0)
        self.setCentralWidget(self.splitter)
        self.menus = self._connect_menus(MainMenus(self))
        self.column.settings_button.setDefaultAction(self.menus.chat_settings)
        self._show_send_key()
        found = settings.read()
        self._show_offline(found.get(OFFLINE))
        geometry = found.get(WINDOW_GEOMETRY)  # hex, or None: the schema checks
        if geometry is not None:  # where Qt finds none in it, the window keeps its size
            self.restoreGeometry(QByteArray.fromHex(geometry.encode("ascii")))
        notice = settings_notice(found)
        if notice is not None:  # once the window is shown, so that the toast sits on it
            QTimer.singleShot(0, self, lambda: self.toast.show_message(notice, NOTICE_MS))

        client.speed.connect(self.gauge.set_speed)
        client.finished.connect(lambda _reply: self.gauge.clear_speed())
        client.failed.connect(lambda _error: self.gauge.clear_speed())
        client.counted.connect(self._context_used)
        self._show_chat(self.chat.session)
        self.chat.set_status(self.tr("No model loaded"), generating=False, ready=False)
        self.chat.passages = passages_per_question(settings)
        embedders = [model.path for model in embedding_models(library.installed())]
        self.model_choices = ModelChoices(store.db)
        embedder = ChosenEmbedder(chosen_embedder_path(self.model_choices, embedders))
        self.documents = ChatDocuments(
            documents, self.tasks, self.chat, self.chat_settings, self, embedder
        )
        self.column.add_above_composer(self.documents.activity)
        self.chat_view.source_requested.connect(self.documents.show_source)
        self.column.attach_button.clicked.connect(lambda: self.documents.attach())
        self.column.files_dropped.connect(self.documents.attach)
        self.menus.documents.triggered.connect(self.documents.show)
        self.menus.revise.triggered.connect(lambda: self.show_revise())
        attach_choices = QMenu(self.column.attach_button)
        attach_choices.addAction(self.tr("Attach documents…"), lambda: self.documents.attach())
        attach_choices.addAction(self.menus.revise)
        self.column.attach_button.setMenu(attach_choices)
        self.column.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def _connect_menus(self, menus: MainMenus) -> MainMenus:
        menus.new_chat.triggered.connect(self.new_chat)
        menus.incognito.triggered.connect(self.new_incognito_chat)
        menus.find.triggered.connect(self.sidebar.search_box.setFocus)
        menus.library.triggered.connect(self.show_library)
        menus.import_model.triggered.connect(lambda: self.show_library().import_file())
        menus.servers.triggered.connect(self.dialogs.show_servers)
        menus.export.triggered.connect(self.export_conversation)
        menus.print.triggered.connect(self.print_conversation)
        menus.settings.triggered.connect(self.dialogs.show_settings)
        menus.quit.triggered.connect(self.close)
        menus.chat_settings.toggled.connect(self._show_settings_panel)
        self.splitter.panel_closed.connect(lambda: menus.chat_settings.setChecked(False))
        menus.send_with_ctrl_enter.toggled.connect(self._set_send_with_ctrl_enter)
        menus.network_activity.triggered.connect(self.dialogs.show_network_activity)
        menus.offline.toggled.connect(self._set_offline)
        menus.forget.triggered.connect(self.ask_forget_everything)
        menus.help.triggered.connect(self.dialogs.show_help)
        menus.shortcuts.triggered.connect(self.dialogs.show_shortcuts)
        menus.about.triggered.connect(self.dialogs.show_about)
        return menus

    @property
    def loaded_model(self) -> LoadedModel | None:
        return self.models.loaded

    @property
    def session(self) -> ChatSession:
        """The chat shown."""
        return self.chat.session

    @property
    def conversation(self) -> Conversation | None:
        """The saved conversation shown, or None for a new or incognito chat."""
        return self.session.conversation

    @property
    def incognito(self) -> bool:
        return self.session.incognito

    @property
    def messages(self) -> list[Message]:
        """The conversation so far, as the model reads it."""
        return self.session.messages

    def load_model(self, path: Path, n_ctx: int = 0) -> None:
        """Load the model at *path* on the inference worker, with a context of *n_ctx*
        tokens (0: the default for this machine); the window stays usable."""
        self.models.load(path, n_ctx)

    def start(self, default_model: Path | None) -> None:
        """Begin where the user left off: in the last conversation, with its model. On a
        first start (or when that model is gone) *default_model* is loaded, if any. The
        collections' folders are watched from now on."""
        self.documents.indexing.folders.start()
        conversations = self._store.list_conversations()
        if conversations:
            self.open_conversation(max(conversations, key=lambda c: (c.updated_at, c.id)).id)
        if default_model is not None and not self.models.loading and self.chat.model is None:
            self.load_model(default_model)

    # Conversations

    @Slot()
    def new_chat(self) -> None:
        """Start a chat that is saved once its first message is sent."""
        self._show_chat(ChatSession(self._store, self.chat_settings.new_chat_settings()))

    @Slot()
    def new_incognito_chat(self) -> None:
        """Start a chat that is never written to disk."""
        self._show_chat(ChatSession(None, self.chat_settings.new_chat_settings()))

    @Slot(int)
    def open_conversation(self, conversation_id: int) -> None:
        """Show a saved conversation, the end of its branch, and restore its settings."""
        conversation = self._store.get_conversation(conversation_id)
        if conversation is None:
            return
        session = self.chat.kept(conversation_id) or ChatSession.of(self._store, conversation)
        if self._show_chat(session):
            self.models.restore(conversation.model, self.session.settings.n_ctx)

    @Slot(int, int, str)
    def show_search_hit(self, conversation_id: int, message_id: int, words: str) -> None:
        """Open the conversation of a search result and select the words found."""
        if self.conversation is None or self.conversation.id != conversation_id:
            self.open_conversation(conversation_id)
        if self.conversation is not None and self.conversation.id == conversation_id:
            self.chat.show_search_hit(self._store, message_id, words)

    def _show_chat(self, session: ChatSession) -> bool:
        """Show *session* in place of the chat shown; False if that chat stays (a reply is
        being written, or the user would rather not end an incognito chat)."""
        shown = self.chat.may_leave() and self.chat.show(session)
        current = self.session.conversation
        self.sidebar.select(current.id if current else None)
        if shown:
            self.chat_settings.show(session)
        return shown

    @Slot(int)
    def _conversation_deleted(self, conversation_id: int) -> None:
        if self.conversation is not None and self.conversation.id == conversation_id:
            self.new_chat()

    # Settings and presets

    @Slot(bool)
    def _show_settings_panel(self, shown: bool) -> None:
        self.settings_panel.setVisible(shown)
        if shown:  # once the splitter has given it its width
            QTimer.singleShot(0, self.splitter.make_room)

    def _show_send_key(self) -> None:
        self.menus.send_with_ctrl_enter.setChecked(self.app_settings.get(SEND_WITH_CTRL_ENTER))
        self.composer.set_send_with_ctrl_enter(self.menus.send_with_ctrl_enter.isChecked())

    @Slot(bool)
    def _set_send_with_ctrl_enter(self, on: bool) -> None:
        self._save_setting(SEND_WITH_CTRL_ENTER, on)
        self.composer.set_send_with_ctrl_enter(on)

    def _save_setting(self, key: str, value: object) -> None:
        try:
            self.app_settings.set(key, value)
        except OSError as error:
            self.column.show_error(FileAccessError.of(error))

    # Export and print

    def export_turns(self) -> tuple[str, list[Turn], str]:
        """The chat shown as export and print take it: its title, its turns (each reply with
        its sources), the model."""
        title = self.conversation.title if self.conversation else self.tr("Incognito chat")
        model = self.chat.model.name if self.chat.model else self.tr("Assistant")
        ids = self.session.ids
        sources = self.session.sources([i for i in ids if i is not None])
        turns = [
            Turn(m["role"], m["content"], sources.get(i, ()) if i is not None else ())
            for m, i in zip(self.messages, ids, strict=True)
        ]
        return title, turns, model

    @Slot()
    def export_conversation(self) -> Path | None:
        """Export the conversation shown to Markdown or Word, after a warning."""
        path = export_conversation(self, *self.export_turns())
        if path is not None:
            self.toast.show_message(self.tr("Exported to {name}").format(name=path.name))
        return path

    @Slot()
    def print_conversation(self) -> bool:
        return print_conversation(self, *self.export_turns())

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message (or as the edit of an earlier one) and
        stream the reply."""
        self.chat.send(text)

    @Slot(str, bool, bool)
    def _set_busy(self, status: str, generating: bool, ready: bool) -> None:
        self.statusBar().showMessage(status)
        writing = self.chat.writing.conversation if generating and self.chat.writing else None
        self.sidebar.writing = writing.id if writing else None

    @Slot(int)
    def _context_used(self, tokens: int) -> None:
        if self.loaded_model is not None:
            self.column.context_meter.set_usage(tokens, self.loaded_model.n_ctx)

    # Models

    @Slot()
    def show_revise(self) -> ReviseDialog:
        """*File → Revise a document…*: a dialog beside the chat; the history lists the
        exchange once the model has revised."""
        from desktop.ui.revise.revise_dialog import revise_dialog

        dialog = revise_dialog(self.tasks, self._store, self.loaded_model, self)
        dialog.recorded.connect(
            lambda _id: self.sidebar.refresh(self.conversation.id if self.conversation else None)
        )
        bring_to_front(dialog)
        return dialog

    def show_library(self) -> LibraryWindow:
        """Show the model library window (made on first use) and return it."""
        if self.library_window is None:
            self.library_window = LibraryWindow(
                self.library,
                self._hub,
                self._catalog,
                MachineMemory(self.gauge.sampler, measured=self.chat.measured),
                self.tasks,
                lambda: self.loaded_model.path if self.loaded_model else None,
                self,
            )
            self.library_window.load_requested.connect(self.load_model)
            self.library_window.models_changed.connect(self.model_picker.refill)
            self.library_window.announced.connect(self.toast.show_message)
            self.library_window.machine_speed_wanted.connect(self.client.measure_machine)
            self.client.machine_measured.connect(self.library_window.set_machine_speed)
        bring_to_front(self.library_window)
        return self.library_window

    # Privacy

    def _show_offline(self, offline: bool) -> None:
        """Apply *offline* as read at the start, without saving it again."""
        blocked = self.menus.offline.blockSignals(True)
        self.menus.offline.setChecked(offline)
        self.menus.offline.blockSignals(blocked)
        self.guard.guard.offline = offline
        self.offline_badge.setVisible(offline)

    @Slot(bool)
    def _set_offline(self, offline: bool) -> None:
        self.guard.guard.offline = offline
        self.offline_badge.setVisible(offline)
        self._save_setting(OFFLINE, offline)
        self.statusBar().showMessage(
            self.tr("Offline mode: no connection at all") if offline else self.tr("Online")
        )

    @Slot()
    def ask_forget_everything(self) -> None:
        """Ask once; if the user confirms, ``forget_requested`` is emitted."""
        include_models = confirm_forget_everything(self)
        if include_models is not None:
            self.client.stop()
            self.documents.stop_jobs()  # its index is about to go
            self.forget_requested.emit(include_models)

    def set_history(
        self,
        store: ConversationStore,
        library: ModelLibrary,
        servers: ServerStore,
        documents: DocumentLibrary,
    ) -> None:
        """Start over on another history (a new one, after forgetting everything)."""
        self._store = store
        self.model_choices.db = store.db
        self.documents.use(documents)
        self.library = library
        self.models.servers = servers
        if self.menus.offline.isChecked():  # a fresh start never goes online on its own
            self._save_setting(OFFLINE, True)
        self.chat_settings.set_store(store)
        self._show_send_key()
        self.sidebar.set_store(store)
        self.chat.let_go()  # forgetting everything, confirmed, ends the chat shown too
        self.chat.forget_writing()
        self.column.drafts.clear()  # the drafts of the chats forgotten go with them
        self._show_chat(ChatSession(store, self.chat_settings.new_chat_settings()))
        self.model_picker.set_library(library, servers)
        self.models.answer_locally()  # the servers were forgotten too
        if self.library_window is not None:
            self.library_window.set_library(library)
        loaded = self.loaded_model
        kept = loaded is not None and self.model_picker.select(loaded.path)
        if not kept and self.model_picker.count():
            self.load_model(self.model_picker.itemData(0))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.chat.may_leave():
            event.ignore()
            return
        self.chat.closing = True
        self._save_setting(WINDOW_GEOMETRY, self.saveGeometry().data().hex())
        self.tasks.shutdown()
        self.documents.shutdown()
        if self.local_api is not None:  # before the worker its replies run on
            self.local_api.stop()
        self.client.shutdown()
        # Deliver what the worker sent before it stopped, so a reply being written is saved.
        QCoreApplication.sendPostedEvents(self.client, QEvent.Type.MetaCall)
        super().closeEvent(event)
