"""How fast the documents' embedding model embeds passages, in batches of 1, 8 and 32.

Passages of about 256 tokens (the model's window, and the passages' size) are embedded by
the ``Embedder`` as it ships (batches of ``BATCH_TOKENS`` tokens: one such passage at a time)
and, in alternating turns, by one that packs four into each batch of 1,024 tokens: the ratio
(shipped / packed) says whether packing passages together would pay.

    python tests/bench/bench_embed.py [--turns N] [--tokens N] [--threads N] [--tiny]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.documents.embedder import MAX_TOKENS, Embedder
from tests.bench.tiny import parse_arguments

BATCHES = (1, 8, 32)
WORDS = (
    "the tenant shall pay rent on the first day of each month and keep the property in good "
    "repair while the landlord shall insure the building against fire flood and other risks "
    "either party may end this lease by giving three months notice in writing to the other"
)
"""Common words, one token each, so a passage of N words is N tokens and [CLS] and [SEP]."""
TINY = {"turns": 1, "tokens": 24}


def passages(count: int, tokens: int) -> list[str]:
    """*count* different passages of *tokens* tokens each."""
    words = WORDS.split()
    return [
        " ".join(words[(start * 7 + n) % len(words)] for n in range(tokens - 2))
        for start in range(count)
    ]


def rate(embedder: Embedder, texts: list[str]) -> float:
    start = time.perf_counter()
    embedder.embed(texts)
    return len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--threads", type=int, default=None)
    arguments = parse_arguments(parser, TINY)
    texts = passages(max(BATCHES), arguments.tokens)
    shipped = Embedder(n_threads=arguments.threads)
    packed = Embedder(n_threads=arguments.threads, batch_tokens=4 * shipped.max_tokens)
    print(f"passages of {arguments.tokens} tokens, {arguments.turns} turns")
    try:
        for size in BATCHES:
            # The first batch of a shape makes llama.cpp plan its computation: not timed.
            shipped.embed(texts[:size])
            packed.embed(texts[:size])
            rates: dict[str, list[float]] = {"shipped": [], "packed": []}
            for _ in range(arguments.turns):
                rates["shipped"].append(rate(shipped, texts[:size]))
                rates["packed"].append(rate(packed, texts[:size]))
            ours = statistics.median(rates["shipped"])
            baseline = statistics.median(rates["packed"])
            print(
                f"batch {size}: {ours:.1f} passages/s; packed 4 a batch {baseline:.1f} "
                f"passages/s; ratio {ours / baseline:.2f}"
            )
    finally:
        shipped.close()
        packed.close()


if __name__ == "__main__":
    main()
