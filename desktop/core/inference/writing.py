"""Writing a reply token by token, with as little as possible around llama.cpp's own work.

llama-cpp-python's ``create_completion`` turns every token generated so far back into text
at each new token, to look for stop texts and split characters: its cost per token grows
with the reply (a 1,000-token reply spends about a quarter of its time there on a small
model). Here each token is turned into text once, an incremental UTF-8 decoder joins the
bytes of characters split across tokens, and only the end of the text is held back while it
could still become a stop text: the cost per token stays the same however long the reply.
"""

from __future__ import annotations

import codecs
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.inference.types import Sampling


@dataclass(frozen=True)
class Written:
    """What the model wrote.

    Attributes:
        text: the reply, without any stop text.
        tokens: tokens generated.
        first_token_at: ``time.perf_counter()`` when the first token came; 0 with none.
        at_limit: it stopped at its token limit, not at its end.
    """

    text: str
    tokens: int
    first_token_at: float
    at_limit: bool


class StopTexts:
    """Cuts the reply at the first of the chat template's stop texts.

    Text that could still become the start of a stop text is held back until the next
    pieces show that it does not.
    """

    def __init__(self, stops: Sequence[str]) -> None:
        self._stops = [stop for stop in stops if stop]
        self._held = ""
        self.stopped = False

    def feed(self, text: str) -> str:
        """The part of *text* (after what was held) that is surely reply."""
        held = self._held + text
        found = [held.find(stop) for stop in self._stops]
        cuts = [at for at in found if at >= 0]
        if cuts:
            self.stopped = True
            self._held = ""
            return held[: min(cuts)]
        keep = max(
            (
                size
                for stop in self._stops
                for size in range(len(stop) - 1, 0, -1)
                if held.endswith(stop[:size])
            ),
            default=0,
        )
        self._held = held[len(held) - keep :]
        return held[: len(held) - keep]

    def flush(self) -> str:
        """What is held back, once the reply has ended."""
        held, self._held = self._held, ""
        return held


def stop_texts(stop: str | Sequence[str] | None) -> list[str]:
    """A chat formatter's stop texts as a list."""
    if stop is None:
        return []
    return [stop] if isinstance(stop, str) else list(stop)


def write(
    llama: Any,
    tokens: list[int],
    sampling: Sampling,
    stops: StopTexts,
    stopping_criteria: Any,
    on_text: Callable[[str], None],
    cancel: threading.Event,
) -> Written:
    """Generate the reply to *tokens* with *llama*, giving it to *on_text* piece by piece.

    It ends at an end-of-generation token, a stop text, *stopping_criteria*, the token limit
    (``sampling.max_tokens``, or the end of the context) or, before the next token, when
    *cancel* is set.
    """
    import llama_cpp

    llama.set_seed(sampling.seed if sampling.seed is not None else random.getrandbits(32))
    limit = min(sampling.max_tokens, llama.n_ctx() - len(tokens))
    vocab = llama._model.vocab
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pieces: list[str] = []
    generated = 0
    first_token_at = 0.0
    at_limit = False

    def say(text: str) -> None:
        if text:
            pieces.append(text)
            on_text(text)

    for token in llama.generate(
        tokens,
        top_k=sampling.top_k,
        top_p=sampling.top_p,
        min_p=sampling.min_p,
        temp=sampling.temperature,
        repeat_penalty=sampling.repeat_penalty,
        stopping_criteria=stopping_criteria,
    ):
        if llama_cpp.llama_vocab_is_eog(vocab, token):
            break
        generated += 1
        if generated == 1:
            first_token_at = time.perf_counter()
        say(stops.feed(decoder.decode(llama.detokenize([token]))))
        if stops.stopped or cancel.is_set():
            break
        if generated >= limit:
            at_limit = True
            break
    if not stops.stopped:
        say(stops.feed(decoder.decode(b"", final=True)) + stops.flush())
    return Written("".join(pieces), generated, first_token_at, at_limit)
