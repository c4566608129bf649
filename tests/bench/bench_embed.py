"""How fast the documents' embedding model embeds passages: the shipped one (int8 ONNX run by
onnxruntime) side by side with the same model as GGUF Q8_0 run by llama.cpp (as Sotto shipped
it before, and as it runs an embedding model from the library).

Passages of about 256 tokens (the model's window, and the passages' size) are embedded by
each in alternating turns, so that other programs on the machine slow both alike; each line
gives passages per second (the median of the turns), the processor time a passage took (all
threads), and the ratio shipped / GGUF. The GGUF is the one setup puts in .cache/
(scripts/fetch_embedder_reference.py).

    python tests/bench/bench_embed.py [--turns N] [--passages N] [--tokens N] [--threads N] [--tiny]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.documents.embedder import EMBEDDER_PATH, MAX_TOKENS, Embedder
from tests.bench.tiny import parse_arguments
from tests.embedder_reference import GGUF_EMBEDDER

WORDS = (
    "the tenant shall pay rent on the first day of each month and keep the property in good "
    "repair while the landlord shall insure the building against fire flood and other risks "
    "either party may end this lease by giving three months notice in writing to the other"
)
"""Common words, one token each, so a passage of N words is N tokens and [CLS] and [SEP]."""
TINY = {"turns": 1, "passages": 2, "tokens": 24}


def passages(count: int, tokens: int) -> list[str]:
    """*count* different passages of *tokens* tokens each."""
    words = WORDS.split()
    return [
        " ".join(words[(start * 7 + n) % len(words)] for n in range(tokens - 2))
        for start in range(count)
    ]


def timed(embedder: Embedder, texts: list[str]) -> tuple[float, float]:
    """Passages per second, and processor seconds per passage."""
    started, processor = time.perf_counter(), time.process_time()
    embedder.embed(texts)
    return (
        len(texts) / (time.perf_counter() - started),
        (time.process_time() - processor) / len(texts),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--passages", type=int, default=16, help="passages a turn")
    parser.add_argument("--tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--threads", type=int, default=None)
    arguments = parse_arguments(parser, TINY)
    texts = passages(arguments.passages, arguments.tokens)
    models = {}
    for name, path in (("shipped", EMBEDDER_PATH), ("gguf", GGUF_EMBEDDER)):
        started = time.perf_counter()
        models[name] = Embedder(path, n_threads=arguments.threads)
        print(f"{name}: {models[name].name}, loaded in {time.perf_counter() - started:.2f} s")
    print(f"{len(texts)} passages of {arguments.tokens} tokens, {arguments.turns} turns")
    try:
        for embedder in models.values():
            embedder.embed(texts[:1])  # the first run plans the computation: not timed
        rates: dict[str, list[float]] = {name: [] for name in models}
        costs: dict[str, list[float]] = {name: [] for name in models}
        for _ in range(arguments.turns):
            for name, embedder in models.items():
                rate, cost = timed(embedder, texts)
                rates[name].append(rate)
                costs[name].append(cost)
        for name in models:
            print(
                f"{name}: {statistics.median(rates[name]):.1f} passages/s, "
                f"{statistics.median(costs[name]) * 1000:.0f} ms of processor a passage"
            )
        print(
            "shipped / gguf: "
            f"{statistics.median(rates['shipped']) / statistics.median(rates['gguf']):.2f} "
            "times the passages a second, "
            f"{statistics.median(costs['gguf']) / statistics.median(costs['shipped']):.2f} "
            "times less processor a passage"
        )
    finally:
        for embedder in models.values():
            embedder.close()


if __name__ == "__main__":
    main()
