"""Which model answers: one loaded on this computer, or one on the user's own server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel
from desktop.core.library.names import display_name
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.server import RemoteModel
from desktop.core.remote.server_store import ServerStore
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.hardware.gauge import HardwareGauge
from desktop.ui.models.inference_worker import InferenceClient


class ModelChoice(QObject):
    """Follows the model picker: loads a local model on the inference worker, or hands the
    chat to a server's model, and tells the chat which one answers.

    Attributes:
        loaded: the model loaded on this computer, whether or not it is the one answering.
        loading: whether a model is being loaded.
        servers: the user's model servers.
    """

    def __init__(
        self,
        column: ChatColumn,
        chat: ChatController,
        client: InferenceClient,
        gauge: HardwareGauge,
        servers: ServerStore,
        guard: NetworkGuard,
    ) -> None:
        super().__init__(column)
        self._column = column
        self._picker = column.model_picker
        self._chat = chat
        self._client = client
        self._gauge = gauge
        self._guard = guard
        self.servers = servers
        self.loaded: LoadedModel | None = None
        self.loading = False
        self._asked_n_ctx = 0
        self._after_reply: Callable[[], None] | None = None
        self._picker.activated.connect(self._chosen)
        chat.idle.connect(self._reply_ended)
        client.loaded.connect(self._model_loaded)
        client.load_failed.connect(self._model_load_failed)

    def load(self, path: Path, n_ctx: int = 0) -> None:
        """Load the model at *path* on the inference worker, with a context of *n_ctx*
        tokens (0: the default for this machine); the window stays usable."""
        self._column.notice.hide()
        self._client.use_remote(None)
        self._column.show_remote_host(None)
        name = self._picker.show_loading(path)
        # Ready: a question sent meanwhile waits for the model (the reply says so).
        self._chat.set_status(self.tr("Loading {name}…").format(name=name), False, True)
        self._asked_n_ctx = n_ctx
        self.loading = True
        self._client.load(path, None, n_ctx)

    def restore(self, name: str, n_ctx: int) -> None:
        """Have the model a conversation was saved with, *name*, answer it, with a context
        of *n_ctx* tokens; the model answering stays if *name* is not listed."""
        if self._chat.generating:  # the reply being written ends with the model it began with
            self._after_reply = lambda: self.restore(name, n_ctx)
            return
        remote = self._picker.remote_named(name)
        if remote is not None:
            self.use_remote(remote)
            return
        path = self._picker.path_named(name)
        loaded = self.loaded
        if path is not None and loaded is not None and path == loaded.path:
            self.answer_locally()
        wanted = path is not None and (loaded is None or loaded.name != name)
        if wanted or (loaded is not None and n_ctx != self._asked_n_ctx):
            path = path if wanted else (loaded.path if loaded else None)
            if path is not None:
                self.load(path, n_ctx)

    def use_remote(self, model: RemoteModel) -> None:
        """Have *model*, on one of the user's servers, answer from now on. Nothing is sent
        to the server before a message is; the model loaded here stays loaded."""
        try:
            client = self.servers.client(model.server, self._guard)
        except UserError as error:
            self._column.show_error(error)
            return
        self._column.notice.hide()
        # Imported now (the store's client has loaded it): httpx2 is slow to load at start.
        from desktop.core.remote.client import RemoteChat

        self._client.use_remote(RemoteChat(client, model.model))
        self._chat.model = model
        self._picker.select(model)
        self._column.show_remote_host(model.host)
        self._chat.session.set_model(model.name)
        status = self.tr("{name} on {host} is ready").format(name=model.name, host=model.host)
        self._chat.set_status(status, generating=False, ready=True)
        self._column.composer.setFocus()

    def answer_locally(self) -> None:
        """The model loaded here answers again, in place of a server's (if one answered)."""
        self._client.use_remote(None)
        self._column.show_remote_host(None)
        if not isinstance(self._chat.model, RemoteModel):
            return
        if self.loaded is not None:
            self._model_loaded(self.loaded)
        else:
            self._chat.model = None
            status = self.tr("No model loaded: choose one above")
            self._chat.set_status(status, generating=False, ready=False)

    @Slot()
    def servers_changed(self) -> None:
        self._picker.refill()
        model = self._chat.model
        if isinstance(model, RemoteModel) and self._picker.remote_named(model.name) is None:
            self.answer_locally()  # its server was removed, or no longer offers it

    @Slot(int)
    def _chosen(self, index: int) -> None:
        chosen = self._picker.itemData(index)
        if self._chat.generating:  # the reply being written ends with the model it began with
            self._after_reply = lambda: self._chosen(self._picker.findData(chosen))
            name = self._picker.itemText(index)
            self._chat.status_changed.emit(
                self.tr("{name} is used once this reply has ended").format(name=name), True, False
            )
            return
        if isinstance(chosen, RemoteModel):
            self.use_remote(chosen)
        elif self.loaded is None or chosen != self.loaded.path:
            self.load(chosen)
        else:
            self.answer_locally()

    @Slot()
    def _reply_ended(self) -> None:
        after, self._after_reply = self._after_reply, None
        if after is not None:
            after()

    @Slot(object)
    def _model_loaded(self, model: LoadedModel) -> None:
        self.loading = False
        self.loaded = self._chat.model = model
        self._gauge.set_model(model)
        self._chat.session.set_model(model.name)
        status = self.tr("{name} is ready").format(name=display_name(model.path))
        self._chat.set_status(status, generating=False, ready=True)
        self._chat.count_context()
        self._column.composer.setFocus()

    @Slot(object, object)
    def _model_load_failed(self, error: UserError, still_loaded: LoadedModel | None) -> None:
        self.loading = False
        self.loaded = self._chat.model = still_loaded
        self._gauge.set_model(still_loaded)
        self._column.show_error(error)
        if still_loaded is None:
            status = self.tr("No model loaded: choose one above")
            self._chat.set_status(status, generating=False, ready=False)
        else:
            self._picker.select(still_loaded.path)
            status = self.tr("{name} is ready").format(name=display_name(still_loaded.path))
            self._chat.set_status(status, generating=False, ready=True)
