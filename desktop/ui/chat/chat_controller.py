"""What the chat column does: it shows a ``ChatSession`` and routes the user's requests
between its parts: the history shown (``HistoryShown``), the reply in flight
(``ReplyStream``, ``ReplyInFlight``), the context counted (``ContextCount``) and the notices
(``ChatNotices``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from desktop.core.chat.session import ChatSession
from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel, Reply
from desktop.core.modelfile.model_info import model_name
from desktop.core.modelfile.speed import MeasuredSpeeds
from desktop.core.remote.server import RemoteModel
from desktop.core.vault.store import ConversationStore
from desktop.text.messages import user_message
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.chat_notices import ChatNotices
from desktop.ui.chat.context_count import ContextCount
from desktop.ui.chat.history_shown import HistoryShown
from desktop.ui.chat.reply_in_flight import Ending, ReplyInFlight, TakenBack
from desktop.ui.chat.reply_stream import ReplyStream
from desktop.ui.chat.turn import Turn
from desktop.ui.documents.search_worker import DocumentSearchClient
from desktop.ui.models.inference_worker import InferenceClient


class ChatController(QObject):
    """Drives the chat column: one session shown at a time, one reply written at a time.

    The reply goes on being written into its own chat while the user reads another one (or
    starts a new one); only the chat it is written for shows it, and questions wait until it
    ends.

    Attributes:
        session: the chat shown.
        replies: the reply in flight (``ReplyStream.reply``), from its question to its end.
        history: the history of the chat shown, in the message view.
        writing: the chat the last reply was written for (being written while
            ``generating``), kept so that opening it again shows the reply.
        model: the model that answers: loaded on the worker, or on one of the user's
            servers (the worker then streams from it); None while there is none.
        generating: whether a reply is being written (or its question waits for the
            model being loaded).
        closing: whether the window is closing: a reply it stops is marked interrupted.
        passages: how many passages of the chat's documents the model is given with a
            question (Settings → Documents).
        measured: the speeds the models loaded here showed, for the model library.

    Signals:
        status_changed(str, bool, bool): a status line, whether a reply is being written,
            and whether a question can be sent.
        idle(): the reply being written has ended.
        saved(object): the id of the conversation whose history changed (None: incognito).
        context_used(int): the tokens of the model's context the conversation takes.
    """

    status_changed = Signal(str, bool, bool)
    idle = Signal()
    saved = Signal(object)
    context_used = Signal(int)

    def __init__(self, column: ChatColumn, client: InferenceClient, session: ChatSession) -> None:
        super().__init__(column)
        self._column = column
        self._view = column.chat_view
        self._composer = column.composer
        self._client = client
        self.session = session
        self.writing: ChatSession | None = None
        self._model: LoadedModel | RemoteModel | None = None
        self.generating = False
        self._let_go: ChatSession | None = None
        self._ready = False
        self._notices = ChatNotices(column, lambda: self.session)
        self.replies = ReplyStream(client, self._view, lambda chat: chat is self.session)
        self.replies.progress.connect(lambda text: self.status_changed.emit(text, True, False))
        self.replies.ended.connect(self._reply_ended)
        self.replies.taken_back.connect(self._taken_back)
        self.replies.dropped.connect(self._reply_dropped)
        self.replies.failed.connect(self._notices.error)
        self.replies.noted.connect(self._notices.notice)
        self._given_back: tuple[ChatSession | None, str] = (None, "")
        self.history = HistoryShown(self, column)
        self.history.saved.connect(self.saved)
        self.history.unsaved.connect(self._notices.unsaved)
        self._context = ContextCount(self, column, client)
        self._view.edit_requested.connect(self.edit_message)
        self._view.regenerate_requested.connect(self.regenerate)
        self._view.continue_requested.connect(self.continue_reply)
        self._composer.submitted.connect(self.send)
        self._composer.edit_last_requested.connect(self.edit_last_message)
        cancel_edit = QShortcut(QKeySequence(Qt.Key.Key_Escape), self._composer)
        cancel_edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        cancel_edit.activated.connect(self.cancel_edit)
        column.stop_button.clicked.connect(self.stop)

    def may_leave(self) -> bool:
        """Whether the chat shown may be left. An incognito chat with questions, which
        leaving ends for good, only if the user agrees (once)."""
        session = self.session
        if not session.incognito or not session.has_questions() or session is self._let_go:
            return True
        answer = QMessageBox.question(
            self._column,
            self.tr("Leave the incognito chat"),
            self.tr(
                "This incognito chat is never saved: leaving it ends it for good, and "
                "nothing of it can be found again. Leave it?"
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.let_go()
        return True

    def let_go(self) -> None:
        """Let the chat shown be left without asking (the user agreed to end it)."""
        self._let_go = self.session

    def show(self, session: ChatSession) -> bool:
        """Show *session* in place of the chat shown (a reply being written goes on in its
        own chat)."""
        self.cancel_edit()
        if self.session.incognito and self.session is self.writing:
            self._client.stop()  # the user ended the chat: nothing of its reply is kept
            self.forget_writing()
        self._column.drafts.switch(self.session, session)  # each chat keeps its own draft
        self.session = session
        self._view.clear()
        self._column.notice.hide()
        self._column.save_again_button.setVisible(session.has_unsaved_reply)
        self._column.incognito_banner.setVisible(session.incognito)
        reply = self.replies.reply
        if reply is not None and session is reply.session:
            self.history.render(session.on_screen())
            self._view.begin_reply(self._model_name(), session.reply_id)
            self._view.append_reply(session.continuing_from + reply.written)
            self._view.show_reply_progress(reply.progress)
        elif session.conversation is not None:
            self.history.render(session.page())
        self._show_generating()
        self._show_welcome()
        self._give_back()
        self.count_context()
        self._composer.setFocus()
        return True

    @Slot(int)
    def set_passages(self, passages: int) -> None:
        """Give the model *passages* passages of the chat's documents with each question."""
        self.replies.passages = passages

    def use_documents(self, documents: DocumentSearchClient) -> None:
        """Answer the chats that have documents from *documents*' searches."""
        self.replies.use_documents(documents)

    @property
    def closing(self) -> bool:
        """Whether the window is closing: a reply it stops is marked interrupted."""
        return self.replies.closing

    @closing.setter
    def closing(self, closing: bool) -> None:
        self.replies.closing = closing

    @property
    def passages(self) -> int:
        """How many passages of the chat's documents the model is given with a question
        (Settings → Documents)."""
        return self.replies.passages

    @passages.setter
    def passages(self, passages: int) -> None:
        self.replies.passages = passages

    @property
    def measured(self) -> MeasuredSpeeds:
        """The speeds the models loaded here showed, for the model library."""
        return self.replies.measured

    def kept(self, conversation_id: int) -> ChatSession | None:
        """The chat of *conversation_id* if a reply was written in it here (shown again as
        it is, with a reply still being written)."""
        writing = self.writing
        conversation = writing.conversation if writing else None
        return writing if conversation and conversation.id == conversation_id else None

    def forget_writing(self) -> None:
        """Let the reply being written end unsaved: its history is gone (forgotten)."""
        self.writing = None
        self.replies.forget()

    def show_search_hit(self, store: ConversationStore, message_id: int, words: str) -> None:
        """Read more of the conversation shown until *message_id* is shown, and select the
        *words* found in it."""
        self.history.show_search_hit(store, message_id, words)

    @property
    def model(self) -> LoadedModel | RemoteModel | None:
        return self._model

    @model.setter
    def model(self, model: LoadedModel | RemoteModel | None) -> None:
        self._model = model
        self.history.offer_continue()
        self._show_welcome()
        if self.replies.waits_for_model():
            # After whoever set the model has said it is ready: the question goes on then.
            QTimer.singleShot(0, self._model_came)

    def _show_welcome(self) -> None:
        """The welcome in an empty chat, unless a server answers: its promise that nothing
        leaves this computer would not hold."""
        empty = self.session.conversation is None and not self.session.has_questions()
        self._column.show_welcome(empty and not isinstance(self.model, RemoteModel))

    def count_context(self) -> None:
        """Have the worker count the tokens of the conversation and of what is typed
        (``context_used``)."""
        self._context.count()

    def set_status(self, status: str, generating: bool, ready: bool) -> None:
        ended = self.generating and not generating
        self.generating = generating
        self._ready = ready
        self._show_generating()
        self.status_changed.emit(status, generating, ready)
        if ended:
            self.idle.emit()

    def _show_generating(self) -> None:
        """Stop in the chat a reply is written for; elsewhere Send, which waits for it."""
        here = self.generating and self.session is self.writing
        self._column.set_generating(here, self._ready and not self.generating)
        if self.generating and not here:
            self._column.send_button.setToolTip(
                self.tr("A reply is being written in another chat; send once it has ended")
            )
        else:
            self._column.send_button.setToolTip(self._column.send_button.accessibleName())

    def _model_name(self) -> str:
        if self.model is not None:
            return self.model.name
        loading = self._client.loading
        return model_name(loading) if loading is not None else self.tr("Assistant")

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
        if self.generating or self.model is None:
            return
        try:
            regenerating = self.session.regenerate(reply_id)
        except UserError as error:  # the disk: nothing changed
            self._column.show_error(error)
            return
        if regenerating:
            self._hide_unsaved()
            self._view.replace_from(reply_id, [])
            self._start_reply()

    @Slot(int)
    def continue_reply(self, reply_id: int) -> None:
        """Have the model write on from where the last reply stopped, in place."""
        if self.generating or not isinstance(self.model, LoadedModel):
            return
        try:
            continuing = self.session.continue_reply(reply_id)
        except UserError as error:  # the disk: nothing changed
            self._column.show_error(error)
            return
        if continuing:
            self._column.notice.hide()
            self._hide_unsaved()
            self._view.resume_reply(reply_id)
            self._ask_for_reply()

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message (or as the edit of an earlier one) and
        stream the reply (once the model being loaded is ready, if there is none yet)."""
        if self.generating or (self.model is None and self._client.loading is None):
            self._composer.setPlainText(text)
            return
        self._column.notice.hide()
        self._column.editing_banner.hide()
        try:
            sent = self.session.send(text, self._model_name())
        except UserError as error:  # the disk: nothing was sent, and the question waits
            self._composer.setPlainText(text)
            self._column.editing_banner.setVisible(self.session.editing is not None)
            self._column.show_error(error)
            return
        self._hide_unsaved()
        self._show_welcome()
        if self.session.conversation is not None:
            self.saved.emit(self.session.conversation.id)
        if sent.replaces is not None:
            self._view.replace_from(sent.replaces, [Turn("user", text, sent.message_id)])
        else:
            self._view.add_user_message(text, sent.message_id)
        self._start_reply()

    def _start_reply(self) -> None:
        self._view.begin_reply(self._model_name(), self.session.reply_id)
        self._ask_for_reply(from_documents=True)

    @Slot()
    def _model_came(self) -> None:
        """A model is ready for the question that waited (or none came: it is taken back)."""
        self.replies.model_ready(self.model)
        if self.model is None:
            self.set_status(self.tr("No model loaded: choose one above"), False, False)

    def _ask_for_reply(self, from_documents: bool = False) -> None:
        """Have the model write the reply (once it is loaded, if none is yet);
        *from_documents*: given the passages of the chat's documents chosen for its
        question, first."""
        self._column.context_warning.hide()
        self.writing = self.session
        self.set_status(self.tr("Generating…"), generating=True, ready=False)
        self._view.set_continuable(None)
        self.replies.ask(self.session, self.model, from_documents)

    @Slot()
    def stop(self) -> None:
        """Stop the reply (Stop, or Esc); while the documents are searched or the model
        loads, before it began."""
        self.replies.stop()

    @Slot()
    def recover(self) -> None:
        """After a bug (the exception hook caught it): end the reply in flight as failed, so
        that the chat is usable again."""
        if self.generating:  # a model being loaded meanwhile says when it is ready
            self.set_status(self.tr("Ready"), generating=False, ready=self.model is not None)
        self.replies.recover()

    @Slot(object, object, object)
    def _reply_ended(self, reply: ReplyInFlight, ending: Ending, answer: Reply) -> None:
        session = reply.session
        if ending.saved:
            self.saved.emit(session.conversation.id if session.conversation else None)
        if answer.cut_off is not None:  # what arrived is kept, and the user told why it ends
            self._notices.error(session, answer.cut_off)
        if ending.unsaved is not None:
            self._notices.unsaved(session, ending.unsaved)
        shown = session is self.session
        if shown:
            self.history.mark_branches(ending.branches)
            self._view.end_reply(ending.line)
            ids = session.ids
            if reply.sources and ids and ids[-1] is not None:
                self._view.set_sources(ids[-1], reply.sources)
            # Where what the model read began, when older turns were left out.
            self._view.set_memory_start(session.first_seen(answer.left_out))
            if isinstance(self.model, LoadedModel):  # a server's context is its own
                self.context_used.emit(answer.prompt_tokens + answer.tokens)
        self.set_status(ending.line, generating=False, ready=True)
        if shown:
            self._composer.setFocus()

    @Slot()
    def _reply_dropped(self) -> None:
        self.set_status(self.tr("Ready"), generating=False, ready=self.model is not None)

    @Slot(object, object)
    def _taken_back(self, reply: ReplyInFlight, taken: TakenBack) -> None:
        """The message was not answered (it failed, or was stopped before a word): it is
        taken back so it can be sent again or edited."""
        session = reply.session
        if not session.incognito and session.conversation is None:
            self.saved.emit(None)  # a new chat's first question: its conversation is gone
        if taken.errors:
            self.set_status(self.tr("Ready"), generating=False, ready=self.model is not None)
            self._notices.notice(
                session,
                "\n".join(user_message(e) for e in taken.errors),
                "\n".join(e.details for e in taken.errors if e.details),
            )
        else:
            ready = self.model is not None
            self.set_status(self.tr("Stopped before the reply began"), False, ready)
        self._given_back = (session, taken.question)
        if session is not self.session:
            return
        if taken.page is not None:
            self.history.render(taken.page)  # as the history now has it
        elif not session.has_questions():
            self._view.clear()  # the chat is new again: its question is in the composer
        else:
            self._view.end_reply(self.tr("Not sent"))
        self._show_welcome()
        self._give_back()

    def _give_back(self) -> None:
        """Put a question that got no reply back in the composer of its chat, once shown."""
        session, text = self._given_back
        if session is self.session:
            if not self._composer.toPlainText():
                self._composer.setPlainText(text)
            self._given_back = (None, "")

    def show_error(self, error: UserError) -> None:
        """Say above the composer what went wrong in the chat shown."""
        self._column.show_error(error)

    def _hide_unsaved(self) -> None:
        self._column.save_again_button.hide()
