"""What goes into and comes out of the engine: messages, settings, the model loaded, a reply."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypedDict

import psutil

from desktop.core.errors import UserError
from desktop.core.modelfile.fit import ModelShape, kv_cache_bytes
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_info import model_name, model_size

READING_SAMPLE = 64
"""Fewer tokens read than this say too little of the reading speed to report it."""


class Message(TypedDict):
    """One turn of a conversation, as chat templates expect it."""

    role: str  # "system", "user" or "assistant"
    content: str


def default_threads() -> int:
    """One thread per physical core: hyper-threads only contend for the same units."""
    return psutil.cpu_count(logical=False) or psutil.cpu_count() or 1


@dataclass(frozen=True)
class LoadSettings:
    """How a model is loaded."""

    n_ctx: int = 4096
    n_threads: int = field(default_factory=default_threads)
    n_gpu_layers: int = 0
    n_batch: int = 512


@dataclass(frozen=True)
class Sampling:
    """How the next token is chosen.

    ``temperature=0`` is greedy: the same prompt gives the same reply.
    """

    temperature: float = 0.7
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.1
    max_tokens: int = 1024
    seed: int | None = None


@dataclass(frozen=True)
class LoadedModel:
    """The model an engine holds."""

    path: Path
    header: GGUFHeader
    n_ctx: int
    settings: LoadSettings

    @property
    def name(self) -> str:
        return model_name(self.path)

    @property
    def weights(self) -> int:
        """Bytes of the model's files: its weights, mapped into memory."""
        return model_size(self.path)

    @property
    def kv_cache(self) -> int:
        """Bytes of the keys and values kept for the whole context."""
        return kv_cache_bytes(ModelShape.of(self.header), self.n_ctx)


@dataclass(frozen=True)
class Reply:
    """A finished reply and how it went.

    Attributes:
        text: the whole reply.
        tokens: tokens generated.
        seconds: from the request to the last token.
        first_token_seconds: from the request to the first token (reading the prompt).
        cancelled: stopped by the user before the model finished.
        prompt_tokens: tokens of the conversation the model read (after any left out).
        left_out: how many of the oldest messages (after the system prompt) the model did
            not see, so that the conversation and room for the reply fit in its context.
        cut_off: why the reply ended before it was finished, when its source broke off (a
            model server's stream cut midway); ``text`` holds what arrived. None otherwise.
        at_limit: the reply reached its token limit (``Sampling.max_tokens``, or the end of
            the context) before the model ended it.
        read_tokens: tokens the model read for this reply: the conversation less what it
            held already from the turns before.
    """

    text: str
    tokens: int
    seconds: float
    first_token_seconds: float
    cancelled: bool
    prompt_tokens: int = 0
    left_out: int = 0
    cut_off: UserError | None = None
    at_limit: bool = False
    read_tokens: int = 0

    @property
    def tokens_per_second(self) -> float:
        """Generation speed after the first token, the figure chat apps show."""
        generating = self.seconds - self.first_token_seconds
        if self.tokens > 1 and generating > 0:
            return (self.tokens - 1) / generating
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    @property
    def reading_per_second(self) -> float:
        """Tokens read a second before the first token; 0 when too few were read to tell."""
        if self.read_tokens < READING_SAMPLE or self.first_token_seconds <= 0:
            return 0.0
        return self.read_tokens / self.first_token_seconds


@dataclass(frozen=True)
class Reading:
    """How far the model has read a conversation before it writes.

    Attributes:
        done: tokens read so far.
        total: tokens it reads before it writes (what it held already is not read again).
        seconds_left: the time still to read, as the reading so far (or the last reading of
            this model) suggests; None while there is nothing to tell it from.
    """

    done: int
    total: int
    seconds_left: float | None

    @property
    def share(self) -> float:
        """How much is read, from 0 to 1."""
        return self.done / self.total if self.total > 0 else 1.0


class ChatBackend(Protocol):
    """Whatever writes replies: the local ``Engine``, or a model server's ``RemoteChat``.

    The window's inference worker and ``sotto ask`` drive either the same way.
    """

    def chat(
        self,
        messages: Sequence[Message],
        sampling: Sampling,
        on_text: Callable[[str], None],
        cancel: threading.Event | None = None,
    ) -> Reply:
        """Write the assistant's next turn after *messages*, giving it to *on_text* piece by
        piece; setting *cancel* stops it at once (``Reply.cancelled``).

        Raises:
            UserError: the reply could not be written (each backend says why).
        """
        ...
