"""The main window: saved conversations on the left, the chat with a local model on the right."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.engine import LoadedModel, Message, Reply, Sampling
from desktop.core.library.catalog import CatalogModel
from desktop.core.library.hub import HubClient
from desktop.core.library.library import ModelLibrary
from desktop.core.vault.recorder import ReplyRecorder
from desktop.core.vault.store import Conversation, ConversationStore, StoredMessage
from desktop.messages import user_message
from desktop.ui.chat_view import ChatView
from desktop.ui.composer import Composer
from desktop.ui.gauge import HardwareGauge
from desktop.ui.hardware_details import HardwareDetails
from desktop.ui.inference_worker import InferenceClient
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import MachineMemory
from desktop.ui.network_activity import GuardBridge, NetworkActivityDialog
from desktop.ui.sidebar import Sidebar
from desktop.ui.tasks import TaskRunner

PAGE = 200
"""Messages shown when a conversation opens; earlier ones load on request."""


def _banner(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"QLabel {{ color: white; background: {colour}; padding: 6px; }}")
    label.hide()
    return label


class MainWindow(QMainWindow):
    """The chat window.

    A saved conversation is written to the encrypted vault as it happens (a reply at least
    once a second while it streams); an incognito one exists only in this window's memory.

    Attributes:
        messages: the conversation so far, as the model sees it.
        client: the handle on the inference worker, whose signals carry the results.
        sidebar: the saved conversations and search.

    Signals:
        forget_requested(bool): the user confirmed forgetting everything; True to delete
            models too. The composition root does it and hands back a new history.
    """

    forget_requested = Signal(bool)

    def __init__(
        self,
        client: InferenceClient,
        store: ConversationStore,
        guard: GuardBridge,
        sampler: HardwareSampler,
        library: ModelLibrary,
        hub: HubClient,
        catalog: tuple[CatalogModel, ...],
        sampling: Sampling,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._guard = guard
        self.setWindowTitle(self.tr("Sotto"))
        self.resize(1100, 720)
        self.messages: list[Message] = []
        self.client = client
        self._store = store
        self._default_sampling = sampling
        self._sampling = sampling
        self._loaded: LoadedModel | None = None
        self._conversation: Conversation | None = None
        self._incognito = False
        self._recorder: ReplyRecorder | None = None
        self._pending_text = ""
        self._shown_from = 0
        self._is_generating = False
        self._library = library
        self._hub = hub
        self._catalog = catalog
        self.tasks = TaskRunner(self)
        self.library_window: LibraryWindow | None = None

        self.model_picker = QComboBox()
        self.model_picker.setMinimumContentsLength(28)
        self.model_picker.setToolTip(self.tr("The model that answers"))
        self._fill_model_picker()
        self.model_picker.activated.connect(self._model_chosen)
        library_button = QPushButton(self.tr("Library…"))
        library_button.setToolTip(self.tr("Find, download, import and remove models"))
        library_button.clicked.connect(self.show_library)

        self.sidebar = Sidebar(store)
        self.sidebar.conversation_chosen.connect(self.open_conversation)
        self.sidebar.conversation_deleted.connect(self._conversation_deleted)
        self.sidebar.new_chat_requested.connect(self.new_chat)
        self.sidebar.incognito_requested.connect(self.new_incognito_chat)
        self.sidebar.search_hit_chosen.connect(self.show_search_hit)
        self.chat_view = ChatView()
        self.chat_view.earlier_requested.connect(self._show_earlier)
        self.incognito_banner = _banner(
            self.tr("Incognito: this chat is never written to disk and is gone when you leave it."),
            "#4a2c6f",
        )
        self.notice = _banner("", "#b3261e")
        self.gauge = HardwareGauge(sampler)
        self.gauge.clicked.connect(self.show_hardware_details)
        self.statusBar().addPermanentWidget(self.gauge)
        self.composer = Composer()
        self.composer.setMaximumHeight(120)
        self.composer.submitted.connect(self.send)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_button.clicked.connect(self.client.stop)
        self.stop_button.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Model:")))
        top.addWidget(self.model_picker, 1)
        top.addWidget(library_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch()
        bottom.addLayout(buttons)
        chat = QVBoxLayout()
        chat.setContentsMargins(0, 0, 0, 0)
        chat.addLayout(top)
        chat.addWidget(self.incognito_banner)
        chat.addWidget(self.chat_view, 1)
        chat.addWidget(self.notice)
        chat.addLayout(bottom)
        chat_panel = QWidget()
        chat_panel.setLayout(chat)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(chat_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 840])
        splitter.setContentsMargins(6, 6, 6, 0)
        self.setCentralWidget(splitter)
        self._build_menus()

        client.loaded.connect(self._model_loaded)
        client.load_failed.connect(self._model_load_failed)
        client.text.connect(self._reply_text)
        client.speed.connect(self.gauge.set_speed)
        client.finished.connect(self._reply_finished)
        client.failed.connect(self._reply_failed)
        self._set_busy(self.tr("No model loaded"), generating=False, ready=False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_chat_action = QAction(self.tr("&New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.new_chat)
        file_menu.addAction(self.new_chat_action)
        self.incognito_action = QAction(self.tr("New &incognito chat"), self)
        self.incognito_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.incognito_action.triggered.connect(self.new_incognito_chat)
        file_menu.addAction(self.incognito_action)
        find = QAction(self.tr("&Search chats"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.sidebar.search_box.setFocus)
        file_menu.addAction(find)
        library = QAction(self.tr("Model &library…"), self)
        library.setShortcut(QKeySequence("Ctrl+L"))
        library.triggered.connect(self.show_library)
        file_menu.addAction(library)
        import_model = QAction(self.tr("&Import model file…"), self)
        import_model.setShortcut(QKeySequence.StandardKey.Open)
        import_model.triggered.connect(lambda: self.show_library().import_file())
        file_menu.addAction(import_model)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        privacy = self.menuBar().addMenu(self.tr("&Privacy"))
        activity = QAction(self.tr("&Network activity…"), self)
        activity.triggered.connect(self.show_network_activity)
        privacy.addAction(activity)
        self.offline_action = QAction(self.tr("&Offline mode"), self)
        self.offline_action.setCheckable(True)
        self.offline_action.setToolTip(self.tr("Refuse every connection, even to the model hub"))
        self.offline_action.toggled.connect(self._set_offline)
        privacy.addAction(self.offline_action)
        privacy.addSeparator()
        self.forget_action = QAction(self.tr("&Forget everything…"), self)
        self.forget_action.triggered.connect(self.ask_forget_everything)
        privacy.addAction(self.forget_action)

    @property
    def loaded_model(self) -> LoadedModel | None:
        return self._loaded

    @property
    def conversation(self) -> Conversation | None:
        """The saved conversation shown, or None for a new or incognito chat."""
        return self._conversation

    @property
    def incognito(self) -> bool:
        return self._incognito

    def load_model(self, path: Path) -> None:
        """Load the model at *path* on the inference worker; the window stays usable."""
        self.notice.hide()
        index = self.model_picker.findData(path)
        if index < 0:
            self.model_picker.addItem(path.stem, path)
            index = self.model_picker.count() - 1
        self.model_picker.setCurrentIndex(index)
        status = self.tr("Loading {name}…").format(name=path.stem)
        self._set_busy(status, generating=False, ready=False)
        self.client.load(path)

    # Conversations

    @Slot()
    def new_chat(self) -> None:
        """Start a chat that is saved once its first message is sent."""
        self._show_chat(None, incognito=False)

    @Slot()
    def new_incognito_chat(self) -> None:
        """Start a chat that is never written to disk."""
        self._show_chat(None, incognito=True)

    @Slot(int)
    def open_conversation(self, conversation_id: int) -> None:
        """Show a saved conversation, its latest ``PAGE`` messages, and restore its settings."""
        conversation = self._store.get_conversation(conversation_id)
        if conversation is None or self._generating():
            return
        self._show_chat(conversation, incognito=False)
        total = self._store.count_messages(conversation.id)
        self._render(self._store.messages(conversation.id, limit=PAGE), total)
        self._restore_model(conversation.model)

    @Slot(int, int, str)
    def show_search_hit(self, conversation_id: int, message_id: int, words: str) -> None:
        """Open the conversation of a search result and select the words found."""
        if self._conversation is None or self._conversation.id != conversation_id:
            self.open_conversation(conversation_id)
        if self._conversation is None:
            return
        total = self._store.count_messages(conversation_id)
        shown = PAGE
        while not self.chat_view.shows(message_id) and shown < total:
            shown *= 4
            self._render(self._store.messages(conversation_id, limit=shown), total)
        self.chat_view.highlight(message_id, words)

    def _show_chat(self, conversation: Conversation | None, incognito: bool) -> None:
        if self._generating():
            return
        self._conversation = conversation
        self._incognito = incognito
        self._sampling = self._sampling_of(conversation)
        self.messages = []
        if conversation is not None and conversation.system_prompt:
            self.messages.append(Message(role="system", content=conversation.system_prompt))
        self.chat_view.clear()
        self.notice.hide()
        self.incognito_banner.setVisible(incognito)
        self.sidebar.select(conversation.id if conversation else None)
        self.composer.setFocus()

    def _sampling_of(self, conversation: Conversation | None) -> Sampling:
        if conversation is None or not conversation.sampling:
            return self._default_sampling
        try:
            return Sampling(**conversation.sampling)
        except TypeError:  # settings saved by another version: start from the defaults
            return self._default_sampling

    def _render(self, stored: list[StoredMessage], total: int) -> None:
        assert self._conversation is not None
        heading = self._conversation.model or self.tr("Assistant")
        self.chat_view.clear()
        self.messages = [m for m in self.messages if m["role"] == "system"]
        self._shown_from = total - len(stored)
        if self._shown_from > 0:
            self.chat_view.add_earlier_link()
        for message in stored:
            if message.role == "user":
                self.chat_view.add_user_message(message.content, message.id)
            else:
                self.chat_view.begin_reply(heading, message.id)
                self.chat_view.append_reply(message.content)
                if message.status == "interrupted":
                    self.chat_view.end_reply(
                        self.tr("Interrupted: Sotto stopped before this reply was finished")
                    )
            self.messages.append(Message(role=message.role, content=message.content))

    @Slot()
    def _show_earlier(self) -> None:
        if self._conversation is None:
            return
        total = self._store.count_messages(self._conversation.id)
        shown = total - self._shown_from + PAGE
        self._render(self._store.messages(self._conversation.id, limit=shown), total)
        self.chat_view.moveCursor(QTextCursor.MoveOperation.Start)
        self.chat_view.ensureCursorVisible()

    def _restore_model(self, name: str) -> None:
        index = self.model_picker.findText(name)
        if index >= 0 and (self._loaded is None or self._loaded.name != name):
            self.load_model(self.model_picker.itemData(index))

    @Slot(int)
    def _conversation_deleted(self, conversation_id: int) -> None:
        if self._conversation is not None and self._conversation.id == conversation_id:
            self.new_chat()

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message and stream the reply."""
        if self._loaded is None:
            self.composer.setPlainText(text)
            return
        self.notice.hide()
        self._pending_text = text
        if not self._incognito:
            if self._conversation is None:
                self._conversation = self._store.create_conversation(
                    model=self._loaded.name, sampling=asdict(self._sampling)
                )
            self._recorder = ReplyRecorder(self._store, self._conversation.id, text)
            self.sidebar.refresh(self._conversation.id)
        self.messages.append(Message(role="user", content=text))
        self.chat_view.add_user_message(text)
        self.chat_view.begin_reply(self._loaded.name)
        self._set_busy(self.tr("Generating…"), generating=True, ready=False)
        self.client.generate(self.messages, self._sampling)

    @Slot(str)
    def _reply_text(self, piece: str) -> None:
        self.chat_view.append_reply(piece)
        if self._recorder is not None:
            self._recorder.add(piece)

    @Slot(object)
    def _reply_finished(self, reply: Reply) -> None:
        self.gauge.clear_speed()
        if self._recorder is not None:
            self._recorder.finish(reply.text)
            self._recorder = None
            self.sidebar.refresh(self._conversation.id if self._conversation else None)
        self.messages.append(Message(role="assistant", content=reply.text))
        stats = self.tr("{tokens} tokens · {speed:.1f} tokens/s").format(
            tokens=reply.tokens, speed=reply.tokens_per_second
        )
        if reply.cancelled:
            stats = self.tr("Stopped · {stats}").format(stats=stats)
        self.chat_view.end_reply(stats)
        self._set_busy(stats, generating=False, ready=True)
        self.composer.setFocus()

    @Slot(object)
    def _reply_failed(self, error: UserError) -> None:
        self.gauge.clear_speed()
        # The message was not answered: take it back so it can be sent again or edited.
        self.messages.pop()
        if self._recorder is not None:
            self._recorder.abandon()
            self._recorder = None
        self.chat_view.end_reply(self.tr("Not sent"))
        if not self.composer.toPlainText():
            self.composer.setPlainText(self._pending_text)
        self._show_notice(user_message(error))
        self._set_busy(self.tr("Ready"), generating=False, ready=True)

    # Models

    @Slot(int)
    def _model_chosen(self, index: int) -> None:
        path = self.model_picker.itemData(index)
        if self._loaded is None or path != self._loaded.path:
            self.load_model(path)

    @Slot()
    def show_library(self) -> LibraryWindow:
        """Show the model library window (made on first use) and return it."""
        if self.library_window is None:
            self.library_window = LibraryWindow(
                self._library,
                self._hub,
                self._catalog,
                MachineMemory(self.gauge.sampler),
                self.tasks,
                lambda: self._loaded.path if self._loaded else None,
                self,
            )
            self.library_window.load_requested.connect(self.load_model)
            self.library_window.models_changed.connect(self._fill_model_picker)
        self.library_window.show()
        self.library_window.raise_()
        self.library_window.activateWindow()
        return self.library_window

    @Slot()
    def _fill_model_picker(self) -> None:
        current = self.model_picker.currentData()
        self.model_picker.clear()
        for model in self._library.installed():
            if model.present:
                self.model_picker.addItem(model.name, model.path)
        index = self.model_picker.findData(current)
        if index >= 0:
            self.model_picker.setCurrentIndex(index)

    @Slot(object)
    def _model_loaded(self, model: LoadedModel) -> None:
        self._loaded = model
        self.gauge.set_model(model)
        if self._conversation is not None and self._conversation.model != model.name:
            self._store.update_settings(self._conversation.id, model=model.name)
            self._conversation = self._store.get_conversation(self._conversation.id)
        status = self.tr("{name} is ready").format(name=model.name)
        self._set_busy(status, generating=False, ready=True)
        self.composer.setFocus()

    @Slot(object, object)
    def _model_load_failed(self, error: UserError, still_loaded: LoadedModel | None) -> None:
        self._loaded = still_loaded
        self.gauge.set_model(still_loaded)
        self._show_notice(user_message(error))
        if still_loaded is None:
            status = self.tr("No model loaded: choose one above")
            self._set_busy(status, generating=False, ready=False)
        else:
            self.model_picker.setCurrentIndex(self.model_picker.findData(still_loaded.path))
            status = self.tr("{name} is ready").format(name=still_loaded.name)
            self._set_busy(status, generating=False, ready=True)

    # Hardware

    @Slot()
    def show_hardware_details(self) -> None:
        sampler = self.gauge.sampler
        snapshot = self.gauge.snapshot or sampler.sample()
        HardwareDetails(sampler.machine(), snapshot, self._loaded, self.gauge.speed, self).exec()

    # Privacy

    @Slot()
    def show_network_activity(self) -> None:
        NetworkActivityDialog(self._guard, self).exec()

    @Slot(bool)
    def _set_offline(self, offline: bool) -> None:
        self._guard.guard.offline = offline
        self.statusBar().showMessage(
            self.tr("Offline mode: no connection at all") if offline else self.tr("Online")
        )

    @Slot()
    def ask_forget_everything(self) -> None:
        """Ask once; if the user confirms, ``forget_requested`` is emitted."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Forget everything"),
            self.tr(
                "Delete every conversation, setting and cache of Sotto for good? The key of "
                "your history is destroyed first, so no copy of it can ever be read again."
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        models = QCheckBox(self.tr("Also delete the models I downloaded or imported"))
        box.setCheckBox(models)
        forget = box.addButton(self.tr("Forget everything"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is forget:
            self.client.stop()
            self.forget_requested.emit(models.isChecked())

    def set_history(self, store: ConversationStore, library: ModelLibrary) -> None:
        """Start over on another history (a new one, after forgetting everything)."""
        self._store = store
        self._library = library
        self.sidebar.set_store(store)
        self._recorder = None
        self._show_chat(None, incognito=False)
        current = self._loaded.path if self._loaded else None
        self._fill_model_picker()
        if self.library_window is not None:
            self.library_window.set_library(library)
        if current is not None and self.model_picker.findData(current) >= 0:
            self.model_picker.setCurrentIndex(self.model_picker.findData(current))
        elif self.model_picker.count():
            self.load_model(self.model_picker.itemData(0))

    # State

    def _generating(self) -> bool:
        return self._is_generating

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _set_busy(self, status: str, generating: bool, ready: bool) -> None:
        self.statusBar().showMessage(status)
        self._is_generating = generating
        self.send_button.setEnabled(ready)
        self.send_button.setVisible(not generating)
        self.stop_button.setVisible(generating)
        self.composer.setEnabled(not generating)
        self.model_picker.setEnabled(not generating)
        self.sidebar.setEnabled(not generating)
        for action in (self.new_chat_action, self.incognito_action):
            action.setEnabled(not generating)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.tasks.shutdown()
        self.client.shutdown()
        # Deliver what the worker sent before it stopped, so a reply being written is saved.
        QCoreApplication.sendPostedEvents(self.client, QEvent.Type.MetaCall)
        super().closeEvent(event)
