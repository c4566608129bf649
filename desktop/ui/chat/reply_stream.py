"""Asking for replies and following them: the chat's documents searched first (once the files
being read are), then the inference worker, one reply at a time, into the chat it is for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.chat.session import ChatSession
from desktop.core.documents.embedding_choice import DEFAULT_PASSAGES
from desktop.core.documents.retrieval import unread_files
from desktop.core.documents.search import Hit
from desktop.core.errors import InternalError, UserError
from desktop.core.inference.types import LoadedModel, Message, Reading, Reply
from desktop.core.modelfile.speed import MeasuredSpeeds
from desktop.core.remote.server import RemoteModel
from desktop.text.documents import collection_name
from desktop.ui.chat.message_view import MessageView
from desktop.ui.chat.reading_text import reading_text
from desktop.ui.chat.reply_in_flight import ReplyInFlight, Stage
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.documents.search_worker import DocumentSearchClient
from desktop.ui.models.inference_worker import InferenceClient

MEASURED_TOKENS = 16
"""A reply of fewer tokens says too little of the model's speed to remember it."""

# The sentences here keep the translation context of the chat controller, which said them
# first, and with it their translations.


class ReplyStream(QObject):
    """Follows the reply in flight from its question to its end. Its pieces and progress go
    to the message view while its chat is the one shown; how it ends is for the chat
    controller to show.

    Attributes:
        reply: the reply being asked for or written, or None.
        closing: whether the window is closing: a reply it stops is marked interrupted.
        passages: how many passages of the chat's documents the model is given with a
            question (Settings → Documents).
        documents: the search thread of the user's documents, once there is one.
        indexing: the reading of the user's documents, which a search waits for.
        measured: the speeds the models loaded here showed, for the model library.

    Signals:
        progress(str): a status line while the reply is searched for, read or written.
        ended(ReplyInFlight, Ending, Reply): the model ended the reply and it was saved
            (or could not be: ``Ending.unsaved``).
        taken_back(ReplyInFlight, TakenBack): the question got no reply and was taken back.
        dropped(): a reply whose chat was ended or forgotten ended; nothing of it is kept.
        failed(ChatSession, UserError): something went wrong that the chat's user should
            know of, while the reply goes on (a search, a piece not saved).
        noted(ChatSession, str): what the chat's user should know of its reply (files of
            its documents not read yet, which it does not draw on).
    """

    progress = Signal(str)
    ended = Signal(object, object, object)
    taken_back = Signal(object, object)
    dropped = Signal()
    failed = Signal(object, object)
    noted = Signal(object, str)

    def __init__(
        self, client: InferenceClient, view: MessageView, shown: Callable[[ChatSession], bool]
    ) -> None:
        """Follow the replies *client* writes, shown in *view* when *shown* says their chat
        is the one shown."""
        super().__init__(view)
        self._client = client
        self._view = view
        self._shown = shown
        self.reply: ReplyInFlight | None = None
        self.closing = False
        self.passages = DEFAULT_PASSAGES
        self.documents: DocumentSearchClient | None = None
        self.indexing: IndexingService | None = None
        self.measured = MeasuredSpeeds()
        self._searches = 0
        self._search_first = False
        # The worker answers every reply asked of it, in order: the answers still to come, and
        # how many of them belong to replies ended early (after a bug), to be let go.
        self._unanswered = 0
        self._abandoned = 0
        client.text.connect(self._text)
        client.reading.connect(self._reading)
        client.finished.connect(self._finished)
        client.failed.connect(self._failed)

    def use_documents(self, documents: DocumentSearchClient) -> None:
        """Choose the passages of the chats that have documents from *documents*."""
        self.documents = documents
        documents.found.connect(self._found)
        documents.failed.connect(self._search_failed)

    def wait_for(self, indexing: IndexingService) -> None:
        """Have a question about a collection *indexing* is reading wait for it."""
        self.indexing = indexing
        indexing.job_changed.connect(self._job_changed)

    def ask(
        self, session: ChatSession, model: LoadedModel | RemoteModel | None, search: bool
    ) -> None:
        """Have *model* write the reply *session* waits for (None: the model being loaded,
        once it is: ``model_ready``); *search*: with the passages of the chat's documents
        chosen for its question, first."""
        reply = self.reply = ReplyInFlight(session, model)
        self._search_first = search
        if model is None:
            reply.stage = Stage.LOADING
            self._show_progress(reply, self._asked_text())
            return
        self._begin(reply)

    def waits_for_model(self) -> bool:
        """Whether the reply in flight waits for the model being loaded."""
        return self.reply is not None and self.reply.stage is Stage.LOADING

    def model_ready(self, model: LoadedModel | RemoteModel | None) -> None:
        """The model the reply waited for is *model* (None: none came, and the question is
        taken back)."""
        reply = self.reply
        if reply is None or reply.stage is not Stage.LOADING:
            return
        if model is None:
            self._take_back(reply, None)
            return
        reply.model = model
        self._begin(reply)

    def _begin(self, reply: ReplyInFlight) -> None:
        """Search the chat's documents first, if asked and it has some; else ask the model."""
        session = reply.session
        collection = session.settings.documents
        if self._search_first and collection and self.documents is not None and session.question:
            if self._being_read(collection):
                reply.waiting()
                self._job_changed(collection)
            else:
                self._search(reply)
            return
        self._generate(reply.asked(), reply)

    def _being_read(self, collection: str) -> bool:
        job = self.indexing.job(collection) if self.indexing is not None else None
        return job is not None and job.running

    def _search(self, reply: ReplyInFlight) -> None:
        """Ask for the passages of the chat's documents for its question, read with the
        questions before it."""
        assert self.documents is not None
        session = reply.session
        self._searches += 1
        reply.searching(self._searches)
        searching = QCoreApplication.translate("ChatController", "Searching your documents…")
        self._show_progress(reply, searching)
        self._tell_unread(session)
        model = reply.model
        context = model.n_ctx if isinstance(model, LoadedModel) else None
        earlier = [m["content"] for m in session.messages[:-1] if m["role"] == "user"]
        self.documents.choose_passages(
            self._searches,
            session.settings.documents,
            session.question,
            self.passages,
            context,
            earlier,
        )

    def _tell_unread(self, session: ChatSession) -> None:
        """Say which files of the chat's documents are not read yet (a reading stopped before
        it was done): the reply does not draw on them."""
        index = self.indexing.index() if self.indexing is not None else None
        name = session.settings.documents
        try:
            unread = unread_files(index, name) if index is not None else []
        except UserError:  # the collection is gone: its search says so
            return
        if unread:
            self.noted.emit(
                session,
                QCoreApplication.translate(
                    "ChatController",
                    "{n} files of {name} are not read yet, so this answer does not draw on "
                    "them. Resume their reading in File → Documents.",
                ).format(n=len(unread), name=collection_name(name)),
            )

    @Slot(str)
    def _job_changed(self, collection: str) -> None:
        """While a question waits for its documents to be read: how far they are, and the
        search once they are."""
        reply = self.reply
        if reply is None or reply.stage is not Stage.WAITING:
            return
        if collection != reply.session.settings.documents:
            return
        job = self.indexing.job(collection) if self.indexing is not None else None
        if job is None or not job.running:
            self._search(reply)
            return
        text = QCoreApplication.translate(
            "ChatController", "Waiting for your documents to be read… {done} of {total} files"
        ).format(done=job.done, total=job.total)
        self._show_progress(reply, text)

    def stop(self) -> None:
        """Stop the reply; while the model loads or the documents are read or searched, it
        is taken back before it began. Until the model has stopped, the reply says it is
        stopping."""
        reply = self.reply
        if reply is not None and reply.stage in (Stage.LOADING, Stage.WAITING, Stage.SEARCHING):
            self._take_back(reply, None)
            return
        self._client.stop()
        if reply is not None and not reply.stopping:
            reply.stopping = True
            self._show_progress(reply, QCoreApplication.translate("ChatController", "Stopping…"))

    def _show_progress(self, reply: ReplyInFlight, text: str) -> None:
        """Say *text* under the reply (in its chat, if shown) and in the status line."""
        reply.progress = text
        if self._shown(reply.session):
            self._view.show_reply_progress(text)
        self.progress.emit(text)

    def _asked_text(self) -> str:
        """What the reply shows from the moment the model is asked until it writes."""
        if self._client.loading is not None:
            return QCoreApplication.translate("ChatController", "Loading the model…")
        return QCoreApplication.translate("ChatController", "Reading your message…")

    def forget(self) -> None:
        """Let the reply in flight end unsaved: its chat is ended, or forgotten."""
        self.reply = None

    def recover(self) -> None:
        """After a bug: end the reply in flight as failed; what the worker still sends of
        it is let go."""
        reply, self.reply = self.reply, None
        self._abandoned = self._unanswered
        self._client.stop()
        if reply is not None:
            self._take_back(reply, InternalError())

    def _generate(self, messages: list[Message], reply: ReplyInFlight) -> None:
        self._show_progress(reply, self._asked_text())
        self._unanswered += 1
        self._client.generate(messages, reply.session.settings.sampling)

    @Slot(int, object)
    def _found(self, request: int, hits: list[Hit]) -> None:
        """The passages chosen for the question: the model reads them with it, numbered."""
        reply = self.reply
        if reply is None or not reply.waits_for(request):
            return  # stopped, or its chat ended
        self._generate(reply.asked(hits), reply)

    @Slot(int, object)
    def _search_failed(self, request: int, error: UserError) -> None:
        """The documents could not be searched: the question is answered without them, and
        the user told why."""
        reply = self.reply
        if reply is None or not reply.waits_for(request):
            return
        self.failed.emit(reply.session, error)
        self._generate(reply.asked(), reply)

    @Slot(object)
    def _reading(self, reading: Reading) -> None:
        if self._abandoned:
            return
        reply = self.reply
        if reply is None or reply.stopping:
            return
        reply.reading()
        self._show_progress(reply, reading_text(reading))

    @Slot(str)
    def _text(self, piece: str) -> None:
        reply = self.reply
        if reply is None or self._abandoned:  # its chat was ended, or forgotten
            return
        shown = self._shown(reply.session)
        try:
            read = reply.add(piece)
        except UserError as error:  # the reply goes on; its end is saved whole, or offered again
            read = False
            self.failed.emit(reply.session, error)
        if read and not reply.stopping:  # the model has read it all and writes
            reply.progress = ""
            if shown:
                self._view.show_reply_progress("")
            self.progress.emit(QCoreApplication.translate("ChatController", "Generating…"))
        if shown:
            self._view.append_reply(piece)

    def _answered(self) -> bool:
        """Count an answer of the worker; False if it belongs to a reply ended early."""
        self._unanswered -= 1
        if self._abandoned:
            self._abandoned -= 1
            return False
        return True

    @Slot(object)
    def _finished(self, answer: Reply) -> None:
        if not self._answered():
            return
        reply = self.reply
        if reply is None:
            self.dropped.emit()
        elif reply.unwritten(answer, self.closing):
            self._take_back(reply, None)
        else:
            self.reply = None
            model = reply.model
            if answer.tokens >= MEASURED_TOKENS and isinstance(model, LoadedModel):
                self.measured.record(
                    model.path.name, answer.tokens_per_second, answer.reading_per_second
                )
            self.ended.emit(reply, reply.finish(answer, self.closing), answer)

    @Slot(object)
    def _failed(self, error: UserError) -> None:
        if not self._answered():
            return
        if self.reply is None:
            self.dropped.emit()
        else:
            self._take_back(self.reply, error)

    def _take_back(self, reply: ReplyInFlight, error: UserError | None) -> None:
        self.reply = None
        self.taken_back.emit(reply, reply.take_back(error))
