"""The client of one model server: the OpenAI-compatible API that vLLM and llama.cpp's
llama-server speak (``GET /v1/models``, ``POST /v1/chat/completions`` streamed as server-sent
events ending with ``[DONE]``, ``Authorization: Bearer``).

Every call opens a network permit for the server's host and port alone, for the length of
the call, and each call has a connection of its own, closed with it: nothing stays open to
the server between chats. Nothing is kept on the server: each request carries the whole
conversation, and the history stays in the local vault.
"""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx2

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.inference.types import Message, Reply, Sampling
from desktop.core.privacy.network import NetworkGuard, OfflineModeError
from desktop.core.remote.errors import (
    CertificateNotTrustedError,
    RemoteOfflineError,
    ServerKeyRefusedError,
    ServerUnreachableError,
    StreamCutError,
    UnknownRemoteModelError,
)
from desktop.core.remote.server import Server
from desktop.core.remote.stop_watch import STOP_WATCH, Connection
from desktop.core.remote.tls import tls_context

CHAT_ACTION = QT_TRANSLATE_NOOP("NetworkAction", "Chat with a model on your server")
CHECK_ACTION = QT_TRANSLATE_NOOP("NetworkAction", "Check a model server")

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 300.0
"""The longest wait for the next bytes: a big model on a busy server may read a long
conversation for minutes before its first token; Stop ends a wait at once."""


class RemoteClient:
    """Lists the models of one server and streams chats with them.

    Safe to use from one thread at a time; ``cancel.set()`` may come from any.

    Attributes:
        server: the server.
    """

    def __init__(self, server: Server, key: str, guard: NetworkGuard) -> None:
        self.server = server
        self._address = server.address
        self._guard = guard
        headers = {"user-agent": f"sotto/{__version__}"}
        if key:
            headers["authorization"] = f"Bearer {key}"
        self._http = httpx2.Client(
            base_url=self._address.api,
            headers=headers,
            verify=tls_context(server.ca_certificate),
            timeout=httpx2.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
            # No idle connection outlives the call (and its permit); no proxy from the
            # environment sees the messages.
            limits=httpx2.Limits(max_keepalive_connections=0),
            trust_env=False,
        )

    def close(self) -> None:
        self._http.close()

    def models(self) -> list[str]:
        """The ids of the models the server offers, sorted.

        Raises:
            RemoteOfflineError, ServerUnreachableError, CertificateNotTrustedError,
            ServerKeyRefusedError, UnknownRemoteModelError: as their names say.
        """
        with self._online(CHECK_ACTION):
            response = self._http.get("/models")
            self._refuse_failure(response, "")
            try:
                return sorted(str(item["id"]) for item in response.json()["data"])
            except (ValueError, KeyError, TypeError) as error:
                raise self._unreadable() from error

    def chat(
        self,
        model: str,
        messages: Sequence[Message],
        sampling: Sampling,
        on_text: Callable[[str], None],
        cancel: threading.Event | None = None,
    ) -> Reply:
        """Stream *model*'s next turn after *messages* (``ChatBackend.chat``).

        A stream that breaks off after some text ends the reply with ``Reply.cut_off``
        (a ``StreamCutError``) and what arrived; before any text, it raises.

        Raises:
            RemoteOfflineError, ServerUnreachableError, CertificateNotTrustedError,
            ServerKeyRefusedError, UnknownRemoteModelError: as their names say.
        """
        cancel = cancel or threading.Event()
        started = time.perf_counter()
        pieces: list[str] = []
        first_token_at = 0.0
        usage: dict[str, Any] = {}
        finished = False
        cut_off: UserError | None = None
        connection = Connection()
        body = _request_body(model, messages, sampling)
        with self._online(CHAT_ACTION), STOP_WATCH.watching(cancel, connection):
            try:
                with self._http.stream(
                    "POST", "/chat/completions", json=body, extensions={"trace": connection.trace}
                ) as response:
                    self._refuse_failure(response, model)
                    for event in _events(response):
                        if cancel.is_set():
                            break
                        if event is None:
                            finished = True
                            break
                        usage = event.get("usage") or usage
                        for choice in event.get("choices") or []:
                            piece = (choice.get("delta") or {}).get("content")
                            finished = finished or bool(choice.get("finish_reason"))
                            if piece:
                                if not pieces:
                                    first_token_at = time.perf_counter() - started
                                pieces.append(piece)
                                on_text(piece)
            except (httpx2.TransportError, _UnreadableError):
                if cancel.is_set():
                    pass  # Stop shut the connection, even before an answer: ended as stopped
                elif not pieces:
                    raise
                else:
                    cut_off = StreamCutError(self.server.name)
        if not (finished or cancel.is_set() or cut_off):  # closed without saying it ended
            if not pieces:
                raise self._unreadable()
            cut_off = StreamCutError(self.server.name)
        return Reply(
            text="".join(pieces),
            tokens=int(usage.get("completion_tokens") or len(pieces)),
            seconds=time.perf_counter() - started,
            first_token_seconds=first_token_at,
            cancelled=cancel.is_set(),
            prompt_tokens=int(usage.get("prompt_tokens") or 0),
            cut_off=cut_off,
        )

    @contextmanager
    def _online(self, action: str) -> Iterator[None]:
        """Open the permit for the server alone, and turn what the network or the server
        does wrong into a sentence."""
        name = self.server.name
        try:
            with self._guard.permit(action, [self._address.host], self._address.port):
                yield
        except OfflineModeError as error:
            raise RemoteOfflineError(name) from error
        except httpx2.ConnectError as error:
            certificate = _certificate_problem(error)
            if certificate:
                raise CertificateNotTrustedError(name, certificate) from error
            raise ServerUnreachableError(name, _detail(error)) from error
        except httpx2.TimeoutException as error:
            raise ServerUnreachableError(name, "no answer in time") from error
        except (httpx2.TransportError, _UnreadableError) as error:
            raise ServerUnreachableError(name, _detail(error)) from error

    def _refuse_failure(self, response: httpx2.Response, model: str) -> None:
        if response.status_code in (401, 403):
            raise ServerKeyRefusedError(self.server.name)
        if response.status_code == 404:
            raise UnknownRemoteModelError(self.server.name, model)
        if response.status_code >= 400:
            response.read()
            raise ServerUnreachableError(
                self.server.name, f"it answered HTTP {response.status_code}: {_said(response)}"
            )

    def _unreadable(self) -> ServerUnreachableError:
        return ServerUnreachableError(
            self.server.name, "its answer is not the OpenAI-compatible API"
        )


class _UnreadableError(Exception):
    """An event of the stream that is not the API's JSON."""


def _request_body(model: str, messages: Sequence[Message], sampling: Sampling) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model,
        "messages": [dict(message) for message in messages],
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": sampling.max_tokens,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        # Beyond OpenAI's names: llama.cpp's and vLLM's, which each ignores the other's.
        "top_k": sampling.top_k,
        "min_p": sampling.min_p,
        "repeat_penalty": sampling.repeat_penalty,
        "repetition_penalty": sampling.repeat_penalty,
    }
    if sampling.seed is not None:
        body["seed"] = sampling.seed
    return body


def _events(response: httpx2.Response) -> Iterator[dict[str, Any] | None]:
    """The JSON of each ``data:`` event of *response*, then None for ``[DONE]``.

    Raises:
        _UnreadableError: an event is not JSON, or reports an error.
    """
    for line in response.iter_lines():
        if not line.startswith("data:"):
            continue  # comments, blank lines between events, event names
        data = line[5:].strip()
        if data == "[DONE]":
            yield None
            return
        try:
            event = json.loads(data)
        except ValueError as error:
            raise _UnreadableError(data[:80]) from error
        if not isinstance(event, dict) or "error" in event:
            raise _UnreadableError(data[:200])
        yield event


def _certificate_problem(error: httpx2.ConnectError) -> str:
    """What was wrong with the server's certificate, or "" if *error* is not about it."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLCertVerificationError):
            return cause.verify_message or str(cause)
        cause = cause.__cause__ or cause.__context__
    return ""


def _detail(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _said(response: httpx2.Response) -> str:
    """The server's own explanation, short."""
    try:
        said = response.json()
        said = said.get("error", said) if isinstance(said, dict) else said
        said = said.get("message", said) if isinstance(said, dict) else said
    except ValueError:
        said = response.text
    return str(said)[:200]


class RemoteChat:
    """One model of a server, as a ``ChatBackend``: what the inference worker and
    ``sotto ask`` drive in place of the local engine.

    Attributes:
        client: the server's client.
        model: the model's id on the server.
    """

    def __init__(self, client: RemoteClient, model: str) -> None:
        self.client = client
        self.model = model

    def chat(
        self,
        messages: Sequence[Message],
        sampling: Sampling,
        on_text: Callable[[str], None],
        cancel: threading.Event | None = None,
    ) -> Reply:
        return self.client.chat(self.model, messages, sampling, on_text, cancel)
