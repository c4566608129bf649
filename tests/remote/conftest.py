"""A real model server on loopback for the tests of Sotto as its client: one over TLS, with
the firm's own (throwaway) certificate authority, shared by the whole session."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import trustme

from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.server import Server
from tests.model_server import MODEL, ModelServer


class WatchedGuard(NetworkGuard):
    """A guard that says which permits are open: the test server is on loopback, which the
    guard lets through without one, so what is open is watched instead."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, tuple[str, ...], int | None]] = []
        self.opened: list[tuple[str, tuple[str, ...], int | None]] = []

    @contextmanager
    def permit(self, action: str, hosts: Iterable[str], port: int | None = None) -> Iterator[None]:
        opened = (action, tuple(hosts), port)
        with super().permit(action, opened[1], port):
            self.open.append(opened)
            self.opened.append(opened)
            try:
                yield
            finally:
                self.open.remove(opened)


@pytest.fixture
def guard() -> WatchedGuard:
    """The windows' guard (not hooked into this process), watched."""
    return WatchedGuard()


@pytest.fixture(scope="session")
def firm_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def tls_server(starter_model: Path, firm_ca: trustme.CA) -> Iterator[ModelServer]:
    server = ModelServer(starter_model, firm_ca)
    yield server
    server.close()


@pytest.fixture
def firm(tls_server: ModelServer) -> Server:
    """The server as the user adds it: its address and the firm's certificate authority."""
    return Server("firm", tls_server.url, tls_server.ca_pem(), models=(MODEL,))


@pytest.fixture
def doomed_server(starter_model: Path) -> Iterator[ModelServer]:
    """A server of its own (plain http: it is on this computer), for a test that kills it."""
    server = ModelServer(starter_model)
    yield server
    server.close()


# The window fixtures of the UI tests, for the chats with a server (with the guard below).
from tests.ui.conftest import make_window, window  # noqa: E402, F401
