"""The real ``openai`` client against the API: the starter model answers, streamed and not."""

from __future__ import annotations

import openai
import pytest

from desktop.core.documents.embedder import EMBEDDER_NAME
from tests.api.conftest import TOKEN, RunningApi


@pytest.fixture
def client(api: RunningApi) -> openai.OpenAI:
    return openai.OpenAI(base_url=api.base, api_key=TOKEN, max_retries=0)


def test_the_models_are_listed_by_name(client: openai.OpenAI, api: RunningApi) -> None:
    names = [model.id for model in client.models.list()]
    assert names == [api.model]
    assert EMBEDDER_NAME not in names  # embedding models do not chat


def test_a_reply_comes_whole_with_its_usage(client: openai.OpenAI, api: RunningApi) -> None:
    reply = client.chat.completions.create(
        model=api.model,
        messages=[
            {"role": "system", "content": "You answer in one short sentence."},
            {"role": "user", "content": "What colour is the sky?"},
        ],
        max_tokens=6,
        temperature=0,
        seed=1,
    )
    choice = reply.choices[0]
    assert choice.message.role == "assistant" and choice.message.content
    assert choice.finish_reason == "length"  # six tokens are not enough to finish
    assert reply.model == api.model
    assert reply.usage is not None
    assert reply.usage.completion_tokens == 6
    assert reply.usage.prompt_tokens > 10  # the system prompt and question, templated
    assert reply.usage.total_tokens == reply.usage.prompt_tokens + 6
    again = client.chat.completions.create(
        model=api.model,
        messages=[
            {"role": "system", "content": "You answer in one short sentence."},
            {"role": "user", "content": "What colour is the sky?"},
        ],
        max_tokens=6,
        temperature=0,
        seed=1,
    )
    assert again.choices[0].message.content == choice.message.content  # greedy: the same


def test_a_streamed_reply_is_the_same_reply_in_pieces(
    client: openai.OpenAI, api: RunningApi
) -> None:
    asked = {
        "model": api.model,
        "messages": [{"role": "user", "content": "Count from one to ten."}],
        "max_tokens": 12,
        "temperature": 0,
    }
    whole = client.chat.completions.create(**asked)  # type: ignore[call-overload]
    stream = client.chat.completions.create(
        **asked, stream=True, stream_options={"include_usage": True}
    )  # type: ignore[call-overload]
    chunks = list(stream)
    pieces = [c.choices[0].delta.content or "" for c in chunks if c.choices]
    assert len([p for p in pieces if p]) > 3  # piece by piece, not at once
    assert "".join(pieces) == whole.choices[0].message.content
    finished = [c.choices[0].finish_reason for c in chunks if c.choices]
    assert finished[-1] == whole.choices[0].finish_reason and set(finished[:-1]) == {None}
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 12


def test_a_stop_text_ends_the_reply_before_it(client: openai.OpenAI, api: RunningApi) -> None:
    asked = {
        "model": api.model,
        "messages": [{"role": "user", "content": "Count from one to ten, in digits."}],
        "max_tokens": 40,
        "temperature": 0,
    }
    whole = client.chat.completions.create(**asked).choices[0].message.content  # type: ignore[call-overload]
    assert whole and "3" in whole
    cut = client.chat.completions.create(**asked, stop=["3"]).choices[0]  # type: ignore[call-overload]
    assert cut.message.content == whole[: whole.index("3")]
    assert cut.finish_reason == "stop"


def test_an_unknown_model_is_a_clear_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], max_tokens=4
        )
    assert "There is no model called gpt-4o" in str(raised.value)


def test_a_wrong_token_is_refused(api: RunningApi) -> None:
    stranger = openai.OpenAI(base_url=api.base, api_key="not-the-token", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        stranger.models.list()
