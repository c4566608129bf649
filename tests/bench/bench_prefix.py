"""Time to first token of a follow-up turn, with and without reusing what the model read.

A 3,000-token conversation is read once; then a follow-up question is asked, alternately:

- reuse: as the app does it, the model keeps the conversation it read and reads only the
  new turn (llama-cpp-python keeps the shared prefix in the KV cache);
- no reuse: the model's memory is cleared first, so it reads the whole conversation again;
- switch: another conversation was used in between; the engine kept what the model had
  read of the first one in memory, and brings it back.

    python tests/bench/bench_prefix.py [--turns N] [--tokens N] [--tiny]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.types import LoadSettings, Message, Sampling
from desktop.core.library.installed import STARTER_MODEL_PATH
from tests.bench.tiny import parse_arguments

GREEDY = Sampling(temperature=0.0, max_tokens=4)
TINY = {"turns": 1, "tokens": 100}
"""Sizes for ``--tiny`` (``bench_chat.py`` uses them too)."""


def conversation(topic: str, approx_tokens: int) -> list[Message]:
    messages = [Message(role="system", content="You are a careful assistant.")]
    number = 0
    while len(" ".join(m["content"] for m in messages)) < approx_tokens * 4:
        messages.append(Message(role="user", content=f"Tell me fact {number} about {topic}."))
        messages.append(
            Message(
                role="assistant",
                content=f"Fact {number} about {topic}: " + f"{topic} matter to many people. " * 12,
            )
        )
        number += 1
    return messages


def first_token(engine: Engine, messages: list[Message]) -> float:
    return engine.chat(messages, GREEDY, lambda piece: None).first_token_seconds


def prefix_reuse(turns: int, tokens: int = 3000) -> None:
    """Print the first-token times of follow-ups to a conversation of about *tokens*
    tokens with and without reuse, and their ratio."""
    with tempfile.TemporaryDirectory() as folder:
        engine = Engine(SelfCheck(Path(folder) / "selfcheck.json"))
        engine.load(STARTER_MODEL_PATH, LoadSettings(n_ctx=4096))
        lighthouses = conversation("lighthouses", tokens)
        gardens = conversation("gardens", tokens)
        print(
            f"conversation: {engine.chat(lighthouses, GREEDY, lambda p: None).prompt_tokens} tokens"
        )
        reuse, fresh, switch = [], [], []
        for turn in range(turns):
            follow_up = [*lighthouses, Message(role="user", content=f"And fact {turn}b?")]
            engine.chat(lighthouses, GREEDY, lambda piece: None)  # the model has just read it
            reuse.append(first_token(engine, follow_up))
            engine._llama.reset()  # forget what was read: the whole conversation again
            engine._recent.clear()
            fresh.append(first_token(engine, follow_up))
            engine.chat(gardens, GREEDY, lambda piece: None)  # another conversation between
            switch.append(first_token(engine, [*follow_up, Message(role="user", content="?")]))
        engine.unload()
    r, f, s = (statistics.median(values) for values in (reuse, fresh, switch))
    print(f"first token, follow-up reusing the prefix:  {r * 1000:7.1f} ms (median)")
    print(f"first token, follow-up read from scratch:  {f * 1000:7.1f} ms")
    print(f"first token, back from another conversation: {s * 1000:7.1f} ms")
    print(f"reuse / scratch: {r / f:.3f}   switch / scratch: {s / f:.3f}   (goal: under 0.1)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=3000, help="the conversation's length")
    arguments = parse_arguments(parser, TINY)
    prefix_reuse(arguments.turns, arguments.tokens)


if __name__ == "__main__":
    main()
