"""Reading a long conversation a chunk at a time, so that it can report progress and stop.

llama.cpp reads a prompt in batches of ``n_batch`` tokens, each a single call that nothing
interrupts: on a small machine a long pasted document takes many seconds, during which a
reply could neither say how far it was nor be stopped. Reading it here in chunks of about
half a second each gives both, at the cost of a few more calls into llama.cpp (well under 1 %
of the reading time: the work is the same matrix products, cut into fewer rows at a time).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from desktop.core.inference.types import Reading

CHUNK_SECONDS = 0.5
"""About how long one chunk takes to read: how late a Stop may come, and how often progress
is reported."""
_ALIGN = 32
"""Chunks are whole multiples of this many tokens, as llama.cpp's kernels prefer."""
_FIRST_CHUNK = 64
"""The first chunk of a model whose reading speed is not known yet."""
PROGRESS_FROM = 128
"""Fewer tokens to read than this take too little time to report progress on."""


class PromptReader:
    """Reads the part of a prompt that a ``llama_cpp.Llama`` does not hold yet.

    It remembers the reading speed of the model it last read with, to size the chunks and
    tell the time left from the start of the next reading.

    Attributes:
        tokens_per_second: the last reading speed measured; 0 before the first.
    """

    def __init__(self) -> None:
        self.tokens_per_second = 0.0

    def read(
        self,
        llama: Any,
        tokens: list[int],
        cancel: threading.Event,
        on_reading: Callable[[Reading], None] | None,
    ) -> int:
        """Read *tokens* but the last into *llama*'s memory, after what it holds of them.

        The last token is left to ``Llama.generate``, which reads it and writes from it. Every
        chunk read stays read: after a Stop (*cancel*), the next prompt that starts the same
        way goes on from there. *on_reading* hears the progress when there is enough to read
        to tell it. Returns how many tokens of *tokens* the model did not hold before.
        """
        from llama_cpp import Llama

        start: int = Llama.longest_token_prefix(llama._input_ids.tolist(), tokens)
        to_read = len(tokens) - 1 - start
        # A model with recurrent memory cannot drop the end of what it holds: llama-cpp-python
        # reads such a prompt whole, its own way.
        if to_read < PROGRESS_FROM or llama._is_recurrent or llama._is_hybrid:
            return len(tokens) - start
        llama.n_tokens = start  # llama.eval drops what it held after this from its memory
        report = on_reading or (lambda _reading: None)
        rate = self.tokens_per_second
        report(Reading(0, to_read, to_read / rate if rate else None))
        began = time.perf_counter()
        done = 0
        while done < to_read and not cancel.is_set():
            # Sized by the pace of the last chunk: reading slows as the context fills.
            size = _chunk(rate, llama.n_batch) if rate else _FIRST_CHUNK
            chunk = tokens[start + done : start + min(to_read, done + size)]
            chunk_began = time.perf_counter()
            llama.eval(chunk)
            now = time.perf_counter()
            done += len(chunk)
            rate = len(chunk) / max(now - chunk_began, 1e-6)
            report(Reading(done, to_read, (to_read - done) * (now - began) / done))
        self.tokens_per_second = rate
        return len(tokens) - start

    def forget(self) -> None:
        """Forget the speed measured: another model reads at another pace."""
        self.tokens_per_second = 0.0


def _chunk(tokens_per_second: float, n_batch: int) -> int:
    """Tokens read in about ``CHUNK_SECONDS`` at that speed, within llama.cpp's batch (and
    no fewer than ``_FIRST_CHUNK``: smaller ones read markedly slower)."""
    size = int(tokens_per_second * CHUNK_SECONDS) // _ALIGN * _ALIGN
    return max(min(_FIRST_CHUNK, n_batch), min(n_batch, size))
