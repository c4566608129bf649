"""The chat's performance goals, measured in one run:

1. the longest gap between two turns of the GUI event loop while the real window streams a
   1,000-token reply (goal: under 50 ms);
2. the cost of drawing a piece of a streaming reply near its 100th and its 4,000th piece,
   and their ratio (goal: under 1.2), and a 10,000-message chat opened and scrolled
   (``bench_render.py``);
3. the first-token time of a follow-up in a 3,000-token conversation with and without
   reusing what the model read (goal: reuse under a tenth; ``bench_prefix.py``).

    python tests/bench/bench_chat.py [--rounds N] [--tiny]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from desktop.core.inference.types import Sampling
from tests.bench import bench_prefix, bench_render
from tests.bench.bench_prefix import prefix_reuse
from tests.bench.bench_render import long_chat, streaming
from tests.bench.bench_stream import app_turn, loaded_window
from tests.bench.tiny import parse_arguments

TINY = {
    "rounds": 1,
    "stream_tokens": 16,
    **bench_render.TINY,
    "context": bench_prefix.TINY["tokens"],
}
"""Sizes for ``--tiny``: those of the benchmarks this one runs."""


def stall_while_streaming(tokens: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory() as data:
        sampling = Sampling(temperature=0.0, max_tokens=tokens, repeat_penalty=1.0)
        window, db = loaded_window(Path(data), sampling)
        pauses = []
        for _ in range(rounds):
            seconds, text, pause = app_turn(window, pause_probe=True)
            pauses.append(pause)
            print(
                f"  a reply of {len(text)} characters in {seconds:.1f} s, "
                f"longest GUI pause {pause * 1000:.1f} ms",
                flush=True,
            )
        window.close()
        db.close()
    print(
        f"longest GUI event-loop pause while streaming: {max(pauses) * 1000:.1f} ms "
        "(goal: under 50 ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.set_defaults(
        stream_tokens=1000,
        pieces=4000,
        messages=10_000,
        notches=bench_render.NOTCHES,
        context=3000,
    )
    args = parse_arguments(parser, TINY)
    app = QApplication([])  # noqa: F841 (kept alive for the whole run)
    print(f"1. streaming {args.stream_tokens:,} tokens through the window")
    stall_while_streaming(args.stream_tokens, args.rounds)
    print(f"2. drawing a streaming reply, and a {args.messages:,}-message chat")
    streaming(args.pieces, args.rounds)
    long_chat(args.messages, args.notches)
    print(f"3. first token of a follow-up in a {args.context:,}-token conversation")
    prefix_reuse(args.rounds, args.context)
    return 0


if __name__ == "__main__":
    sys.exit(main())
