"""One API server for the tests: the real starter model on a thread of its own, on loopback."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.core.api.app import api_app
from desktop.core.api.model_host import EngineThread
from desktop.core.api.server import ApiServer, loopback_sockets
from desktop.core.api.service import ApiService
from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.library.installed import installed_models
from desktop.core.privacy.network import NetworkGuard

TOKEN = "test-token-5f2e"
ALLOWED_ORIGIN = "https://allowed.example"


@dataclass
class RunningApi:
    """A server under test: its address, model, service and network log."""

    port: int
    model: str
    service: ApiService
    guard: NetworkGuard
    server: ApiServer

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


@pytest.fixture(scope="session")
def api(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApi]:
    """The API of ``sotto serve`` with the starter model loaded, no documents, one token."""
    engine = Engine(SelfCheck(tmp_path_factory.mktemp("selfcheck") / "selfcheck.json"))
    engine.load(starter_model)
    host = EngineThread(engine)
    models = installed_models(tmp_path_factory.mktemp("models"))
    guard = NetworkGuard()
    service = ApiService(
        host, lambda: models, lambda: TOKEN, lambda: frozenset({ALLOWED_ORIGIN}), guard=guard
    )
    sockets = loopback_sockets(0)
    server = ApiServer(api_app(service, sockets[0].getsockname()[1]), sockets)
    server.start()
    yield RunningApi(server.port, models[0].name, service, guard, server)
    server.stop()
    host.close()


def curl(*args: str, token: str | None = TOKEN, body: str | None = None) -> tuple[int, str, str]:
    """Run curl with *args* (the token shown unless None, *body* on its standard input);
    its status, headers and body."""
    auth = ["-H", f"Authorization: Bearer {token}"] if token is not None else []
    result = subprocess.run(
        ["curl", "-sS", "-D", "-", "--max-time", "60", *auth, *args],
        input=body,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    head, _, body = result.stdout.partition("\n\n")  # text mode: \r\n read as \n
    while head.split()[1] == "100":  # "100 Continue" before the answer to a large body
        head, _, body = body.partition("\n\n")
    status = int(head.split()[1])
    return status, head.lower(), body


def post(api: RunningApi, path: str, body: object, *more: str) -> tuple[int, str, str]:
    """POST *body* as JSON to *path* of *api* with curl."""
    return curl(
        "-H",
        "Content-Type: application/json",
        "--data-binary",
        "@-",
        *more,
        api.base + path,
        body=json.dumps(body),
    )


def question(api: RunningApi, text: str = "Say hello.", **more: object) -> dict[str, object]:
    """A chat completion request for *api*'s model, short by default."""
    return {
        "model": api.model,
        "messages": [{"role": "user", "content": text}],
        "max_tokens": 8,
        "temperature": 0,
    } | more
