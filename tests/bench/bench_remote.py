"""Sotto as the client of a model server: its cost next to a plain HTTP client, and many at once.

A real OpenAI-compatible server on loopback (``python -m llama_cpp.server`` with the starter
model, as in the tests) answers both. Sotto's path is its own client, ``RemoteClient.chat``
(what the inference worker and ``sotto ask`` call): the network permit, a connection of its
own, the stop watcher, the event stream parsed piece by piece. The plain path is httpx2
streaming the same request body and reading its lines, nothing more, on a connection it
keeps open; a third runs the plain path on a new connection per reply, as Sotto does, so the
cost of that choice shows apart from the client's own. Same prompt, greedy, each going first
in turn, so all meet the same server and machine. Printed: time to the first token and tokens
per second of each, medians and their ratios (goal: Sotto within 5 %).

Then N Sotto clients stream at once from the one server: their tokens per second together,
and the slowest client's first token. llama-cpp-python's server writes one reply at a time,
so together they get about what one gets, and the last waits for all the others: the server,
not the client, sets the pace. (vLLM batches requests instead; the client is the same.)

    python tests/bench/bench_remote.py [--turns N] [--tokens N] [--clients N] [--tiny]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx2

from desktop.core.inference.types import Sampling
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.client import RemoteClient
from desktop.core.remote.server import Server
from tests.bench.tiny import parse_arguments
from tests.model_server import KEY, MODEL, ModelServer

PROMPT = "Write a long, detailed story about a lighthouse keeper and a storm."
TINY = {"turns": 1, "tokens": 8, "clients": 2}
"""Sizes for ``--tiny``."""


class Turn:
    """One streamed reply as its client saw it: the first token and the rate after it."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.times: list[float] = []

    def piece(self, _text: str) -> None:
        self.times.append(time.perf_counter())

    @property
    def first_token_ms(self) -> float:
        return (self.times[0] - self.started) * 1000

    @property
    def tokens_per_second(self) -> float:
        span = self.times[-1] - self.times[0]
        return (len(self.times) - 1) / span if span > 0 else 0.0


def sotto_turn(client: RemoteClient, sampling: Sampling) -> Turn:
    turn = Turn()
    client.chat(MODEL, [{"role": "user", "content": PROMPT}], sampling, turn.piece)
    return turn


def plain_turn(http: httpx2.Client, sampling: Sampling) -> Turn:
    """The same request as Sotto's client sends, read with nothing but httpx2 and json."""
    body = {
        "model": MODEL,
        "messages": [{"role": "user", "content": PROMPT}],
        "stream": True,
        "stream_options": {"include_usage": True},
        "max_tokens": sampling.max_tokens,
        "temperature": sampling.temperature,
        "top_p": sampling.top_p,
        "top_k": sampling.top_k,
        "min_p": sampling.min_p,
        "repeat_penalty": sampling.repeat_penalty,
        "repetition_penalty": sampling.repeat_penalty,
    }
    turn = Turn()
    with http.stream("POST", "/chat/completions", json=body) as response:
        for line in response.iter_lines():
            if not line.startswith("data:") or line == "data: [DONE]":
                continue
            for choice in json.loads(line[5:])["choices"]:
                piece = choice["delta"].get("content")
                if piece:
                    turn.piece(piece)
    return turn


def side_by_side(server: Server, turns: int, sampling: Sampling) -> float:
    """Take turns: Sotto, the plain client, and the plain client on a new connection each
    time (as Sotto is: nothing stays open to the server between replies), each going first in
    turn; print each turn and the medians; return Sotto's median tokens per second."""
    sotto = RemoteClient(server, KEY, NetworkGuard())
    headers = {"authorization": f"Bearer {KEY}"}
    plain = httpx2.Client(base_url=server.address.api, headers=headers, timeout=300)
    fresh = httpx2.Client(
        base_url=server.address.api,
        headers=headers,
        timeout=300,
        limits=httpx2.Limits(max_keepalive_connections=0),
    )
    runs: dict[str, Callable[[], Turn]] = {
        "sotto": lambda: sotto_turn(sotto, sampling),
        "plain": lambda: plain_turn(plain, sampling),
        "fresh": lambda: plain_turn(fresh, sampling),
    }
    for run in runs.values():
        run()  # each warms the server's prompt cache the same way
    results: dict[str, list[Turn]] = {name: [] for name in runs}
    names = list(runs)
    for index in range(turns):
        for name in names[index % 3 :] + names[: index % 3]:
            results[name].append(runs[name]())
        s, p, f = (results[name][-1] for name in names)
        print(
            f"turn {index}: sotto first token {s.first_token_ms:.1f} ms, "
            f"{s.tokens_per_second:.1f} tokens/s; plain first token {p.first_token_ms:.1f} ms, "
            f"{p.tokens_per_second:.1f} tokens/s; plain on a new connection "
            f"{f.first_token_ms:.1f} ms",
            flush=True,
        )
    for client in (plain, fresh, sotto):
        client.close()
    first = {n: statistics.median(t.first_token_ms for t in r) for n, r in results.items()}
    rate = {n: statistics.median(t.tokens_per_second for t in r) for n, r in results.items()}
    print(
        f"median first token: sotto {first['sotto']:.1f} ms, plain {first['plain']:.1f} ms, "
        f"ratio sotto/plain {first['sotto'] / first['plain']:.3f} (goal: at most 1.05)"
    )
    print(
        f"median first token, both on a new connection per reply: plain {first['fresh']:.1f} "
        f"ms, ratio sotto/plain {first['sotto'] / first['fresh']:.3f}"
    )
    print(
        f"median tokens/s: sotto {rate['sotto']:.1f}, plain {rate['plain']:.1f}, "
        f"ratio sotto/plain {rate['sotto'] / rate['plain']:.3f} (goal: at least 0.95)"
    )
    return rate["sotto"]


def at_once(server: Server, clients: int, sampling: Sampling, alone: float) -> None:
    """*clients* Sotto clients, started together against the one server."""
    start = threading.Barrier(clients + 1)
    turns: list[Turn] = []

    def one() -> None:
        client = RemoteClient(server, KEY, NetworkGuard())
        start.wait()
        turns.append(sotto_turn(client, sampling))

    threads = [threading.Thread(target=one) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    tokens = sum(len(turn.times) for turn in turns)
    slowest = max(turn.first_token_ms for turn in turns)
    print(
        f"{clients} clients at once: {tokens / seconds:.1f} tokens/s together "
        f"(one alone: {alone:.1f}), slowest first token {slowest:.0f} ms, "
        f"all done in {seconds:.1f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=16)
    parser.add_argument("--tokens", type=int, default=128, help="the length of each reply")
    parser.add_argument("--clients", type=int, default=8, help="clients streaming at once")
    arguments = parse_arguments(parser, TINY)
    model_server = ModelServer(STARTER_MODEL_PATH)
    try:
        server = Server("bench", model_server.url)
        # Greedy: every turn writes the same tokens.
        sampling = Sampling(temperature=0.0, max_tokens=arguments.tokens)
        alone = side_by_side(server, arguments.turns, sampling)
        at_once(server, arguments.clients, sampling, alone)
    finally:
        model_server.close()


if __name__ == "__main__":
    main()
