"""The local API served by the window: on a thread of its own, sharing the window's model.

Requests' replies are jobs of the inference worker, queued behind the chat's own replies
(one at a time); the API answers with the model loaded in the window. The switch in Settings
is remembered in ``settings.json`` (off by default), like offline mode, and a start of the
window with it on serves again. The server stops before the inference worker does at quit.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.core.app_settings import API_ENABLED, API_ORIGINS, API_PORT, AppSettings
from desktop.core.errors import FileAccessError, UserError
from desktop.core.inference.types import LoadedModel
from desktop.core.library.installed import InstalledModel
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.vault.store import ConversationStore
from desktop.ui.models.inference_worker import InferenceClient

if TYPE_CHECKING:  # the server's modules (starlette, uvicorn) load only when it starts
    from desktop.core.api.model_host import Job
    from desktop.core.api.server import ApiServer
    from desktop.core.api.service import ApiDocuments


class WindowModelHost:
    """The inference worker as the API's model host: the window's model, never another."""

    loads_models = False

    def __init__(self, client: InferenceClient) -> None:
        self._client = client

    def submit(self, job: Job) -> None:
        self._client.run(job)

    def loaded(self) -> LoadedModel | None:
        return self._client.loaded_model()


class LocalApi(QObject):
    """Starts and stops the window's API server, and keeps its token and origins.

    Attributes:
        server: the server while it runs, else None.

    Signals:
        changed(): it was started or stopped, or its token changed.
    """

    changed = Signal()

    def __init__(
        self,
        paths: AppPaths,
        store: ConversationStore,
        settings: AppSettings,
        client: InferenceClient,
        guard: NetworkGuard,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._store = store
        self._settings = settings
        self._host = WindowModelHost(client)
        self._guard = guard
        self._token = ""
        self._origins: frozenset[str] = frozenset()
        self._documents: ApiDocuments | None = None
        self.server: ApiServer | None = None

    @property
    def token(self) -> str:
        """The token apps show; "" while the API has never been switched on here."""
        return self._token

    @property
    def port(self) -> int:
        return self.server.port if self.server else self._settings.read().get(API_PORT)

    def origins(self) -> list[str]:
        return list(self._settings.read().get(API_ORIGINS))

    def restore(self, models: Sequence[InstalledModel]) -> UserError | None:
        """Serve if the switch was left on (at start); why it could not, if it could not."""
        if not self._settings.read().get(API_ENABLED):
            return None
        return self._start(models)

    def switch(self, on: bool, models: Sequence[InstalledModel]) -> UserError | None:
        """Turn the API on or off, and remember it; why it could not start, if it could not
        (the switch is then remembered as off)."""
        failure = self._start(models) if on else None
        if not on:
            self.stop()
        try:
            self._settings.set(API_ENABLED, on and failure is None)
        except OSError as error:
            return failure or FileAccessError.of(error)
        return failure

    def renew_token(self) -> UserError | None:
        """Replace the token: apps showing the old one are refused from now on."""
        from desktop.core.vault.api_token import ApiTokens

        try:
            self._token = ApiTokens.of(self._paths, self._store.db).renew()
        except UserError as error:
            return error
        self.changed.emit()
        return None

    def set_origins(self, origins: Collection[str]) -> UserError | None:
        """Let pages of *origins* (``scheme://host[:port]``) use the API; apply at once."""
        from desktop.core.api.guards import normalized_origin

        listed = sorted({normalized_origin(origin) for origin in origins if origin.strip()})
        try:
            self._settings.set(API_ORIGINS, listed)
        except ValueError:
            return None  # the page checks each origin before it saves them
        except OSError as error:
            return FileAccessError.of(error)
        self._origins = frozenset(listed)
        return None

    def set_store(self, store: ConversationStore) -> None:
        """Use another history (after forgetting everything): the API stops, its token went
        with the keyring entry or the vault."""
        self.stop()
        self._store = store
        self._token = ""
        self.changed.emit()

    def stop(self) -> None:
        """Stop serving and close the port (at once for the waiting requests: their
        replies end with the server)."""
        server, self.server = self.server, None
        if server is not None:
            server.stop()
        if self._documents is not None:
            self._documents.close()
            self._documents = None
        if server is not None:
            self.changed.emit()

    def _start(self, models: Sequence[InstalledModel]) -> UserError | None:
        from desktop.core.api.app import api_app
        from desktop.core.api.server import ApiServer, loopback_sockets
        from desktop.core.api.service import ApiDocuments, ApiService
        from desktop.core.documents.embedding_choice import (
            chosen_embedder_path,
            embedding_models,
            passages_per_question,
        )
        from desktop.core.documents.library import DocumentLibrary
        from desktop.core.vault.api_token import ApiTokens
        from desktop.core.vault.preferences import ModelChoices

        if self.server is not None:
            return None
        found = self._settings.read()
        db = self._store.db
        try:
            self._token = ApiTokens.of(self._paths, db).get()
            embedder = chosen_embedder_path(
                ModelChoices(db), [m.path for m in embedding_models(models)]
            )
            documents = ApiDocuments(
                DocumentLibrary.of(self._paths, db), embedder, passages_per_question(self._settings)
            )
            sockets = loopback_sockets(found.get(API_PORT))
        except UserError as error:
            return error
        self._origins = frozenset(found.get(API_ORIGINS))
        listed = list(models)
        service = ApiService(
            self._host,
            lambda: listed,
            lambda: self._token,
            lambda: self._origins,
            documents,
            self._guard,
        )
        self._documents = documents
        self.server = ApiServer(api_app(service, sockets[0].getsockname()[1]), sockets)
        self.server.start()
        self.changed.emit()
        return None
