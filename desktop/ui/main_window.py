"""The main window: saved conversations on the left, the chat with a local model on the right."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
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

from desktop.core.chat.presets import Preset, PresetStore, all_presets, find_preset
from desktop.core.chat.settings import ChatSettings
from desktop.core.errors import UserError
from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.inference.engine import LoadedModel, Message, Reply, Sampling
from desktop.core.library.catalog import CatalogModel
from desktop.core.library.hub import HubClient
from desktop.core.library.library import ModelLibrary
from desktop.core.vault.preferences import SEND_WITH_CTRL_ENTER, Preferences
from desktop.core.vault.recorder import ReplyRecorder
from desktop.core.vault.store import LATEST, Conversation, ConversationStore, StoredMessage
from desktop.messages import user_message
from desktop.ui.about_dialog import AboutDialog
from desktop.ui.chat.conversation_export import export_conversation, print_conversation
from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.settings_panel import ChatSettingsPanel
from desktop.ui.chat.turn import Turn
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

    Messages form a tree in the vault: editing a question or regenerating a reply starts a
    branch beside the old one, and the arrows on a message switch between branches.

    Attributes:
        messages: the conversation so far, as the model sees it.
        client: the handle on the inference worker, whose signals carry the results.
        sidebar: the saved conversations and search.
        chat_view: the messages shown.
        settings_panel: the conversation's preset, system prompt, sampling and context.

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
        presets: tuple[Preset, ...],
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
        self._shipped_presets = presets
        self._preset_store = PresetStore(store.db)
        self._preferences = Preferences(store.db)
        self._default_sampling = sampling
        self._settings = self._new_chat_settings()
        self._loaded: LoadedModel | None = None
        self._asked_n_ctx = 0
        self._conversation: Conversation | None = None
        self._incognito = False
        self._recorder: ReplyRecorder | None = None
        self._pending_text = ""
        self._ids: list[int | None] = []
        self._editing: StoredMessage | None = None
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
        self.chat_view = MessageView()
        self.chat_view.earlier_requested.connect(self._show_earlier)
        self.chat_view.edit_requested.connect(self.edit_message)
        self.chat_view.regenerate_requested.connect(self.regenerate)
        self.chat_view.delete_requested.connect(self.delete_message)
        self.chat_view.branch_requested.connect(self.switch_branch)
        self.settings_panel = ChatSettingsPanel()
        self.settings_panel.settings_changed.connect(self._settings_changed)
        self.settings_panel.preset_save_requested.connect(self._save_preset)
        self.settings_panel.preset_delete_requested.connect(self._delete_preset)
        self.editing_banner = _banner(
            self.tr(
                "Editing a message: sending starts a new branch from it; the old one is kept. "
                "Esc cancels."
            ),
            "#35608f",
        )
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
        self.composer.edit_last_requested.connect(self.edit_last_message)
        self.composer.set_send_with_ctrl_enter(
            bool(self._preferences.get(SEND_WITH_CTRL_ENTER, False))
        )
        cancel_edit = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.composer)
        cancel_edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        cancel_edit.activated.connect(self.cancel_edit)
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
        chat.addWidget(self.editing_banner)
        chat.addLayout(bottom)
        chat_panel = QWidget()
        chat_panel.setLayout(chat)
        splitter = QSplitter()
        splitter.addWidget(self.sidebar)
        splitter.addWidget(chat_panel)
        splitter.addWidget(self.settings_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 600, 280])
        splitter.setContentsMargins(6, 6, 6, 0)
        self.setCentralWidget(splitter)
        self._build_menus()

        client.loaded.connect(self._model_loaded)
        client.load_failed.connect(self._model_load_failed)
        client.text.connect(self._reply_text)
        client.speed.connect(self.gauge.set_speed)
        client.finished.connect(self._reply_finished)
        client.failed.connect(self._reply_failed)
        client.counted.connect(self._counted)
        self._show_presets()
        self._show_chat(None, incognito=False)
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
        self.export_action = QAction(self.tr("&Export conversation…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_conversation)
        file_menu.addAction(self.export_action)
        self.print_action = QAction(self.tr("&Print conversation…"), self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(self.print_conversation)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        panel = QAction(self.tr("Chat &settings"), self)
        panel.setCheckable(True)
        panel.setChecked(True)
        panel.setShortcut(QKeySequence("Ctrl+,"))
        panel.toggled.connect(self.settings_panel.setVisible)
        view.addAction(panel)
        self.ctrl_enter_action = QAction(self.tr("Send with Ctrl+&Enter"), self)
        self.ctrl_enter_action.setCheckable(True)
        self.ctrl_enter_action.setChecked(bool(self._preferences.get(SEND_WITH_CTRL_ENTER, False)))
        self.ctrl_enter_action.setToolTip(
            self.tr("Ctrl+Enter sends and Enter starts a new line, instead of the other way")
        )
        self.ctrl_enter_action.toggled.connect(self._set_send_with_ctrl_enter)
        view.addAction(self.ctrl_enter_action)

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

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Sotto…"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

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

    def load_model(self, path: Path, n_ctx: int = 0) -> None:
        """Load the model at *path* on the inference worker, with a context of *n_ctx*
        tokens (0: the default for this machine); the window stays usable."""
        self.notice.hide()
        index = self.model_picker.findData(path)
        if index < 0:
            self.model_picker.addItem(path.stem, path)
            index = self.model_picker.count() - 1
        self.model_picker.setCurrentIndex(index)
        status = self.tr("Loading {name}…").format(name=self.model_picker.currentText())
        self._set_busy(status, generating=False, ready=False)
        self._asked_n_ctx = n_ctx
        self.client.load(path, None, n_ctx)

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
        """Show a saved conversation, the end of its branch, and restore its settings."""
        conversation = self._store.get_conversation(conversation_id)
        if conversation is None or self._generating():
            return
        self._show_chat(conversation, incognito=False)
        self._render(PAGE)
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
            self._render(shown)
        self.chat_view.highlight(message_id, words)

    def _show_chat(self, conversation: Conversation | None, incognito: bool) -> None:
        if self._generating():
            return
        self.cancel_edit()
        self._conversation = conversation
        self._incognito = incognito
        self._settings = self._settings_of(conversation)
        self.settings_panel.set_settings(self._settings)
        self.messages, self._ids = [], []
        self._set_system_prompt(self._settings.system_prompt)
        self.chat_view.clear()
        self.notice.hide()
        self.incognito_banner.setVisible(incognito)
        self.sidebar.select(conversation.id if conversation else None)
        self._count_context()
        self.composer.setFocus()

    def _new_chat_settings(self) -> ChatSettings:
        general = find_preset(self._shipped_presets, "general")
        return ChatSettings(
            preset_id="general",
            system_prompt=general.system_prompt if general else "",
            sampling=self._default_sampling,
        )

    def _settings_of(self, conversation: Conversation | None) -> ChatSettings:
        if conversation is None:
            return self._new_chat_settings()
        saved = {
            **conversation.sampling,
            "system_prompt": conversation.system_prompt,
            "preset_id": conversation.preset or "general",
        }
        return ChatSettings.from_dict(saved)

    def _set_system_prompt(self, prompt: str) -> None:
        if self.messages and self.messages[0]["role"] == "system":
            del self.messages[0], self._ids[0]
        if prompt:
            self.messages.insert(0, Message(role="system", content=prompt))
            self._ids.insert(0, None)

    def _turns(self, stored: list[StoredMessage]) -> list[Turn]:
        assert self._conversation is not None
        heading = self._conversation.model or self.tr("Assistant")
        interrupted = self.tr("Interrupted: Sotto stopped before this reply was finished")
        return [
            Turn("user", m.content, m.id)
            if m.role == "user"
            else Turn(
                "assistant", m.content, m.id, heading, interrupted * (m.status == "interrupted")
            )
            for m in stored
            if m.role in ("user", "assistant")
        ]

    def _render(self, limit: int) -> None:
        """Show the last *limit* messages of the conversation's branch, with its branch
        arrows, and make them what the model sees."""
        assert self._conversation is not None
        stored = self._store.messages(self._conversation.id, limit=limit)
        total = self._store.count_messages(self._conversation.id)
        self.chat_view.clear()
        for turn in self._turns(stored):
            if turn.role == "user":
                self.chat_view.add_user_message(turn.text, turn.message_id)
            else:
                self.chat_view.add_reply(turn.heading, turn.text, turn.message_id, turn.footer)
        self.chat_view.set_has_earlier(total > len(stored))
        self._follow_branch(stored)

    def _follow_branch(self, stored: list[StoredMessage]) -> None:
        """Make *stored* (the messages shown) what the model sees, and mark branches."""
        assert self._conversation is not None
        system = self.messages[:1] if self.messages and self.messages[0]["role"] == "system" else []
        self.messages = system + [Message(role=m.role, content=m.content) for m in stored]
        self._ids = [None] * len(system) + [m.id for m in stored]
        points = self._store.branch_points(self._conversation.id)
        for message in stored:
            siblings = points.get(message.parent_id, [])
            if message.id in siblings:
                self.chat_view.set_branch(message.id, siblings.index(message.id), len(siblings))
        self._count_context()

    @Slot()
    def _show_earlier(self) -> None:
        if self._conversation is None or self._generating():
            return
        shown = len(self._ids) - self._ids.count(None)
        stored = self._store.messages(self._conversation.id, limit=shown + PAGE)
        earlier = stored[: len(stored) - shown]
        self.chat_view.prepend_messages(self._turns(earlier))
        self.chat_view.set_has_earlier(
            self._store.count_messages(self._conversation.id) > len(stored)
        )
        self._follow_branch(stored)

    def _restore_model(self, name: str) -> None:
        index = self.model_picker.findText(name)
        wanted = index >= 0 and (self._loaded is None or self._loaded.name != name)
        if wanted or (self._loaded is not None and self._settings.n_ctx != self._asked_n_ctx):
            path = self.model_picker.itemData(index) if wanted else self._loaded_path()
            if path is not None:
                self.load_model(path, self._settings.n_ctx)

    def _loaded_path(self) -> Path | None:
        return self._loaded.path if self._loaded else None

    @Slot(int)
    def _conversation_deleted(self, conversation_id: int) -> None:
        if self._conversation is not None and self._conversation.id == conversation_id:
            self.new_chat()

    # Settings and presets

    @Slot(object)
    def _settings_changed(self, settings: ChatSettings) -> None:
        n_ctx_changed = settings.n_ctx != self._settings.n_ctx
        self._settings = settings
        self._set_system_prompt(settings.system_prompt)
        self._save_settings()
        if n_ctx_changed and self._loaded is not None and not self._generating():
            self.load_model(self._loaded.path, settings.n_ctx)
        self._count_context()

    def _save_settings(self) -> None:
        if self._conversation is None:
            return
        self._store.update_settings(
            self._conversation.id,
            system_prompt=self._settings.system_prompt,
            sampling=self._settings.to_dict(),
            preset=self._settings.preset_id,
        )
        self._conversation = self._store.get_conversation(self._conversation.id)

    def _show_presets(self) -> None:
        self.settings_panel.set_presets(all_presets(self._shipped_presets, self._preset_store))

    @Slot(str, str)
    def _save_preset(self, name: str, system_prompt: str) -> None:
        preset = self._preset_store.add(name.strip() or self.tr("My preset"), system_prompt)
        self._show_presets()
        self._settings = replace(self._settings, preset_id=preset.id, system_prompt=system_prompt)
        self.settings_panel.set_settings(self._settings)
        self._save_settings()

    @Slot(str)
    def _delete_preset(self, preset_id: str) -> None:
        self._preset_store.delete(preset_id)
        self._show_presets()
        self._settings = self.settings_panel.settings()
        self._save_settings()

    @Slot(bool)
    def _set_send_with_ctrl_enter(self, on: bool) -> None:
        self._preferences.set(SEND_WITH_CTRL_ENTER, on)
        self.composer.set_send_with_ctrl_enter(on)

    # Context

    def _count_context(self) -> None:
        if self._loaded is None:
            self.settings_panel.set_context_usage(0, 0)
        elif not self._generating():
            self.client.count(self.messages)

    @Slot(int)
    def _counted(self, tokens: int) -> None:
        if self._loaded is not None:
            self.settings_panel.set_context_usage(tokens, self._loaded.n_ctx)

    # Editing the conversation

    @Slot(int)
    def edit_message(self, message_id: int) -> None:
        """Put a question back in the composer; sending it starts a new branch there."""
        if self._generating() or self._conversation is None:
            return
        message = self._store.message(message_id)
        if message is None or message.role != "user":
            return
        self._editing = message
        self.composer.setPlainText(message.content)
        self.composer.setFocus()
        self.editing_banner.show()

    @Slot()
    def edit_last_message(self) -> None:
        """Edit the last question shown (Up in an empty composer)."""
        for message_id, message in zip(reversed(self._ids), reversed(self.messages), strict=True):
            if message["role"] == "user" and message_id is not None:
                self.edit_message(message_id)
                return

    @Slot()
    def cancel_edit(self) -> None:
        if self._editing is not None:
            self._editing = None
            self.composer.clear()
        self.editing_banner.hide()

    @Slot(int)
    def regenerate(self, reply_id: int) -> None:
        """Ask for another reply in place of the last one; the old one stays a branch."""
        if self._generating() or self._loaded is None or self._conversation is None:
            return
        if not self._ids or self._ids[-1] != reply_id or len(self._ids) < 2:
            return
        question = self._store.message(self._ids[-2] or -1)
        if question is None:
            return
        self.chat_view.replace_from(reply_id, [])
        self.messages.pop()
        self._ids.pop()
        self._pending_text = ""
        self._recorder = ReplyRecorder(self._store, self._conversation.id, question)
        self._start_reply()

    @Slot(int)
    def delete_message(self, message_id: int) -> None:
        """Delete one message; the rest of the conversation stays."""
        if self._generating() or self._conversation is None:
            return
        self._store.delete_message(message_id)
        self._render(max(PAGE, len(self._ids)))
        self.sidebar.refresh(self._conversation.id)

    @Slot(int, int)
    def switch_branch(self, message_id: int, step: int) -> None:
        """Show the branch of the message's previous (-1) or next (+1) sibling."""
        if self._generating() or self._conversation is None:
            return
        siblings = self._store.siblings(message_id)
        index = siblings.index(message_id) + step if message_id in siblings else -1
        if not 0 <= index < len(siblings):
            return
        self._store.show_branch(siblings[index])
        stored = self._store.messages(self._conversation.id, limit=max(PAGE, len(self._ids)))
        first = next(i for i, m in enumerate(stored) if m.id == siblings[index])
        self.chat_view.replace_from(message_id, self._turns(stored[first:]))
        self._follow_branch(stored)

    # Export and print

    def _export_turns(self) -> tuple[str, list[tuple[str, str]], str]:
        title = self._conversation.title if self._conversation else self.tr("Incognito chat")
        model = self._loaded.name if self._loaded else self.tr("Assistant")
        return title, [(m["role"], m["content"]) for m in self.messages], model

    @Slot()
    def export_conversation(self) -> Path | None:
        """Export the conversation shown to Markdown or Word, after a warning."""
        return export_conversation(self, *self._export_turns())

    @Slot()
    def print_conversation(self) -> bool:
        return print_conversation(self, *self._export_turns())

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message (or as the edit of an earlier one) and
        stream the reply."""
        if self._loaded is None:
            self.composer.setPlainText(text)
            return
        self.notice.hide()
        self._pending_text = text
        editing, self._editing = self._editing, None
        self.editing_banner.hide()
        if editing is not None and editing.id in self._ids:
            cut = self._ids.index(editing.id)
            del self.messages[cut:], self._ids[cut:]
        if not self._incognito:
            if self._conversation is None:
                self._conversation = self._store.create_conversation(
                    model=self._loaded.name,
                    system_prompt=self._settings.system_prompt,
                    sampling=self._settings.to_dict(),
                )
                self._save_settings()
            after = editing.parent_id if editing is not None else LATEST
            self._recorder = ReplyRecorder(self._store, self._conversation.id, text, after)
            self.sidebar.refresh(self._conversation.id)
        user_id = self._recorder.user_message.id if self._recorder else None
        if editing is not None:
            self.chat_view.replace_from(editing.id, [Turn("user", text, user_id)])
        else:
            self.chat_view.add_user_message(text, user_id)
        self.messages.append(Message(role="user", content=text))
        self._ids.append(user_id)
        self._start_reply()

    def _start_reply(self) -> None:
        assert self._loaded is not None
        reply_id = self._recorder.reply.id if self._recorder else None
        self.chat_view.begin_reply(self._loaded.name, reply_id)
        self._set_busy(self.tr("Generating…"), generating=True, ready=False)
        self.client.generate(self.messages, self._settings.sampling)

    @Slot(str)
    def _reply_text(self, piece: str) -> None:
        self.chat_view.append_reply(piece)
        if self._recorder is not None:
            self._recorder.add(piece)

    @Slot(object)
    def _reply_finished(self, reply: Reply) -> None:
        self.gauge.clear_speed()
        reply_id = None
        if self._recorder is not None:
            self._recorder.finish(reply.text)
            reply_id = self._recorder.reply.id
            self._recorder = None
            self.sidebar.refresh(self._conversation.id if self._conversation else None)
            if self._conversation is not None:
                self._mark_branches(reply_id)
        self.messages.append(Message(role="assistant", content=reply.text))
        self._ids.append(reply_id)
        stats = self.tr(
            "{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s"
        ).format(
            tokens=reply.tokens, speed=reply.tokens_per_second, first=reply.first_token_seconds
        )
        if reply.cancelled:
            stats = self.tr("Stopped · {stats}").format(stats=stats)
        self.chat_view.end_reply(stats)
        self._show_memory(reply)
        self._set_busy(stats, generating=False, ready=True)
        self.composer.setFocus()

    def _mark_branches(self, message_id: int) -> None:
        assert self._conversation is not None
        siblings = self._store.siblings(message_id)
        self.chat_view.set_branch(message_id, siblings.index(message_id), len(siblings))
        if len(self._ids) >= 1 and self._ids[-1] is not None:  # the question, if edited
            question = self._ids[-1]
            asked = self._store.siblings(question)
            self.chat_view.set_branch(question, asked.index(question), len(asked))

    def _show_memory(self, reply: Reply) -> None:
        """Mark where what the model read began, when older turns were left out."""
        assert self._loaded is not None
        offset = 1 if self.messages and self.messages[0]["role"] == "system" else 0
        first_seen = self._ids[offset + reply.left_out] if reply.left_out else None
        self.chat_view.set_memory_start(first_seen)
        used = reply.prompt_tokens + reply.tokens
        self.settings_panel.set_context_usage(used, self._loaded.n_ctx)

    @Slot(object)
    def _reply_failed(self, error: UserError) -> None:
        self.gauge.clear_speed()
        # The message was not answered: take it back so it can be sent again or edited.
        if self._recorder is not None:
            self._recorder.abandon()
            self._recorder = None
            self._render(max(PAGE, len(self._ids)))  # as the history now has it
        else:
            if self.messages and self.messages[-1]["role"] == "user":
                self.messages.pop()
                self._ids.pop()
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
        self._count_context()
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

    @Slot()
    def show_about(self) -> None:
        """The About box, whose button runs the self-check."""
        AboutDialog(self.tasks, parent=self).exec()

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
        self._preset_store = PresetStore(store.db)
        self._preferences = Preferences(store.db)
        self._show_presets()
        self.ctrl_enter_action.setChecked(False)
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
