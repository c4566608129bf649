"""The API's edges, with curl as any program would send them: who may ask, what may be sent,
and how requests wait their turn."""

from __future__ import annotations

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from desktop.core.api.guards import MAX_BODY_BYTES, NotLoopbackError
from desktop.core.api.server import loopback_sockets
from desktop.core.inference.engine import Engine
from desktop.core.inference.types import Reply
from tests.api.conftest import ALLOWED_ORIGIN, TOKEN, RunningApi, curl, post, question


def test_no_token_or_a_wrong_one_is_refused(api: RunningApi) -> None:
    for token in (None, "wrong", TOKEN + "x", TOKEN[:-1]):
        status, head, body = curl(api.base + "/models", token=token)
        assert status == 401
        assert "www-authenticate: bearer" in head
        assert "sotto api token" in json.loads(body)["error"]["message"]
    status, _, _ = curl("-H", f"Authorization: Basic {TOKEN}", api.base + "/models", token=None)
    assert status == 401  # only a bearer token


def test_a_request_for_another_host_is_refused(api: RunningApi) -> None:
    """DNS rebinding: a page of attacker.example whose name now resolves to 127.0.0.1."""
    status, _, body = curl("-H", "Host: attacker.example", api.base + "/models")
    assert status == 403
    assert "attacker.example" in json.loads(body)["error"]["message"]
    status, _, _ = curl("-H", f"Host: attacker.example:{api.port}", api.base + "/models")
    assert status == 403
    for host in ("localhost", "127.0.0.1", "[::1]"):
        status, _, _ = curl("-H", f"Host: {host}:{api.port}", api.base + "/models")
        assert status == 200, host


def test_web_pages_are_refused_unless_their_origin_is_listed(api: RunningApi) -> None:
    status, head, body = curl("-H", "Origin: https://evil.example", api.base + "/models")
    assert status == 403
    assert "https://evil.example" in json.loads(body)["error"]["message"]
    assert "access-control" not in head
    status, head, _ = curl("-H", f"Origin: {ALLOWED_ORIGIN}", api.base + "/models")
    assert status == 200
    assert f"access-control-allow-origin: {ALLOWED_ORIGIN}" in head
    assert "access-control-allow-credentials" not in head
    status, head, _ = curl(
        "-X", "OPTIONS", "-H", f"Origin: {ALLOWED_ORIGIN}", api.base + "/models", token=None
    )
    assert status == 204 and "access-control-allow-headers: authorization" in head
    status, head, _ = curl(api.base + "/models")  # no Origin: no CORS header at all
    assert status == 200 and "access-control" not in head


def test_only_json_bodies_of_a_bounded_size_are_read(api: RunningApi) -> None:
    status, _, body = curl("-d", "model=x", api.base + "/chat/completions")  # a form
    assert status == 415 and "application/json" in json.loads(body)["error"]["message"]
    status, _, body = curl(
        "-H", "Content-Type: application/json", "-d", "{not json", api.base + "/chat/completions"
    )
    assert status == 400 and "not valid JSON" in json.loads(body)["error"]["message"]
    big = {"model": api.model, "messages": [{"role": "user", "content": "x" * MAX_BODY_BYTES}]}
    status, _, body = post(api, "/chat/completions", big)
    assert status == 413 and "limit" in json.loads(body)["error"]["message"]
    status, _, _ = post(api, "/chat/completions", big, "-H", "Transfer-Encoding: chunked")
    assert status == 413  # no length said: counted as it arrives


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"model": "no-such-model"}, "There is no model called no-such-model"),
        ({"messages": []}, "'messages' must be a list"),
        ({"messages": [{"role": "robot", "content": "hi"}]}, "no role Sotto knows"),
        ({"temperature": 7}, "'temperature' must be a number from 0 to 2"),
        ({"max_tokens": 0}, "'max_tokens' must be a whole number"),
        ({"stop": ["a", "b", "c", "d", "e"]}, "'stop' must be a text or a list of up to 4"),
        ({"n": 3}, "one reply per request"),
    ],
)
def test_a_bad_request_is_a_400_with_a_sentence(
    api: RunningApi, change: dict[str, object], said: str
) -> None:
    status, _, body = post(api, "/chat/completions", question(api) | change)
    assert status == 400
    assert said in json.loads(body)["error"]["message"]


def test_no_route_creates_or_deletes_anything(api: RunningApi) -> None:
    for method, path in [
        ("POST", "/models"),
        ("DELETE", "/models/x"),
        ("POST", "/pull"),
        ("GET", "/files"),
    ]:
        status, _, body = curl(
            "-X", method, "-H", "Content-Type: application/json", "-d", "{}", api.base + path
        )
        assert status in (404, 405), (method, path)
        assert json.loads(body)["error"]["message"]


def test_four_clients_at_once_are_all_answered_in_order(api: RunningApi) -> None:
    """The model held busy, four clients arrive one after another; once it is free, each is
    answered, in the order they came."""
    release = threading.Event()
    api.service.host.submit(lambda _engine: release.wait(60))
    queue = api.service.queue
    order: list[int] = []
    lock = threading.Lock()

    def ask(number: int) -> tuple[int, str]:
        status, _, body = post(api, "/chat/completions", question(api, f"Name a fruit, {number}."))
        with lock:
            order.append(number)
        return status, json.loads(body)["choices"][0]["message"]["content"]

    with ThreadPoolExecutor(4) as pool:
        asked = []
        for number in range(4):
            asked.append(pool.submit(ask, number))
            while queue.placed < number + 1:  # it has arrived: the next may come
                time.sleep(0.01)
        release.set()
        answers = [future.result() for future in asked]
    assert [status for status, _ in answers] == [200] * 4
    assert all(text for _, text in answers)
    assert order == [0, 1, 2, 3]


def test_a_full_queue_is_refused_at_once(api: RunningApi) -> None:
    """The model's thread held busy: requests beyond the queue's room get a 429 now."""
    release = threading.Event()

    def hold(_engine: Engine) -> None:
        release.wait(30)

    queue = api.service.queue
    waiting: list[int] = []
    try:
        while True:  # fill every place with jobs that wait
            try:
                queue.place()
            except Exception:
                break
            waiting.append(1)
            api.service.host.submit(lambda engine: (hold(engine), queue.done()))
        status, head, body = post(api, "/chat/completions", question(api))  # not left waiting
        assert status == 429 and "retry-after: 1" in head
        assert "busy" in json.loads(body)["error"]["message"]
    finally:
        release.set()
    status, _, _ = post(api, "/chat/completions", question(api))
    assert status == 200  # the queue drained: answered again


class Recorded:
    """The engine as a job sees it, keeping each reply it writes (for the test to read)."""

    def __init__(self, engine: Engine, replies: list[Reply]) -> None:
        self._engine = engine
        self._replies = replies
        self.model = engine.model

    def chat(self, *args: Any, **kwargs: Any) -> Reply:
        reply = self._engine.chat(*args, **kwargs)
        self._replies.append(reply)
        return reply


def test_a_client_that_leaves_mid_stream_stops_its_reply_and_frees_the_model(
    api: RunningApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its reply stops before the next token (how soon, in milliseconds, is measured by
    tests/bench/bench_api.py: timings here would be the machine's, not the code's)."""
    replies: list[Reply] = []
    host = api.service.host
    monkeypatch.setattr(
        host, "submit", lambda job, submit=host.submit: submit(lambda e: job(Recorded(e, replies)))
    )
    body = json.dumps(
        question(api, "Write a long story about a lighthouse.", max_tokens=2000, stream=True)
    )
    request = (
        f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{api.port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    )
    with socket.create_connection(("127.0.0.1", api.port)) as connection:
        connection.sendall(request.encode())
        received = b""
        while received.count(b"data: ") < 4:  # the role, then pieces of the reply
            received += connection.recv(4096)
    freed = threading.Event()
    host.submit(lambda _engine: freed.set())  # runs once the model is free
    assert freed.wait(60)
    [reply] = replies
    assert reply.cancelled and reply.tokens < 2000 and not reply.at_limit


def test_it_listens_on_loopback_only() -> None:
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.com"):
        with pytest.raises(NotLoopbackError) as refused:
            loopback_sockets(0, [host])
        assert "never on" in str(refused.value) and host in str(refused.value)
    sockets = loopback_sockets(0)
    try:
        assert {s.getsockname()[0] for s in sockets} <= {"127.0.0.1", "::1"}
    finally:
        for listener in sockets:
            listener.close()


def test_each_request_is_in_the_network_log_as_local(api: RunningApi) -> None:
    before = len(api.guard.attempts())
    status, _, _ = post(api, "/chat/completions", question(api))
    assert status == 200
    deadline = time.monotonic() + 10
    while len(api.guard.attempts()) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    attempt = api.guard.attempts()[-1]
    assert attempt.local and attempt.allowed
    assert attempt.detail == api.model
    assert attempt.action == "Answer another app on this computer"
    assert attempt.host.startswith("curl (")  # the caller's name, as the system tells it
