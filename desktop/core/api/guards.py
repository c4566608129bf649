"""What every request passes before it reaches a model: loopback hosts, the user's origins, the
token, JSON bodies of a bounded size.

The record of the other local servers is the list of what not to do: no authentication and
DNS rebinding (Ollama, CVE-2024-28224), ``Access-Control-Allow-Origin: *`` on every reply
(GPT4All), a trusted-hosts check switched off when bound to every address and any Origin
reflected with credentials (Jan, GHSA-x6p8-7cp8-c3p6). Here the Host header must name this
computer, a request from a web page (one with an Origin header) is refused unless the user
listed that origin, CORS headers are sent to those origins alone, and every request but a
listed origin's preflight shows the token, compared in constant time.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Collection

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desktop.core.api.errors import ApiError
from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP

LOOPBACK_ADDRESSES = ("127.0.0.1", "::1")
"""The only addresses the API listens on."""
LOCAL_NAMES = ("localhost", "127.0.0.1", "[::1]")
"""The names a request's Host header may give, followed by the API's port."""
MAX_BODY_BYTES = 4 * 1024 * 1024
"""A request's body at most: far more than any model here reads at once."""


class NotLoopbackError(UserError):
    """The API was asked to listen on an address other computers could reach."""

    def __init__(self, host: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "NotLoopbackError",
                "Sotto's API listens only on this computer (127.0.0.1 or ::1), never on "
                "{host}: other computers could reach it there. Leave --host out, or give "
                "127.0.0.1 or ::1.",
            ),
            host=host,
        )


def loopback_address(host: str) -> str:
    """*host* if it is one of ``LOOPBACK_ADDRESSES`` (written with or without brackets).

    Raises:
        NotLoopbackError: any other address or name, 0.0.0.0 and :: among them.
    """
    address = host.strip().removeprefix("[").removesuffix("]")
    if address not in LOOPBACK_ADDRESSES:
        raise NotLoopbackError(host)
    return address


def normalized_origin(origin: str) -> str:
    """*origin* as it is compared with a request's Origin header: lower case, no final /."""
    return origin.strip().lower().rstrip("/")


def token_matches(shown: str, token: str) -> bool:
    """Whether *shown* is *token*, in a time that does not tell how much of it matched."""
    return bool(token) and hmac.compare_digest(shown.encode("utf-8"), token.encode("utf-8"))


class Guards:
    """An ASGI middleware in front of the API's routes.

    *token* and *origins* are read at each request: a new token or a changed list applies
    at once, without a restart.
    """

    def __init__(
        self,
        app: ASGIApp,
        port: int,
        token: Callable[[], str],
        origins: Callable[[], Collection[str]],
    ) -> None:
        self._app = app
        self._hosts = {f"{name}:{port}" for name in LOCAL_NAMES}
        self._port = port
        self._token = token
        self._origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        try:
            self._check(scope, headers, origin)
        except ApiError as error:
            await error.response()(scope, receive, send)
            return
        if origin is None:
            await self._app(scope, receive, send)
            return
        cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        if scope["method"] == "OPTIONS":  # a listed origin's preflight: nothing is run
            allowed = {
                "Access-Control-Allow-Methods": "GET, POST",
                "Access-Control-Allow-Headers": "Authorization, Content-Type",
                "Access-Control-Max-Age": "600",
            }
            await Response(status_code=204, headers=cors | allowed)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(cors)
            await send(message)

        await self._app(scope, receive, send_with_cors)

    def _check(self, scope: Scope, headers: Headers, origin: str | None) -> None:
        host = headers.get("host", "")
        if host.lower() not in self._hosts:
            raise ApiError(
                403,
                f"This request was sent for {host or 'no host'}. Sotto's API answers only "
                f"requests for localhost, 127.0.0.1 or [::1] on port {self._port}.",
                "permission_error",
            )
        if origin is not None and normalized_origin(origin) not in self._origins():
            raise ApiError(
                403,
                f"Requests from web pages are refused unless their origin is listed in "
                f"Sotto's Settings, Privacy: {origin} is not.",
                "permission_error",
            )
        if scope["method"] == "OPTIONS" and origin is not None:
            return  # a browser's preflight carries no token
        scheme, _, shown = headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token_matches(shown.strip(), self._token()):
            raise ApiError(
                401,
                "Show Sotto's API token as 'Authorization: Bearer TOKEN'. Run `sotto api "
                "token`, or see Settings, Privacy, to read it.",
                "authentication_error",
                {"WWW-Authenticate": "Bearer"},
            )
        if scope["method"] != "POST":
            return
        media = headers.get("content-type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise ApiError(
                415, "Send the request's body as JSON, with 'Content-Type: application/json'."
            )
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BODY_BYTES:
            raise ApiError(413, too_large())


def too_large() -> str:
    """The sentence of a body over ``MAX_BODY_BYTES``."""
    return f"The request's body is over {MAX_BODY_BYTES // (1024 * 1024)} MiB, Sotto's limit."
