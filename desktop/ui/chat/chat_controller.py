"""What the chat column does: it shows a ``ChatSession`` and passes the user's requests to it
and to the inference worker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut

from desktop.core.chat.session import PAGE, ChatSession, Page
from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel, Reply
from desktop.core.vault.store import ConversationStore, MessageStatus, StoredMessage
from desktop.messages import user_message
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.turn import Turn
from desktop.ui.inference_worker import InferenceClient


class ChatController(QObject):
    """Drives the chat column: one session at a time, one reply at a time.

    Attributes:
        session: the chat shown.
        model: the model loaded on the worker, which answers; None while there is none.
        generating: whether a reply is being written.

    Signals:
        status_changed(str, bool, bool): a status line, whether a reply is being written,
            and whether a question can be sent.
        saved(object): the id of the conversation whose history changed (None: incognito).
        context_used(int): the tokens of the model's context the conversation takes.
    """

    status_changed = Signal(str, bool, bool)
    saved = Signal(object)
    context_used = Signal(int)

    def __init__(self, column: ChatColumn, client: InferenceClient, session: ChatSession) -> None:
        super().__init__(column)
        self._column = column
        self._view = column.chat_view
        self._composer = column.composer
        self._client = client
        self.session = session
        self.model: LoadedModel | None = None
        self.generating = False
        self._view.earlier_requested.connect(self._show_earlier)
        self._view.edit_requested.connect(self.edit_message)
        self._view.regenerate_requested.connect(self.regenerate)
        self._view.delete_requested.connect(self.delete_message)
        self._view.branch_requested.connect(self.switch_branch)
        self._composer.submitted.connect(self.send)
        self._composer.edit_last_requested.connect(self.edit_last_message)
        cancel_edit = QShortcut(QKeySequence(Qt.Key.Key_Escape), self._composer)
        cancel_edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        cancel_edit.activated.connect(self.cancel_edit)
        column.stop_button.clicked.connect(client.stop)
        client.text.connect(self._reply_text)
        client.finished.connect(self._reply_finished)
        client.failed.connect(self._reply_failed)

    def show(self, session: ChatSession) -> bool:
        """Show *session* in place of the chat shown; False while a reply is written."""
        if self.generating:
            return False
        self.cancel_edit()
        self.session = session
        self._view.clear()
        self._column.notice.hide()
        self._column.incognito_banner.setVisible(session.incognito)
        if session.conversation is not None:
            self._render(session.page())
        self.count_context()
        self._composer.setFocus()
        return True

    def show_search_hit(self, store: ConversationStore, message_id: int, words: str) -> None:
        """Read more of the conversation shown until *message_id* is shown, and select the
        *words* found in it."""
        if self.session.conversation is None:
            return
        total = store.count_messages(self.session.conversation.id)
        shown = PAGE
        while not self._view.shows(message_id) and shown < total:
            shown *= 4
            self._render(self.session.page(shown))
        self._view.highlight(message_id, words)

    def count_context(self) -> None:
        """Have the worker count the tokens of the conversation (``context_used``)."""
        if self.model is not None and not self.generating:
            self._client.count(self.session.messages)

    def set_status(self, status: str, generating: bool, ready: bool) -> None:
        self.generating = generating
        self._column.set_generating(generating, ready)
        self.status_changed.emit(status, generating, ready)

    # Showing the history

    def _turns(self, stored: list[StoredMessage]) -> list[Turn]:
        conversation = self.session.conversation
        heading = (conversation.model if conversation else "") or self.tr("Assistant")
        interrupted = self.tr("Interrupted: Sotto stopped before this reply was finished")
        return [
            Turn("user", m.content, m.id)
            if m.role == "user"
            else Turn(
                "assistant",
                m.content,
                m.id,
                heading,
                interrupted * (m.status == MessageStatus.INTERRUPTED),
            )
            for m in stored
            if m.role in ("user", "assistant")
        ]

    def _render(self, page: Page) -> None:
        """Show *page* in place of what is shown, with its branch arrows."""
        self._view.clear()
        for turn in self._turns(page.messages):
            if turn.role == "user":
                self._view.add_user_message(turn.text, turn.message_id)
            else:
                self._view.add_reply(turn.heading, turn.text, turn.message_id, turn.footer)
        self._view.set_has_earlier(page.has_earlier)
        self._mark_branches(page.branches)

    def _mark_branches(self, branches: dict[int, tuple[int, int]]) -> None:
        for message_id, (index, count) in branches.items():
            self._view.set_branch(message_id, index, count)
        self.count_context()

    @Slot()
    def _show_earlier(self) -> None:
        if self.session.conversation is None or self.generating:
            return
        page = self.session.earlier()
        self._view.prepend_messages(self._turns(page.messages))
        self._view.set_has_earlier(page.has_earlier)
        self._mark_branches(page.branches)

    # Editing the conversation

    @Slot(int)
    def edit_message(self, message_id: int) -> None:
        """Put a question back in the composer; sending it starts a new branch there."""
        if self.generating:
            return
        text = self.session.edit(message_id)
        if text is not None:
            self._composer.setPlainText(text)
            self._composer.setFocus()
            self._column.editing_banner.show()

    @Slot()
    def edit_last_message(self) -> None:
        """Edit the last question shown (Up in an empty composer)."""
        question = self.session.last_question()
        if question is not None:
            self.edit_message(question)

    @Slot()
    def cancel_edit(self) -> None:
        if self.session.editing is not None:
            self.session.editing = None
            self._composer.clear()
        self._column.editing_banner.hide()

    @Slot(int)
    def regenerate(self, reply_id: int) -> None:
        """Ask for another reply in place of the last one; the old one stays a branch."""
        if not self.generating and self.model is not None and self.session.regenerate(reply_id):
            self._view.replace_from(reply_id, [])
            self._start_reply()

    @Slot(int)
    def delete_message(self, message_id: int) -> None:
        """Delete one message; the rest of the conversation stays."""
        if self.generating or self.session.conversation is None:
            return
        self._render(self.session.delete(message_id))
        self.saved.emit(self.session.conversation.id)

    @Slot(int, int)
    def switch_branch(self, message_id: int, step: int) -> None:
        """Show the branch of the message's previous (-1) or next (+1) sibling."""
        if self.generating or self.session.conversation is None:
            return
        page = self.session.switch_branch(message_id, step)
        if page is not None:
            self._view.replace_from(message_id, self._turns(page.messages))
            self._mark_branches(page.branches)

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message (or as the edit of an earlier one) and
        stream the reply."""
        if self.model is None:
            self._composer.setPlainText(text)
            return
        self._column.notice.hide()
        self._column.editing_banner.hide()
        sent = self.session.send(text, self.model.name)
        if self.session.conversation is not None:
            self.saved.emit(self.session.conversation.id)
        if sent.replaces is not None:
            self._view.replace_from(sent.replaces, [Turn("user", text, sent.message_id)])
        else:
            self._view.add_user_message(text, sent.message_id)
        self._start_reply()

    def _start_reply(self) -> None:
        assert self.model is not None
        self._view.begin_reply(self.model.name, self.session.reply_id)
        self.set_status(self.tr("Generating…"), generating=True, ready=False)
        self._client.generate(self.session.messages, self.session.settings.sampling)

    @Slot(str)
    def _reply_text(self, piece: str) -> None:
        self._view.append_reply(piece)
        self.session.reply_text(piece)

    @Slot(object)
    def _reply_finished(self, reply: Reply) -> None:
        saved = self.session.reply_id is not None
        branches = self.session.reply_finished(reply.text)
        if saved:
            conversation = self.session.conversation
            self.saved.emit(conversation.id if conversation else None)
        stats = self.tr(
            "{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s"
        ).format(
            tokens=reply.tokens, speed=reply.tokens_per_second, first=reply.first_token_seconds
        )
        if reply.cancelled:
            stats = self.tr("Stopped · {stats}").format(stats=stats)
        self._mark_branches(branches)
        self._view.end_reply(stats)
        # Where what the model read began, when older turns were left out.
        self._view.set_memory_start(self.session.first_seen(reply.left_out))
        self.context_used.emit(reply.prompt_tokens + reply.tokens)
        self.set_status(stats, generating=False, ready=True)
        self._composer.setFocus()

    @Slot(object)
    def _reply_failed(self, error: UserError) -> None:
        # The message was not answered: it is taken back so it can be sent again or edited.
        page = self.session.reply_failed()
        if page is not None:
            self._render(page)  # as the history now has it
        else:
            self._view.end_reply(self.tr("Not sent"))
        if not self._composer.toPlainText():
            self._composer.setPlainText(self.session.pending_text)
        self._column.show_notice(user_message(error))
        self.set_status(self.tr("Ready"), generating=False, ready=True)
