"""The engine reads a long conversation in chunks that report progress and can be stopped,
writes on from a reply cut short, and says when a reply met its token limit."""

from __future__ import annotations

import threading

from desktop.core.inference.engine import Engine, prompt_budget
from desktop.core.inference.types import Message, Reading, Sampling
from desktop.core.inference.writing import StopTexts

GREEDY = Sampling(temperature=0.0, max_tokens=8)


def contract(topic: str) -> list[Message]:
    """A message of about 1,500 tokens, different for each *topic* (nothing read before)."""
    clauses = " ".join(
        f"Clause {number} on {topic}: the tenant keeps the premises in good repair."
        for number in range(90)
    )
    return [Message(role="user", content=f"{clauses}\n\nSummarize the {topic} clauses.")]


def test_a_long_message_is_read_in_chunks_that_report_progress(engine: Engine) -> None:
    readings: list[Reading] = []
    reply = engine.chat(contract("gardens"), GREEDY, lambda piece: None, None, readings.append)
    assert reply.text and not reply.cancelled
    assert len(readings) >= 3
    assert readings[0].done == 0 and readings[-1].done == readings[-1].total
    assert [r.done for r in readings] == sorted({r.done for r in readings})  # always onward
    assert all(r.seconds_left is not None for r in readings[1:])
    # All it did not hold (the chat template's start, perhaps), but the last token, which
    # is read as it writes.
    assert readings[-1].total == reply.read_tokens - 1
    assert reply.prompt_tokens - 64 < reply.read_tokens <= reply.prompt_tokens
    assert reply.reading_per_second > 0


def test_a_short_follow_up_reports_no_progress(engine: Engine) -> None:
    messages = contract("boilers")
    engine.chat(messages, GREEDY, lambda piece: None)
    readings: list[Reading] = []
    follow_up = [
        *messages,
        Message(role="assistant", content="Done."),
        Message(role="user", content="Thanks!"),
    ]
    reply = engine.chat(follow_up, GREEDY, lambda piece: None, None, readings.append)
    assert readings == [] and reply.read_tokens < 64  # the model kept what it read


def test_stop_while_reading_ends_before_a_word_and_keeps_what_was_read(engine: Engine) -> None:
    cancel = threading.Event()
    readings: list[Reading] = []

    def on_reading(reading: Reading) -> None:
        readings.append(reading)
        if reading.done > 0:
            cancel.set()

    messages = contract("windows")
    stopped = engine.chat(messages, GREEDY, lambda piece: None, cancel, on_reading)
    assert stopped.cancelled and stopped.text == "" and stopped.tokens == 0
    assert 0 < readings[-1].done < readings[-1].total  # it stopped after one chunk
    again = engine.chat(messages, GREEDY, lambda piece: None)
    assert again.text and again.read_tokens <= again.prompt_tokens - readings[-1].done


def test_a_reply_from_the_assistant_is_written_on(engine: Engine) -> None:
    question = [Message(role="user", content="Count from one to ten in words.")]
    start = engine.chat(question, Sampling(temperature=0.0, max_tokens=6), lambda piece: None)
    assert start.at_limit
    pieces: list[str] = []
    more = engine.chat(
        [*question, Message(role="assistant", content=start.text)],
        Sampling(temperature=0.0, max_tokens=24),
        pieces.append,
    )
    assert more.text and "".join(pieces) == more.text
    whole = engine.chat(question, Sampling(temperature=0.0, max_tokens=30), lambda piece: None)
    assert whole.text.startswith(start.text)
    assert (start.text + more.text).startswith(whole.text[: len(start.text) + 4])


def test_a_reply_says_whether_it_met_its_token_limit(engine: Engine) -> None:
    cut = engine.chat(
        [Message(role="user", content="Tell me a long story.")],
        GREEDY,
        lambda p: None,
    )
    assert cut.at_limit and cut.tokens == GREEDY.max_tokens
    whole = engine.chat(
        [Message(role="user", content="Say only the word yes.")],
        Sampling(temperature=0.0, max_tokens=200),
        lambda piece: None,
    )
    assert not whole.at_limit and whole.tokens < 200


def test_the_prompt_budget_keeps_room_for_the_reply() -> None:
    assert prompt_budget(4096, Sampling(max_tokens=256)) == 3840
    assert prompt_budget(4096, Sampling(max_tokens=4096)) == 3072  # a quarter at most


def test_stop_texts_are_cut_even_across_pieces() -> None:
    stops = StopTexts(["<|im_end|>"])
    assert stops.feed("Hello <|im") == "Hello "  # held back: it may become the stop text
    assert stops.feed("_end|> more") == "" and stops.stopped
    plain = StopTexts(["<|im_end|>"])
    assert plain.feed("a <") == "a " and plain.feed("b") == "<b" and plain.flush() == ""
    assert StopTexts([]).feed("anything") == "anything"
