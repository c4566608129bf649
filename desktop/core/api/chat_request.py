"""A chat completion request, read from its JSON as OpenAI's clients send it, and checked."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.api.errors import ApiError
from desktop.core.inference.types import Message, Sampling

ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
"""The roles a message may have, as the chat template reads them (OpenAI's newer "developer"
is the system prompt)."""
MAX_STOPS = 4
"""As OpenAI's: up to four stop texts."""
COLLECTION_FIELD = "sotto_collection"
"""The extension field that names a collection of the user's documents to answer from."""


@dataclass(frozen=True)
class ChatRequest:
    """What a client asked.

    Attributes:
        model: the name of the model it asked for.
        messages: the conversation, as the chat template reads it.
        sampling: how tokens are chosen (Sotto's defaults for what it left out).
        stop: texts that end the reply.
        stream: whether the reply is sent piece by piece (server-sent events).
        include_usage: (streamed) whether a last event carries the tokens counted.
        collection: the collection of documents to answer from; "" for none.
    """

    model: str
    messages: list[Message]
    sampling: Sampling
    stop: tuple[str, ...]
    stream: bool
    include_usage: bool
    collection: str


def chat_request(body: object) -> ChatRequest:
    """*body* (parsed JSON) as a request.

    Raises:
        ApiError: (400) a field is missing or not as OpenAI's API defines it.
    """
    if not isinstance(body, Mapping):
        raise ApiError(400, "The request's body must be a JSON object.")
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise ApiError(400, "Name the model in 'model': GET /v1/models lists them.")
    if body.get("n", 1) != 1:
        raise ApiError(400, "Sotto writes one reply per request: leave 'n' out, or give 1.")
    defaults = Sampling()
    max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
    sampling = Sampling(
        temperature=_number(body, "temperature", defaults.temperature, 0.0, 2.0),
        top_p=_number(body, "top_p", defaults.top_p, 0.0, 1.0),
        max_tokens=defaults.max_tokens if max_tokens is None else _count(max_tokens),
        seed=_seed(body.get("seed")),
    )
    options = body.get("stream_options") or {}
    collection = body.get(COLLECTION_FIELD) or ""
    if not isinstance(collection, str):
        raise ApiError(400, f"'{COLLECTION_FIELD}' must be the name of a collection.")
    return ChatRequest(
        model=model,
        messages=_messages(body.get("messages")),
        sampling=sampling,
        stop=_stops(body.get("stop")),
        stream=_flag(body, "stream"),
        include_usage=isinstance(options, Mapping) and options.get("include_usage") is True,
        collection=collection,
    )


def _messages(given: object) -> list[Message]:
    if not isinstance(given, list) or not given:
        raise ApiError(400, "'messages' must be a list of at least one message.")
    messages = []
    for number, message in enumerate(given, start=1):
        role = message.get("role") if isinstance(message, Mapping) else None
        if role not in ROLES:
            raise ApiError(
                400, f"Message {number} has no role Sotto knows: use system, user or assistant."
            )
        assert isinstance(message, Mapping)
        messages.append(Message(role=ROLES[role], content=_content(message.get("content"), number)))
    return messages


def _content(content: object, number: int) -> str:
    """A message's text: a string, or a list of text parts (images are not read here)."""
    if isinstance(content, str):
        return content
    if content is None:
        return ""
    parts = content if isinstance(content, list) else None
    texts = [
        part.get("text")
        for part in parts or []
        if isinstance(part, Mapping) and part.get("type") == "text"
    ]
    if parts is None or len(texts) != len(parts) or not all(isinstance(t, str) for t in texts):
        raise ApiError(
            400, f"Message {number}'s content must be text: Sotto's models read no images."
        )
    return "".join(str(text) for text in texts)


def _number(body: Mapping[str, Any], name: str, default: float, low: float, high: float) -> float:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ApiError(400, f"'{name}' must be a number from {low:g} to {high:g}.")
    if not low <= value <= high:
        raise ApiError(400, f"'{name}' must be a number from {low:g} to {high:g}.")
    return float(value)


def _count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ApiError(400, "'max_tokens' must be a whole number of at least 1.")
    return value


def _seed(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(400, "'seed' must be a whole number.")
    return value % (1 << 32)  # llama.cpp's seed is 32 bits


def _stops(value: object) -> tuple[str, ...]:
    stops = [value] if isinstance(value, str) else value
    if value is None:
        return ()
    if not isinstance(stops, list) or len(stops) > MAX_STOPS:
        raise ApiError(400, f"'stop' must be a text or a list of up to {MAX_STOPS} texts.")
    if not all(isinstance(stop, str) for stop in stops):
        raise ApiError(400, f"'stop' must be a text or a list of up to {MAX_STOPS} texts.")
    return tuple(stop for stop in stops if stop)


def _flag(body: Mapping[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ApiError(400, f"'{name}' must be true or false.")
    return value
