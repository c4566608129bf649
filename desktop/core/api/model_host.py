"""Where the API's replies are written: on the thread that owns the model, one at a time.

In the window that is the inference worker's thread, so the API and the chat share the model
loaded there, and a request's reply waits behind the chat's (``desktop.ui.api``). ``sotto
serve`` has no window: ``EngineThread`` owns an engine of its own. Either way, at most
``MAX_WAITING`` requests wait; the next is refused at once (429), never left hanging.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable
from typing import Protocol

from desktop.core.api.errors import ApiError
from desktop.core.inference.engine import Engine
from desktop.core.inference.types import LoadedModel

Job = Callable[[Engine], None]
"""Work for the model's thread, given the engine; it reports its own outcome."""

MAX_WAITING = 8
"""Requests that may wait for the model, besides the one it answers."""


class ModelHost(Protocol):
    """The thread that owns the engine, running jobs in the order they came.

    Attributes:
        loads_models: whether a job may load the model a request names (``sotto serve``);
            in the window the model is the one the user loaded there.
    """

    loads_models: bool

    def submit(self, job: Job) -> None:
        """Run *job* on the engine's thread, after every job (or chat reply) given before."""
        ...

    def loaded(self) -> LoadedModel | None:
        """The model the engine holds now (read from another thread: it may change)."""
        ...


class ReplyQueue:
    """Counts the requests placed with the model, and refuses one more than it holds."""

    def __init__(self, limit: int = MAX_WAITING + 1) -> None:
        self._limit = limit
        self._placed = 0
        self._lock = threading.Lock()

    @property
    def placed(self) -> int:
        """The requests placed whose jobs have not ended."""
        return self._placed

    def place(self) -> None:
        """Count one more request, which calls ``done`` when its job has ended.

        Raises:
            ApiError: (429) the queue is full.
        """
        with self._lock:
            if self._placed >= self._limit:
                raise ApiError(
                    429,
                    f"Sotto is busy: {self._placed} requests are already waiting for the "
                    "model. Try again in a moment.",
                    "rate_limit_error",
                    {"Retry-After": "1"},
                )
            self._placed += 1

    def done(self) -> None:
        """One request's job has ended (any thread)."""
        with self._lock:
            self._placed -= 1


class EngineThread:
    """``sotto serve``'s model thread: an engine of its own, loading what requests name."""

    loads_models = True

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="api-model", daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        self._jobs.put(job)

    def loaded(self) -> LoadedModel | None:
        return self._engine.model

    def close(self) -> None:
        """End the thread after the jobs given, and free the model."""
        self._jobs.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job(self._engine)
            except Exception:  # a bug: said on standard error, and the next job runs
                traceback.print_exc()
        self._engine.unload()
