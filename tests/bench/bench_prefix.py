"""Time to first token of a follow-up turn, with and without reusing what the model read.

A 3,000-token conversation is read once; then a follow-up question is asked, alternately:

- reuse: as the app does it, the model keeps the conversation it read and reads only the
  new turn (llama-cpp-python keeps the shared prefix in the KV cache);
- no reuse: the model's memory is cleared first, so it reads the whole conversation again;
- switch: another conversation was used in between; the engine kept what the model had
  read of the first one in memory, and brings it back.

Then a follow-up about documents: a question asked with passages, then a second one. As the
app asks it now (``prompt.grounded_messages``: the first question stays after its passages)
the model reads only the new turn; as it was asked before (the first question plain again,
its passages gone) it reads everything after the system prompt again.

    python tests/bench/bench_prefix.py [--turns N] [--tokens N] [--tiny]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.chat.records import Entry
from desktop.core.documents.prompt import grounded_messages
from desktop.core.documents.search import Hit
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


def passages(topic: str, count: int, chars: int) -> list[Hit]:
    """*count* passages of about *chars* characters each about *topic*."""
    text = f"The {topic} clause binds both parties for the term of the agreement. "
    body = (text * (chars // len(text) + 1))[:chars]
    return [
        Hit(Path(f"/matter/{topic}.txt"), None, i * chars, (i + 1) * chars, body, 0.0, i, 1)
        for i in range(count)
    ]


def grounded_follow_up(turns: int, chars: int) -> None:
    """Print the first-token times of a follow-up about documents, asked as the app asks it
    and as it was asked before, and their ratio."""
    system = Entry(Message(role="system", content="You are a careful assistant."))
    first_question = Entry(Message(role="user", content="What does the payment clause say?"))
    first = grounded_messages([system, first_question], passages("payment", 3, chars), 4096)
    reply = "It binds both parties [1]."
    answer = Entry(Message(role="assistant", content=reply), None, first.sources(reply))
    with tempfile.TemporaryDirectory() as folder:
        engine = Engine(SelfCheck(Path(folder) / "selfcheck.json"))
        engine.load(STARTER_MODEL_PATH, LoadSettings(n_ctx=4096))
        now, before = [], []
        for turn in range(turns):
            follow = Entry(Message(role="user", content=f"And the delivery clause ({turn})?"))
            hits = passages("delivery", 3, chars)
            asked = grounded_messages([system, first_question, answer, follow], hits, 4096)
            plain = grounded_messages(
                [system, first_question, Entry(answer.message), follow], hits, 4096
            )
            engine.chat(first.messages, GREEDY, lambda piece: None)  # the first question read
            now.append(first_token(engine, asked.messages))
            engine.chat(first.messages, GREEDY, lambda piece: None)
            before.append(first_token(engine, plain.messages))
        tokens = engine.count_tokens(asked.messages)
        engine.unload()
    n, b = statistics.median(now), statistics.median(before)
    print(
        f"follow-up about documents ({tokens} tokens): first token {n * 1000:.1f} ms as now, "
        f"{b * 1000:.1f} ms as before (first question plain); now/before: {n / b:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=3000, help="the conversation's length")
    parser.add_argument("--chars", type=int, default=1000, help="a passage's length")
    arguments = parse_arguments(parser, {**TINY, "chars": 100})
    prefix_reuse(arguments.turns, arguments.tokens)
    grounded_follow_up(arguments.turns, arguments.chars)


if __name__ == "__main__":
    main()
