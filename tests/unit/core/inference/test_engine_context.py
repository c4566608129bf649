"""A conversation longer than the context still gets replies: the oldest turns are left out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.types import LoadSettings, Message, Sampling

SYSTEM = "You are a lighthouse keeper who answers briefly."
GREEDY = Sampling(temperature=0.0, max_tokens=16)


@pytest.fixture(scope="module")
def small_engine(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The starter model with a 512-token context."""
    engine = Engine(SelfCheck(tmp_path_factory.mktemp("selfcheck") / "selfcheck.json"))
    engine.load(starter_model, LoadSettings(n_ctx=512))
    yield engine
    engine.unload()


def long_conversation(turns: int) -> list[Message]:
    messages = [Message(role="system", content=SYSTEM)]
    for number in range(turns):
        messages.append(
            Message(
                role="user",
                content=f"Question {number}: tell me about the storm of {1900 + number}.",
            )
        )
        messages.append(
            Message(
                role="assistant",
                content=f"The storm of {1900 + number} " + "brought wind and rain " * 6,
            )
        )
    messages.append(Message(role="user", content="Which storm was the worst?"))
    return messages


def test_the_oldest_turns_are_left_out_and_the_system_prompt_kept(small_engine: Engine) -> None:
    messages = long_conversation(20)
    reply = small_engine.chat(messages, GREEDY, lambda piece: None)
    assert reply.text and not reply.cancelled
    assert reply.left_out > 0
    assert messages[1 + reply.left_out]["role"] == "user"  # the kept part starts with a question
    assert reply.prompt_tokens + GREEDY.max_tokens <= 512

    # What it read is the system prompt and the turns from the first kept one, whole.
    left_out = reply.left_out
    assert small_engine.count_tokens([messages[0], *messages[1 + left_out :]]) == (
        reply.prompt_tokens
    )
    # One turn fewer left out would not have fitted: no more was dropped than needed.
    kept = [messages[0], *messages[1 + left_out - 2 :]]
    assert small_engine.count_tokens(kept) > 512 - GREEDY.max_tokens


def test_a_short_conversation_is_read_whole(small_engine: Engine) -> None:
    messages = long_conversation(1)
    reply = small_engine.chat(messages, GREEDY, lambda piece: None)
    assert reply.left_out == 0 and reply.text


def test_going_back_to_a_recent_conversation_brings_back_what_the_model_read(
    small_engine: Engine,
) -> None:
    first = long_conversation(2)
    other = [Message(role="user", content="A different conversation about gardens.")]
    small_engine.chat(first, GREEDY, lambda piece: None)
    small_engine.chat(other, GREEDY, lambda piece: None)  # the first one is kept aside
    follow_up = [
        *first,
        Message(role="assistant", content="Storm 1."),
        Message(role="user", content="And the mildest?"),
    ]
    reply = small_engine.chat(follow_up, GREEDY, lambda piece: None)
    assert reply.text and reply.left_out == 0
    # Only what follows the first conversation is read: the rest was brought back.
    assert reply.read_tokens < reply.prompt_tokens // 2, (reply.read_tokens, reply.prompt_tokens)
