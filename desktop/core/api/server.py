"""The API's server: uvicorn on loopback sockets Sotto binds itself, on a thread or in front.

The sockets are bound before uvicorn runs, so a port in use or an address refused is said at
once, where the server was asked for, and never half-started. Nothing is logged: uvicorn's
access log would name every request on standard error, and its logging setup would replace
the application's.
"""

from __future__ import annotations

import asyncio
import errno
import socket
import threading
from collections.abc import Sequence

from starlette.types import ASGIApp

from desktop.core.api.guards import LOOPBACK_ADDRESSES, loopback_address
from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP

STOP_SECONDS = 2
"""How long a stop waits for the replies being sent before it closes their connections."""


class PortUnavailableError(UserError):
    """The API's port cannot be listened on."""

    def __init__(self, port: int, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "PortUnavailableError",
                "Sotto's API cannot listen on port {port}: another program may be using it. "
                "Choose another port, then try again.",
            ),
            port=port,
        )
        self.details = detail


def loopback_sockets(port: int, hosts: Sequence[str] = LOOPBACK_ADDRESSES) -> list[socket.socket]:
    """Listening sockets on *port* of each of *hosts* (loopback addresses only); ::1 is left
    out where this computer has no IPv6.

    Raises:
        NotLoopbackError: a host is not a loopback address.
        PortUnavailableError: the port is taken or not allowed.
    """
    addresses = [loopback_address(host) for host in hosts]
    bound: list[socket.socket] = []
    try:
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            try:
                listener = socket.socket(family, socket.SOCK_STREAM)
            except OSError as error:
                if family == socket.AF_INET6 and len(addresses) > 1:
                    continue  # no IPv6 here: 127.0.0.1 serves
                raise PortUnavailableError(port, str(error)) from error
            bound.append(listener)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                listener.bind((address, port))
            except OSError as error:
                if error.errno == errno.EADDRNOTAVAIL and family == socket.AF_INET6:
                    bound.pop().close()  # ::1 not configured: 127.0.0.1 serves
                    continue
                raise PortUnavailableError(port, str(error)) from error
            listener.listen(128)
            port = port or listener.getsockname()[1]  # port 0: the others take the same
    except BaseException:
        for listener in bound:
            listener.close()
        raise
    return bound


class ApiServer:
    """Serves *app* on loopback *port* (0: one the system chooses, for tests).

    Attributes:
        port: the port listened on.
    """

    def __init__(self, app: ASGIApp, sockets: list[socket.socket]) -> None:
        import uvicorn

        self._sockets = sockets
        self.port: int = sockets[0].getsockname()[1]
        config = uvicorn.Config(
            app,
            log_config=None,
            access_log=False,
            log_level="critical",
            lifespan="off",
            timeout_graceful_shutdown=STOP_SECONDS,
            server_header=False,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Serve on this thread until Ctrl+C (``KeyboardInterrupt``) or ``stop``."""
        try:
            asyncio.run(self._server.serve(sockets=self._sockets))
        finally:
            self._close_sockets()

    def start(self) -> None:
        """Serve on a thread of its own until ``stop``."""
        self._thread = threading.Thread(target=self._serve, name="local-api", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the port (the replies being sent are cut after
        ``STOP_SECONDS``); it returns once the port is closed."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._close_sockets()

    def _serve(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=self._sockets))
        finally:
            self._close_sockets()

    def _close_sockets(self) -> None:
        for listener in self._sockets:
            listener.close()
