"""The chat column: the model picker above, the messages, the banners, and the composer in
its rounded box below, as wide as the messages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.text.messages import user_message
from desktop.ui.chat.chat_header import ChatHeader
from desktop.ui.chat.chip_box import ChipBox
from desktop.ui.chat.composer_box import ComposerBox
from desktop.ui.chat.context_meter import ContextMeter
from desktop.ui.chat.drafts import ChatDrafts
from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.welcome import Welcome
from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.theme import SPACE_S, SPACE_XS


def _banner(text: str, colour: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet(f"QLabel {{ color: white; background: {colour}; padding: 6px; }}")
    label.hide()
    return label


class ChatColumn(QWidget):
    """The middle of the main window. It holds the widgets; the window gives them behaviour.

    Files dropped on it are documents for the chat (``files_dropped``). The composer stands
    under the messages, as wide as their column and centred with it.

    Attributes:
        header: the model picker, Library, Servers and the chat settings button.
        model_picker: the model that answers.
        library_button: opens the model library.
        servers_button: opens the user's model servers.
        settings_button: opens and closes the chat settings panel.
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
        composer_box: the rounded box around the composer and its controls.
        preset_box: the conversation's preset, a chip in the composer's box.
        documents_box: the collection of documents the chat answers from (item data: its
            name; "" for none), a chip in the composer's box.
        attach_button: adds files to the chat's documents.
        context_meter: how full the model's context is, once the conversation is long.
        composer: where the user writes.
        drafts: each chat's draft, kept while the window is open.
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
        self.setObjectName("chatColumn")  # drawn on the surface colour, beside the sidebar
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header = ChatHeader(model_picker)
        self.model_picker = model_picker
        self.library_button = self.header.library_button
        self.servers_button = self.header.servers_button
        self.settings_button = self.header.settings_button
        self.preset_box = preset_box
        self.preset_box.setToolTip(
            self.tr("The preset of this chat: how the model is told to answer")
        )
        self.documents_box = ChipBox()
        self.documents_box.setToolTip(
            self.tr("The documents this chat answers from, citing them; they stay on this computer")
        )
        self.composer_box = ComposerBox(self.documents_box, self.preset_box)
        self.composer = self.composer_box.composer
        self.attach_button = self.composer_box.attach_button
        self.send_button = self.composer_box.send_button
        self.stop_button = self.composer_box.stop_button
        self.context_meter = ContextMeter()
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
        self.drafts = ChatDrafts(self.composer, self.context_warning)

        self._bottom = QVBoxLayout()  # as wide as the messages' column (see resizeEvent)
        self._bottom.setContentsMargins(0, 0, 0, 0)
        notice_row = QHBoxLayout()
        notice_row.addWidget(self.notice, 1)
        notice_row.addWidget(self.save_again_button)
        self._bottom.addLayout(notice_row)
        self._bottom.addWidget(self.editing_banner)
        self._bottom.addWidget(self.context_warning)
        self._bottom.addWidget(self.composer_box)
        self._bottom.addWidget(self.context_meter, 0, Qt.AlignmentFlag.AlignRight)
        self._bottom_widget = QWidget()
        self._bottom_widget.setLayout(self._bottom)
        centred = QHBoxLayout()
        centred.setContentsMargins(SPACE_S, 0, SPACE_S, SPACE_S)
        centred.addStretch(0)
        centred.addWidget(self._bottom_widget, 1)
        centred.addStretch(0)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACE_XS)
        column.addWidget(self.header)
        column.addWidget(self.incognito_banner)
        column.addWidget(self.remote_banner)
        column.addWidget(self._middle, 1)
        column.addLayout(centred)

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
        composer."""
        self._bottom.insertWidget(self._bottom.indexOf(self.composer_box), widget)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_bottom()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_bottom()

    def _fit_bottom(self) -> None:
        """The composer as wide as the messages' column, centred under it."""
        self._bottom_widget.setMaximumWidth(self.chat_view.widest_column())

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
        self.composer_box.set_generating(generating, ready)
