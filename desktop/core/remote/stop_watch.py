"""Stop, at once, for replies streamed from a model server.

A reply is read on the thread that asked for it, which may be blocked for long in a read
(a big model on a busy server can take minutes to its first token). One thread for the whole
process watches the cancel events of the replies streaming now and shuts a reply's connection
down the moment its event is set: the blocked read fails, and the reply ends as stopped. The
thread starts with the first reply and then waits, idle, while none streams; no reply waits
for a thread to start.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

WATCH_S = 0.02
"""How often the cancel events are looked at while replies stream (Stop's longest delay)."""


class Connection:
    """The socket a request went out on, caught as it connects (pass ``trace`` as httpx2's
    ``trace`` extension)."""

    def __init__(self) -> None:
        self.socket: socket.socket | None = None

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            self.socket = info["return_value"].get_extra_info("socket")

    def shut(self) -> None:
        """End it both ways now, whichever thread is reading it."""
        if self.socket is not None:
            # socket.socket's own shutdown: an SSLSocket's would also unwrap it under the
            # reading thread's feet. OSError: it was closed already.
            with suppress(OSError):
                socket.socket.shutdown(self.socket, socket.SHUT_RDWR)


class StopWatch:
    """Shuts the connection of each reply watched as soon as its cancel event is set."""

    def __init__(self) -> None:
        self._watched: dict[object, tuple[threading.Event, Connection]] = {}
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, cancel: threading.Event, connection: Connection) -> Iterator[None]:
        """Watch *cancel* for the length of the block, and shut *connection* when it is set."""
        key = object()
        with self._changed:
            self._watched[key] = (cancel, connection)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="remote-stop", daemon=True)
                self._thread.start()
            self._changed.notify()
        try:
            yield
        finally:
            with self._changed:
                del self._watched[key]

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._watched:
                    self._changed.wait()
                watched = list(self._watched.values())
            for cancel, connection in watched:
                if cancel.is_set():
                    connection.shut()
            time.sleep(WATCH_S)


STOP_WATCH = StopWatch()
"""The process's one watcher."""
