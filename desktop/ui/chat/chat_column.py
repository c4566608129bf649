"""The chat column: the model picker, the messages, the banners, the preset and the
composer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.paths import RESOURCES_DIR
from desktop.text.messages import user_message
from desktop.ui.chat.composer import Composer
from desktop.ui.chat.context_meter import ContextMeter
from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.welcome import Welcome
from desktop.ui.models.model_picker import ModelPicker


def _banner(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"QLabel {{ color: white; background: {colour}; padding: 6px; }}")
    label.hide()
    return label


class ChatColumn(QWidget):
    """The middle of the main window. It holds the widgets; the window gives them behaviour.

    Files dropped on it are documents for the chat (``files_dropped``).

    Attributes:
        model_picker: the model that answers.
        library_button: opens the model library.
        servers_button: opens the user's model servers.
        incognito_banner: says that the chat is never saved.
        remote_banner: names the host the chat's messages are sent to, while a model on
            one of the user's servers answers.
        welcome: in place of the messages while the chat is empty: what Sotto promises,
            example prompts and a way to a better model.
        chat_view: the messages.
        notice: a sentence about what went wrong, above the composer.
        save_again_button: beside the notice while the last reply could not be saved:
            tries again.
        editing_banner: says that a question is being edited.
        context_warning: says that the message being written would push the oldest turns
            out of what the model reads.
        preset_box: the conversation's preset, above the composer.
        documents_box: the collection of documents the chat answers from (item data: its
            name; "" for none).
        attach_button: adds files to the chat's documents.
        context_meter: how full the model's context is, once the conversation is long.
        settings_button: opens and closes the chat settings panel.
        composer: where the user writes.
        send_button, stop_button: send the question; stop the reply (one shows at a time).

    Signals:
        files_dropped(list): the local files dropped on the chat (paths).
    """

    files_dropped = Signal(list)

    def __init__(
        self, model_picker: ModelPicker, preset_box: QComboBox, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.model_picker = model_picker
        self.preset_box = preset_box
        self.preset_box.setMinimumContentsLength(12)
        self.preset_box.setToolTip(
            self.tr("The preset of this chat: how the model is told to answer")
        )
        self.documents_box = QComboBox()
        self.documents_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.documents_box.setMinimumContentsLength(10)
        self.documents_box.setToolTip(
            self.tr("The documents this chat answers from, citing them; they stay on this computer")
        )
        self.attach_button = QToolButton()
        self.attach_button.setIcon(QIcon(str(RESOURCES_DIR / "icons" / "attach.svg")))
        self.attach_button.setToolTip(
            self.tr(
                "Attach documents: PDF, Word, text, Markdown, HTML or pictures of pages "
                "(or drop them here); the arrow offers to revise a Word document"
            )
        )
        self.attach_button.setAccessibleName(self.tr("Attach documents"))
        self.context_meter = ContextMeter()
        self.settings_button = QToolButton()
        self.settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.library_button = QPushButton(self.tr("Library…"))
        self.library_button.setToolTip(self.tr("Find, download, import and remove models"))
        self.servers_button = QPushButton(self.tr("Servers…"))
        self.servers_button.setToolTip(self.tr("Chat with models on your firm's own server"))
        self.incognito_banner = _banner(
            self.tr("Incognito: this chat is never written to disk and is gone when you leave it."),
            "#4a2c6f",
        )
        self.remote_banner = _banner("", "#8a4b08")
        self.chat_view = MessageView()
        self.welcome = Welcome()
        self.welcome.prompt_chosen.connect(self._use_prompt)
        self._middle = QStackedWidget()
        self._middle.addWidget(self.chat_view)
        self._middle.addWidget(self.welcome)
        self.notice = _banner("", "#b3261e")
        self.save_again_button = QPushButton(self.tr("Save the reply again"))
        self.save_again_button.setToolTip(
            self.tr("The reply is shown but not saved yet; Copy under it keeps it too")
        )
        self.save_again_button.hide()
        self.editing_banner = _banner(
            self.tr(
                "Editing a message: sending starts a new branch from it; the old one is kept. "
                "Esc cancels."
            ),
            "#35608f",
        )
        self.context_warning = _banner("", "#8a6d00")
        self.composer = Composer()
        self.composer.setMaximumHeight(100)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_button.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Model:")))
        top.addWidget(model_picker, 1)
        top.addWidget(self.library_button)
        top.addWidget(self.servers_button)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch()
        composer_bar = QHBoxLayout()
        composer_bar.setSpacing(2)  # its controls fit beside both side panels at 800 px
        composer_bar.addWidget(self.preset_box)
        composer_bar.addWidget(self.attach_button)
        composer_bar.addWidget(self.documents_box)
        composer_bar.addStretch(1)
        composer_bar.addWidget(self.context_meter)
        composer_bar.addWidget(self.settings_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        bottom.addLayout(buttons)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.incognito_banner)
        column.addWidget(self.remote_banner)
        column.addWidget(self._middle, 1)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.save_again_button)
        column.addLayout(notice_row)
        column.addWidget(self.editing_banner)
        column.addWidget(self.context_warning)
        column.addLayout(composer_bar)
        column.addLayout(bottom)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)

    def add_above_composer(self, widget: QWidget) -> None:
        """Show *widget* (a job of the chat's, such as documents being read) just above the
        preset and the composer."""
        column = self.layout()
        assert isinstance(column, QVBoxLayout)
        column.insertWidget(column.count() - 2, widget)  # before the composer bar and box

    def show_welcome(self, shown: bool) -> None:
        """Show the welcome in place of the messages (*shown*), or the messages."""
        self._middle.setCurrentWidget(self.welcome if shown else self.chat_view)

    def _use_prompt(self, prompt: str) -> None:
        """An example prompt, in the composer to be read, changed and sent."""
        self.composer.setPlainText(prompt)
        self.composer.setFocus()
        self.composer.moveCursor(QTextCursor.MoveOperation.End)

    def show_remote_host(self, host: str | None) -> None:
        """Say that messages go to *host* (a model server); None: they stay here."""
        if host is not None:
            self.remote_banner.setText(
                self.tr(
                    "Messages in this chat are sent to {host}. The history stays on this "
                    "computer, encrypted."
                ).format(host=host)
            )
        self.remote_banner.setVisible(host is not None)

    def show_notice(self, text: str, details: str = "") -> None:
        """Show *text* above the composer; *details* (the system's own words) on hover."""
        self.notice.setText(text)
        self.notice.setToolTip(details)
        self.notice.show()

    def show_error(self, error: UserError) -> None:
        self.show_notice(user_message(error), error.details)

    def set_generating(self, generating: bool, ready: bool) -> None:
        """Show Stop while a reply is written in this chat, Send otherwise (enabled when
        *ready*)."""
        self.send_button.setEnabled(ready)
        self.send_button.setVisible(not generating)
        self.stop_button.setVisible(generating)
        self.composer.setEnabled(not generating)
