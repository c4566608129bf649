"""The main window: pick a model, talk to it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.inference.engine import LoadedModel, Message, Reply, Sampling
from desktop.core.library.installed import InstalledModel
from desktop.messages import user_message
from desktop.ui.chat_view import ChatView
from desktop.ui.composer import Composer
from desktop.ui.inference_worker import InferenceClient


class MainWindow(QMainWindow):
    """The chat window.

    The conversation lives in memory only: nothing the user writes is stored on disk.

    Attributes:
        messages: the conversation so far, as the model sees it.
        client: the handle on the inference worker, whose signals carry the results.
    """

    def __init__(
        self,
        client: InferenceClient,
        models: list[InstalledModel],
        sampling: Sampling,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sotto"))
        self.resize(900, 680)
        self.messages: list[Message] = []
        self.client = client
        self._sampling = sampling
        self._loaded: LoadedModel | None = None
        self._pending_text = ""

        self.model_picker = QComboBox()
        self.model_picker.setMinimumContentsLength(28)
        self.model_picker.setToolTip(self.tr("The model that answers"))
        for model in models:
            self.model_picker.addItem(model.name, model.path)
        self.model_picker.activated.connect(self._model_chosen)

        self.chat_view = ChatView()
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.setStyleSheet(
            "QLabel { color: palette(highlighted-text); "
            "background: #b3261e; padding: 6px; border-radius: 4px; }"
        )
        self.notice.hide()
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
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch()
        bottom.addLayout(buttons)
        layout = QVBoxLayout()
        layout.addLayout(top)
        layout.addWidget(self.chat_view, 1)
        layout.addWidget(self.notice)
        layout.addLayout(bottom)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self._build_menus()

        client.loaded.connect(self._model_loaded)
        client.load_failed.connect(self._model_load_failed)
        client.text.connect(self.chat_view.append_reply)
        client.finished.connect(self._reply_finished)
        client.failed.connect(self._reply_failed)
        self._set_busy(self.tr("No model loaded"), generating=False, ready=False)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.new_chat_action = QAction(self.tr("&New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.new_chat)
        file_menu.addAction(self.new_chat_action)
        open_model = QAction(self.tr("&Open model file…"), self)
        open_model.setShortcut(QKeySequence.StandardKey.Open)
        open_model.triggered.connect(self._open_model_file)
        file_menu.addAction(open_model)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

    @property
    def loaded_model(self) -> LoadedModel | None:
        return self._loaded

    def load_model(self, path: Path) -> None:
        """Load the model at *path* on the inference worker; the window stays usable."""
        self.notice.hide()
        index = self.model_picker.findData(path)
        if index < 0:
            self.model_picker.addItem(path.stem, path)
            index = self.model_picker.count() - 1
        self.model_picker.setCurrentIndex(index)
        self._set_busy(
            self.tr("Loading {name}…").format(name=path.stem), generating=False, ready=False
        )
        self.client.load(path)

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message and stream the reply."""
        if self._loaded is None:
            self.composer.setPlainText(text)
            return
        self.notice.hide()
        self._pending_text = text
        self.messages.append(Message(role="user", content=text))
        self.chat_view.add_user_message(text)
        self.chat_view.begin_reply(self._loaded.name)
        self._set_busy(self.tr("Generating…"), generating=True, ready=False)
        self.client.generate(self.messages, self._sampling)

    @Slot()
    def new_chat(self) -> None:
        self.messages.clear()
        self.chat_view.clear()

    @Slot(int)
    def _model_chosen(self, index: int) -> None:
        path = self.model_picker.itemData(index)
        if self._loaded is None or path != self._loaded.path:
            self.load_model(path)

    @Slot()
    def _open_model_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a model file"), "", self.tr("GGUF models (*.gguf);;All files (*)")
        )
        if name:
            self.load_model(Path(name))

    @Slot(object)
    def _model_loaded(self, model: LoadedModel) -> None:
        self._loaded = model
        self._set_busy(
            self.tr("{name} is ready").format(name=model.name), generating=False, ready=True
        )
        self.composer.setFocus()

    @Slot(object, object)
    def _model_load_failed(self, error: UserError, still_loaded: LoadedModel | None) -> None:
        self._loaded = still_loaded
        self._show_notice(user_message(error))
        if still_loaded is None:
            self._set_busy(
                self.tr("No model loaded: choose one above"), generating=False, ready=False
            )
        else:
            self.model_picker.setCurrentIndex(self.model_picker.findData(still_loaded.path))
            self._set_busy(
                self.tr("{name} is ready").format(name=still_loaded.name),
                generating=False,
                ready=True,
            )

    @Slot(object)
    def _reply_finished(self, reply: Reply) -> None:
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
        # The message was not answered: take it back so it can be sent again or edited.
        self.messages.pop()
        self.chat_view.end_reply(self.tr("Not sent"))
        if not self.composer.toPlainText():
            self.composer.setPlainText(self._pending_text)
        self._show_notice(user_message(error))
        self._set_busy(self.tr("Ready"), generating=False, ready=True)

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _set_busy(self, status: str, generating: bool, ready: bool) -> None:
        self.statusBar().showMessage(status)
        self.send_button.setEnabled(ready)
        self.send_button.setVisible(not generating)
        self.stop_button.setVisible(generating)
        self.composer.setEnabled(not generating)
        self.model_picker.setEnabled(not generating)
        self.new_chat_action.setEnabled(not generating)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.client.shutdown()
        super().closeEvent(event)
