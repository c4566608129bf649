"""What the chat column does: it shows a ``ChatSession`` and passes the user's requests to it
and to the inference worker."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox

from desktop.core.chat.session import PAGE, ChatSession, Page
from desktop.core.documents.embedding_choice import DEFAULT_PASSAGES
from desktop.core.documents.prompt import grounded_messages, sources_of
from desktop.core.documents.search import Hit
from desktop.core.errors import UserError
from desktop.core.inference.engine import prompt_budget
from desktop.core.inference.types import LoadedModel, Reading, Reply
from desktop.core.modelfile.speed import MeasuredSpeeds
from desktop.core.remote.server import RemoteModel
from desktop.core.vault.sources import Source
from desktop.core.vault.store import ConversationStore, MessageStatus, StoredMessage
from desktop.text.messages import user_message
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.reading_text import reading_text
from desktop.ui.chat.turn import Turn
from desktop.ui.documents.search_worker import DocumentSearchClient
from desktop.ui.models.inference_worker import InferenceClient

DRAFT_DELAY_MS = 300
"""What is typed is counted against the context once typing pauses this long."""
WHOLE_SHARE = 0.4
"""Documents that take at most this share of the model's context are given to it whole."""
CHARS_PER_TOKEN = 2
"""A cautious guess at the characters a token holds: about 4 in English, 1 to 2 in Chinese."""
REMOTE_CONTEXT = 8192
"""The context assumed of a model on a server, which does not say."""
MEASURED_TOKENS = 16
"""A reply of fewer tokens says too little of the model's speed to remember it."""


class ChatController(QObject):
    """Drives the chat column: one session shown at a time, one reply written at a time.

    The reply goes on being written into its own chat while the user reads another one (or
    starts a new one); only the chat it is written for shows it, and questions wait until it
    ends.

    Attributes:
        session: the chat shown.
        writing: the chat the last reply was written for (being written while
            ``generating``), kept so that opening it again shows the reply.
        model: the model that answers: loaded on the worker, or on one of the user's
            servers (the worker then streams from it); None while there is none.
        generating: whether a reply is being written.
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
        self._written = ""
        self._model: LoadedModel | RemoteModel | None = None
        self.generating = False
        self.closing = False
        self._let_go: ChatSession | None = None
        self.measured = MeasuredSpeeds()
        self._reading = False
        self._ready = False
        self.documents: DocumentSearchClient | None = None
        self.passages = DEFAULT_PASSAGES
        self._search = 0
        self._searching = 0
        self._sources: tuple[Source, ...] = ()
        self._given_back: tuple[ChatSession | None, str] = (None, "")
        # What is typed is counted once typing pauses: counting reads the whole conversation.
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.count_context)
        self._composer.textChanged.connect(self._draft_timer.start)
        self._view.earlier_requested.connect(self._show_earlier)
        self._view.edit_requested.connect(self.edit_message)
        self._view.regenerate_requested.connect(self.regenerate)
        self._view.continue_requested.connect(self.continue_reply)
        self._view.delete_requested.connect(self.delete_message)
        self._view.branch_requested.connect(self.switch_branch)
        self._composer.submitted.connect(self.send)
        self._composer.edit_last_requested.connect(self.edit_last_message)
        cancel_edit = QShortcut(QKeySequence(Qt.Key.Key_Escape), self._composer)
        cancel_edit.setContext(Qt.ShortcutContext.WidgetShortcut)
        cancel_edit.activated.connect(self.cancel_edit)
        column.stop_button.clicked.connect(self.stop)
        client.text.connect(self._reply_text)
        client.reading.connect(self._reply_reading)
        client.counted.connect(self._counted)
        client.finished.connect(self._reply_finished)
        client.failed.connect(self._reply_failed)
        column.save_again_button.clicked.connect(self.save_reply)

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
            self.writing = None
        self.session = session
        self._view.clear()
        self._column.notice.hide()
        self._column.save_again_button.setVisible(session.has_unsaved_reply)
        self._column.incognito_banner.setVisible(session.incognito)
        if session is self.writing and self.generating:
            self._render(session.on_screen())
            self._view.begin_reply(self._model_name(), session.reply_id)
            self._view.append_reply(session.continuing_from + self._written)
        elif session.conversation is not None:
            self._render(session.page())
        self._show_generating()
        self._show_welcome()
        self._give_back()
        self.count_context()
        self._composer.setFocus()
        return True

    @Slot(int)
    def set_passages(self, passages: int) -> None:
        """Give the model *passages* passages of the chat's documents with each question."""
        self.passages = passages

    def use_documents(self, documents: DocumentSearchClient) -> None:
        """Answer the chats that have documents from *documents*' searches."""
        self.documents = documents
        documents.found.connect(self._found)
        documents.failed.connect(self._search_failed)

    def kept(self, conversation_id: int) -> ChatSession | None:
        """The chat of *conversation_id* if a reply was written in it here (shown again as
        it is, with a reply still being written)."""
        writing = self.writing
        conversation = writing.conversation if writing else None
        return writing if conversation and conversation.id == conversation_id else None

    def forget_writing(self) -> None:
        """Let the reply being written end unsaved: its history is gone (forgotten)."""
        self.writing = None

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

    @property
    def model(self) -> LoadedModel | RemoteModel | None:
        return self._model

    @model.setter
    def model(self, model: LoadedModel | RemoteModel | None) -> None:
        self._model = model
        self._offer_continue()
        self._show_welcome()

    def _show_welcome(self) -> None:
        """The welcome in an empty chat, unless a server answers: its promise that nothing
        leaves this computer would not hold."""
        empty = self.session.conversation is None and not self.session.has_questions()
        self._column.show_welcome(empty and not isinstance(self.model, RemoteModel))

    def count_context(self) -> None:
        """Have the worker count the tokens of the conversation and of what is typed
        (``context_used``)."""
        self._draft_timer.stop()
        if self.model is not None and not self.generating:
            self._client.count(self.session.draft(self._composer.toPlainText()))

    @Slot(int)
    def _counted(self, tokens: int) -> None:
        """Warn when what is typed would push the oldest turns out of the model's memory."""
        model = self.model
        warning = ""
        if isinstance(model, LoadedModel) and self._composer.toPlainText().strip():
            budget = prompt_budget(model.n_ctx, self.session.settings.sampling)
            if tokens > budget:
                locale = QLocale()
                warning = self.tr(
                    "With this message the conversation takes {tokens} tokens, more than the "
                    "{budget} the model reads at once: its oldest turns would be left out. "
                    "Start a new chat, or choose a longer context in the chat settings."
                ).format(tokens=locale.toString(tokens), budget=locale.toString(budget))
        self._column.context_warning.setText(warning)
        self._column.context_warning.setVisible(bool(warning))

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
            self._column.send_button.setToolTip("")

    @property
    def _shown(self) -> bool:
        """Whether the chat the reply is written for is the one shown."""
        return self.writing is self.session

    def _model_name(self) -> str:
        return self.model.name if self.model else self.tr("Assistant")

    # Showing the history

    def _turns(self, stored: list[StoredMessage]) -> list[Turn]:
        conversation = self.session.conversation
        heading = (conversation.model if conversation else "") or self.tr("Assistant")
        footers = {
            MessageStatus.INTERRUPTED: self.tr(
                "Interrupted: Sotto stopped before this reply was finished"
            ),
            MessageStatus.CUT_OFF: self.tr(
                "Cut off: the connection to the server broke before this reply was finished"
            ),
        }
        sources = self.session.sources([m.id for m in stored if m.role == "assistant"])
        return [
            Turn("user", m.content, m.id)
            if m.role == "user"
            else Turn(
                "assistant",
                m.content,
                m.id,
                heading,
                footers.get(m.status, ""),
                sources.get(m.id, ()),
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
                self._view.add_reply(
                    turn.heading, turn.text, turn.message_id, turn.footer, turn.sources
                )
        self._view.set_has_earlier(page.has_earlier)
        self._mark_branches(page.branches)

    def _mark_branches(self, branches: dict[int, tuple[int, int]]) -> None:
        for message_id, (index, count) in branches.items():
            self._view.set_branch(message_id, index, count)
        self._offer_continue()
        self.count_context()

    def _offer_continue(self) -> None:
        """Offer Continue on the last reply if it is unfinished and the model loaded here
        can write on from it."""
        local = isinstance(self.model, LoadedModel)
        self._view.set_continuable(self.session.continuable() if local else None)

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

    @Slot(int)
    def delete_message(self, message_id: int) -> None:
        """Delete one message; the rest of the conversation stays."""
        if self.generating or self.session.conversation is None:
            return
        try:
            page = self.session.delete(message_id)
        except UserError as error:  # the disk: nothing changed
            self._column.show_error(error)
            return
        if not self.session.has_unsaved_reply:
            self._hide_unsaved()
        self._render(page)
        self.saved.emit(self.session.conversation.id)

    @Slot(int, int)
    def switch_branch(self, message_id: int, step: int) -> None:
        """Show the branch of the message's previous (-1) or next (+1) sibling."""
        if self.generating or self.session.conversation is None:
            return
        try:
            page = self.session.switch_branch(message_id, step)
        except UserError as error:  # the disk: the branch shown stays
            self._column.show_error(error)
            return
        if page is not None:
            self._view.replace_from(message_id, self._turns(page.messages))
            self._mark_branches(page.branches)

    # Sending and replies

    @Slot(str)
    def send(self, text: str) -> None:
        """Send *text* as the user's next message (or as the edit of an earlier one) and
        stream the reply."""
        if self.model is None or self.generating:
            self._composer.setPlainText(text)
            return
        self._column.notice.hide()
        self._column.editing_banner.hide()
        try:
            sent = self.session.send(text, self.model.name)
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

    def _ask_for_reply(self, from_documents: bool = False) -> None:
        """Have the model write the reply; *from_documents*: given the passages of the chat's
        documents found for its question, first."""
        self._column.context_warning.hide()
        self.writing = self.session
        self._written = ""
        self._sources = ()
        self.set_status(self.tr("Generating…"), generating=True, ready=False)
        self._view.set_continuable(None)
        self._reading = False
        collection = self.session.settings.documents
        if from_documents and collection and self.documents is not None and self.session.question:
            self._search += 1
            self._searching = self._search
            self._view.show_reply_progress(self.tr("Searching your documents…"))
            question = self.session.question
            budget = self._whole_budget()
            passages = self.passages
            self.documents.whole_or_search(self._searching, collection, question, passages, budget)
            return
        self._client.generate(self.session.messages, self.session.settings.sampling)

    def _whole_budget(self) -> int:
        """How much text (characters) of a small collection is given whole: a share of what
        the model reads at once."""
        model = self.model
        tokens = model.n_ctx if isinstance(model, LoadedModel) else REMOTE_CONTEXT
        return int(tokens * WHOLE_SHARE * CHARS_PER_TOKEN)

    @Slot(int, object)
    def _found(self, request: int, hits: list[Hit]) -> None:
        """The passages found for the question: the model reads them with it, numbered."""
        writing = self.writing
        if request != self._searching or writing is None:
            return  # stopped, or its chat ended
        self._searching = 0
        if self._shown:
            self._view.show_reply_progress("")
        self._sources = sources_of(hits)
        self._client.generate(grounded_messages(writing.messages, hits), writing.settings.sampling)

    @Slot(int, object)
    def _search_failed(self, request: int, error: UserError) -> None:
        """The documents could not be searched: the question is answered without them, and
        the user told why."""
        writing = self.writing
        if request != self._searching or writing is None:
            return
        self._searching = 0
        self._show_error_of(writing, error)
        self._client.generate(writing.messages, writing.settings.sampling)

    @Slot()
    def stop(self) -> None:
        """Stop the reply (Stop, or Esc); while the documents are searched, before it began."""
        if self._searching:
            self._searching = 0
            self._take_back(None)
        else:
            self._client.stop()

    @Slot(object)
    def _reply_reading(self, reading: Reading) -> None:
        text = reading_text(reading)
        self._reading = True
        if self._shown:
            self._view.show_reply_progress(text)
        self.status_changed.emit(text, True, False)

    @Slot(str)
    def _reply_text(self, piece: str) -> None:
        writing = self.writing
        if writing is None:  # its chat was ended, or forgotten
            return
        if self._reading:  # the model has read it all and writes
            self._reading = False
            if self._shown:
                self._view.show_reply_progress("")
            self.status_changed.emit(self.tr("Generating…"), True, False)
        self._written += piece
        if self._shown:
            self._view.append_reply(piece)
        try:
            writing.reply_text(piece)
        except UserError as error:  # the reply goes on; its end is saved whole, or offered again
            self._show_error_of(writing, error)

    @Slot(object)
    def _reply_finished(self, reply: Reply) -> None:
        writing = self.writing
        if writing is None:  # its chat was ended, or forgotten: nothing of it is kept
            self.set_status(self.tr("Ready"), generating=False, ready=self.model is not None)
            return
        if reply.cancelled and not reply.tokens and not self.closing:
            # Stopped while the model read: nothing was written, so nothing is kept.
            self._take_back(None)
            return
        if isinstance(self.model, LoadedModel):
            self._record_speed(self.model, reply)
        saved = writing.reply_id is not None
        status = MessageStatus.DONE if reply.cut_off is None else MessageStatus.CUT_OFF
        if self.closing and reply.cancelled:  # cut by quitting, as a crash would cut it
            status = MessageStatus.INTERRUPTED
        unsaved: UserError | None = None
        try:
            branches = writing.reply_finished(
                reply.text, status, reply.cancelled or reply.at_limit, self._sources
            )
        except UserError as error:  # the disk: the reply stays on screen, to copy or save again
            branches, unsaved = {}, error
        if saved:
            conversation = writing.conversation
            self.saved.emit(conversation.id if conversation else None)
        stats = self.tr(
            "{tokens} tokens · {speed:.1f} tokens/s · first token after {first:.2f} s"
        ).format(
            tokens=reply.tokens, speed=reply.tokens_per_second, first=reply.first_token_seconds
        )
        if reply.cancelled:
            stats = self.tr("Stopped · {stats}").format(stats=stats)
        if reply.cut_off is not None:  # what arrived is kept, and the user told why it ends
            stats = self.tr("Cut off · {stats}").format(stats=stats)
            self._show_error_of(writing, reply.cut_off)
        if unsaved is not None:
            stats = self.tr("Not saved · {stats}").format(stats=stats)
            self._show_unsaved(writing, unsaved)
        shown = self._shown
        if shown:
            self._mark_branches(branches)
            self._view.end_reply(stats)
            reply_id = writing.ids[-1] if writing.ids else None
            if self._sources and reply_id is not None:
                self._view.set_sources(reply_id, self._sources)
            # Where what the model read began, when older turns were left out.
            self._view.set_memory_start(writing.first_seen(reply.left_out))
            if isinstance(self.model, LoadedModel):  # a server's context is its own
                self.context_used.emit(reply.prompt_tokens + reply.tokens)
        self.set_status(stats, generating=False, ready=True)
        if shown:
            self._composer.setFocus()

    @Slot(object)
    def _reply_failed(self, error: UserError) -> None:
        if self.writing is None:  # its chat was ended, or forgotten
            self.set_status(self.tr("Ready"), generating=False, ready=self.model is not None)
            return
        self._take_back(error)

    def _take_back(self, error: UserError | None) -> None:
        """The message was not answered (it failed with *error*, or was stopped before a
        word): it is taken back so it can be sent again or edited."""
        writing = self.writing
        assert writing is not None
        errors = [error] if error is not None else []
        try:
            page = writing.reply_failed()
        except UserError as storage:  # the history keeps the question: shown as it is
            page = writing.reread()
            errors.append(storage)
        if errors:
            self.set_status(self.tr("Ready"), generating=False, ready=True)
            self._show_notice_of(
                writing,
                "\n".join(user_message(e) for e in errors),
                "\n".join(e.details for e in errors if e.details),
            )
        else:
            self.set_status(self.tr("Stopped before the reply began"), False, True)
        self._given_back = (writing, writing.pending_text)
        if not self._shown:
            return
        if page is not None:
            self._render(page)  # as the history now has it
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

    def _show_error_of(self, session: ChatSession, error: UserError) -> None:
        self._show_notice_of(session, user_message(error), error.details)

    def _show_notice_of(self, session: ChatSession, text: str, details: str = "") -> None:
        """Show *text* about *session*'s reply; named by its chat's title when another chat
        is shown."""
        if session is not self.session:
            conversation = session.conversation
            title = conversation.title if conversation else self.tr("Incognito chat")
            text = self.tr("In “{title}”: {text}").format(title=title, text=text)
        self._column.show_notice(text, details)

    def _record_speed(self, model: LoadedModel, reply: Reply) -> None:
        if reply.tokens >= MEASURED_TOKENS:
            self.measured.record(model.path.name, reply.tokens_per_second, reply.reading_per_second)

    # A reply that could not be saved

    @Slot()
    def save_reply(self) -> None:
        """Try again to save the reply that could not be saved; shown as the history then
        has it."""
        try:
            self.session.save_reply()
        except UserError as error:
            self._show_unsaved(self.session, error)
            return
        self._hide_unsaved()
        self._column.notice.hide()
        self._render(self.session.reread())
        conversation = self.session.conversation
        self.saved.emit(conversation.id if conversation else None)

    def _show_unsaved(self, session: ChatSession, error: UserError) -> None:
        text = self.tr(
            "This reply is not saved yet. Copy it, or save it again once the disk allows: {reason}"
        ).format(reason=user_message(error))
        self._show_notice_of(session, text, error.details)
        self._column.save_again_button.setVisible(session is self.session)

    def _hide_unsaved(self) -> None:
        self._column.save_again_button.hide()
