"""The local API's cost: a reply streamed through it next to the same reply as ``sotto ask``
writes it.

Two engines of the starter model: one answers in this thread as ``sotto ask`` has it answer
(``Engine.chat``, each piece handed to a callback), the other behind the API of ``sotto
serve`` (``EngineThread``, uvicorn on loopback), asked by the real ``openai`` client,
streaming. Each turn asks both the same new question, greedy, each going first in turn; both
engines read the same questions in the same order, so their caches are alike. Printed per
turn and as medians: tokens per second after the first token (goal: the API at least 0.95 of
``sotto ask``) and the time to the first token, whose difference is what the API adds before
a reply starts (goal: under 20 ms): the request, the queue, the event stream, the client.
Then how soon the model is free for the next request after a client closes its stream in
the middle of a reply (goal: under a second).

    python tests/bench/bench_api.py [--turns N] [--tokens N] [--tiny]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import openai

from desktop.core.api.app import api_app
from desktop.core.api.model_host import EngineThread
from desktop.core.api.server import ApiServer, loopback_sockets
from desktop.core.api.service import ApiService
from desktop.core.inference.engine import Engine
from desktop.core.inference.types import Message, Sampling
from desktop.core.library.installed import STARTER_MODEL_PATH, installed_models
from tests.bench.tiny import parse_arguments

PROMPT = "Write a long, detailed story about a lighthouse keeper and a storm, part {turn}."
TOKEN = "bench-token"
TINY = {"turns": 1, "tokens": 8}
"""Sizes for ``--tiny``."""


def direct(engine: Engine, messages: list[Message], sampling: Sampling) -> tuple[float, float]:
    """Tokens per second and seconds to the first token, as ``sotto ask`` gets them."""
    reply = engine.chat(messages, sampling, lambda _piece: None)
    return reply.tokens_per_second, reply.first_token_seconds


def through_api(
    client: openai.OpenAI, model: str, messages: list[Message], sampling: Sampling
) -> tuple[float, float]:
    """Tokens per second and seconds to the first token, as the API's client sees them."""
    began = time.perf_counter()
    first = last = 0.0
    tokens = 0
    stream = client.chat.completions.create(
        model=model,
        messages=messages,  # type: ignore[arg-type]
        max_tokens=sampling.max_tokens,
        temperature=sampling.temperature,
        seed=sampling.seed,
        stream=True,
        stream_options={"include_usage": True},
    )
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            last = time.perf_counter()
            first = first or last
        if chunk.usage is not None:
            tokens = chunk.usage.completion_tokens
    rate = (tokens - 1) / (last - first) if tokens > 1 and last > first else 0.0
    return rate, first - began


def freed_after_leaving(host: EngineThread, port: int, model: str) -> float:
    """Milliseconds from a client closing its stream, mid-reply, to the model being free."""
    body = json.dumps(
        {
            "model": model,
            "messages": [{"role": "user", "content": "Write a long story about the sea."}],
            "max_tokens": 2000,
            "stream": True,
        }
    )
    request = (
        f"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n{body}"
    )
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(request.encode())
        received = b""
        while received.count(b"data: ") < 4:  # the role, then pieces of the reply
            received += connection.recv(4096)
    left = time.perf_counter()
    freed = threading.Event()
    at: list[float] = []
    host.submit(lambda _engine: (at.append(time.perf_counter()), freed.set()))
    freed.wait(120)
    return (at[0] - left) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=7)
    parser.add_argument("--tokens", type=int, default=200)
    arguments = parse_arguments(parser, TINY)
    ask, served = Engine(None), Engine(None)
    ask.load(STARTER_MODEL_PATH)
    served.load(STARTER_MODEL_PATH)
    host = EngineThread(served)
    models = installed_models(Path(tempfile.mkdtemp()))
    service = ApiService(host, lambda: models, lambda: TOKEN, frozenset)
    sockets = loopback_sockets(0, ["127.0.0.1"])
    server = ApiServer(api_app(service, sockets[0].getsockname()[1]), sockets)
    server.start()
    client = openai.OpenAI(
        base_url=f"http://127.0.0.1:{server.port}/v1", api_key=TOKEN, max_retries=0
    )
    sampling = Sampling(temperature=0.0, max_tokens=arguments.tokens, seed=0)
    rates: list[tuple[float, float]] = []
    overheads: list[float] = []
    try:
        through_api(client, models[0].name, [Message(role="user", content="Hi")], sampling)
        direct(ask, [Message(role="user", content="Hi")], sampling)  # both warm alike
        for turn in range(arguments.turns):
            messages = [Message(role="user", content=PROMPT.format(turn=turn))]
            if turn % 2:
                api_rate, api_first = through_api(client, models[0].name, messages, sampling)
                ask_rate, ask_first = direct(ask, messages, sampling)
            else:
                ask_rate, ask_first = direct(ask, messages, sampling)
                api_rate, api_first = through_api(client, models[0].name, messages, sampling)
            rates.append((ask_rate, api_rate))
            overheads.append((api_first - ask_first) * 1000)
            print(
                f"turn {turn}: ask {ask_rate:.1f} tokens/s, first token {ask_first * 1000:.1f} "
                f"ms; api {api_rate:.1f} tokens/s, first token {api_first * 1000:.1f} ms",
                flush=True,
            )
        gone = [freed_after_leaving(host, server.port, models[0].name) for _ in range(3)]
    finally:
        server.stop()
        host.close()
        ask.unload()
    ask_median = statistics.median(rate for rate, _ in rates)
    api_median = statistics.median(rate for _, rate in rates)
    ratio = api_median / ask_median if ask_median else 0.0
    print(
        f"median tokens/s: ask {ask_median:.1f}, api {api_median:.1f}, "
        f"ratio api/ask {ratio:.3f} (goal: at least 0.95)"
    )
    print(
        f"median first-token overhead of the api: {statistics.median(overheads):.1f} ms "
        "(goal: under 20 ms)"
    )
    print(
        f"client gone mid-stream: model free after {statistics.median(gone):.1f} ms, median "
        f"of {len(gone)} (goal: under 1000 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
