"""llama.cpp's log, kept off the user's terminal.

llama.cpp logs as it loads a model and makes its context (sizes, buffers, and warnings such
as ``n_ctx_seq (4096) > n_ctx_train (0)`` for a model that does not say its context length).
llama-cpp-python hands those lines to a callback that prints them to stderr unless its logger
("llama-cpp-python") is set above their level. That cannot hold them back: every ``Llama()``
sets the logger again (to ERROR, with ``verbose=False``), and its table of llama.cpp's levels
is older than the llama.cpp it ships, which numbers them one higher, so a warning is taken for
an error and printed. Sotto tells the user what went wrong in its own sentences (a model that
does not load is a ``ModelCorruptError``) and writes no log, so the lines are dropped here.
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any


def _dropped(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
    """Nothing of a line is kept: it may name the user's files."""


@functools.cache  # once per process; the cache also keeps the callback alive for llama.cpp
def silence_llama_cpp() -> Any:
    """Drop every line llama.cpp logs in this process from now on; call it before a load."""
    import llama_cpp  # sets llama-cpp-python's callback as it loads: replaced below

    callback = llama_cpp.llama_log_callback(_dropped)
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))
    return callback
