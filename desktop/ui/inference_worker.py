"""The inference worker: the only owner of the model, on a thread of its own."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.errors import InternalError, UserError
from desktop.core.inference.engine import Engine
from desktop.core.inference.types import LoadSettings, Message, Sampling
from desktop.core.throttle import Throttle

TEXT_INTERVAL_S = 0.05
"""Pieces generated closer together than this reach the GUI together: drawing every token
of a fast model would take processor time from the model on small machines, and no one
reads faster than 20 updates a second."""


class InferenceWorker(QObject):
    """Loads models and generates replies; lives on the inference thread.

    Its slots are reached through queued signals only (see ``InferenceClient``), so every
    call into llama.cpp happens on that one thread.

    Signals:
        loaded(LoadedModel): a model finished loading.
        load_failed(UserError, LoadedModel | None): loading failed; the second value is the
            model still loaded, if any.
        text(str): the next piece of the reply being generated: one token, or the few
            generated within ``TEXT_INTERVAL_S``.
        speed(float): tokens per second of the reply so far, sent with each ``text``.
        finished(Reply): the reply is complete (or was stopped: ``Reply.cancelled``).
        failed(UserError): generation could not start or went wrong.
        counted(int): the tokens of the messages given to ``count``.
    """

    loaded = Signal(object)
    load_failed = Signal(object, object)
    text = Signal(str)
    speed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)
    counted = Signal(int)

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine

    @Slot(object, object, int)
    def load(self, path: Path, settings: LoadSettings | None, n_ctx: int) -> None:
        try:
            model = self._engine.load(path, settings, n_ctx)
        except UserError as error:
            self.load_failed.emit(error, self._engine.model)
            return
        except Exception:  # a bug: the window recovers, and the error still surfaces
            self.load_failed.emit(InternalError(), self._engine.model)
            raise
        self.loaded.emit(model)

    @Slot(object, object, object)
    def generate(
        self, messages: Sequence[Message], sampling: Sampling, cancel: threading.Event
    ) -> None:
        held: list[str] = []
        sending = Throttle(TEXT_INTERVAL_S)
        first_at = 0.0
        pieces = 0

        def on_text(piece: str) -> None:
            nonlocal first_at, pieces
            held.append(piece)
            pieces += 1
            now = time.monotonic()
            if pieces == 1:
                first_at = now
            if sending.due(now):
                self.text.emit("".join(held))
                if now > first_at:  # pieces are tokens, give or take a held-back one
                    self.speed.emit((pieces - 1) / (now - first_at))
                held.clear()

        try:
            reply = self._engine.chat(messages, sampling, on_text, cancel)
        except UserError as error:
            self.failed.emit(error)
            return
        except Exception:  # a bug: the window recovers, and the error still surfaces
            self.failed.emit(InternalError())
            raise
        if held:
            self.text.emit("".join(held))
        self.finished.emit(reply)

    @Slot(object)
    def count(self, messages: Sequence[Message]) -> None:
        if self._engine.model is None:
            return
        try:
            self.counted.emit(self._engine.count_tokens(messages))
        except UserError:
            return  # the template fails on these messages: sending them will say so

    @Slot()
    def close(self) -> None:
        """Free the model and end the inference thread's event loop."""
        self._engine.unload()
        QThread.currentThread().quit()


class InferenceClient(QObject):
    """The GUI thread's handle on the inference worker and its thread.

    Its signals repeat the worker's on the GUI thread; connect to these, not the worker's.

    Signals:
        loaded(LoadedModel), load_failed(UserError, LoadedModel | None), text(str),
        speed(float), finished(Reply), failed(UserError), counted(int): as
        ``InferenceWorker``'s.
    """

    loaded = Signal(object)
    load_failed = Signal(object, object)
    text = Signal(str)
    speed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)
    counted = Signal(int)
    _load_requested = Signal(object, object, int)
    _generate_requested = Signal(object, object, object)
    _count_requested = Signal(object)
    _close_requested = Signal()

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("inference")
        self.worker = InferenceWorker(engine)
        self.worker.moveToThread(self._thread)
        self._load_requested.connect(self.worker.load)
        self._generate_requested.connect(self.worker.generate)
        self._count_requested.connect(self.worker.count)
        self._close_requested.connect(self.worker.close)
        for name in ("loaded", "load_failed", "text", "speed", "finished", "failed", "counted"):
            getattr(self.worker, name).connect(getattr(self, name))
        self._cancel = threading.Event()
        self._thread.start()

    def load(self, path: Path, settings: LoadSettings | None = None, n_ctx: int = 0) -> None:
        """Ask for the model at *path* (settings chosen for this hardware if None; *n_ctx*,
        if not 0, the context length).

        The answer is ``loaded`` or ``load_failed``.
        """
        self._load_requested.emit(path, settings, n_ctx)

    def count(self, messages: Sequence[Message]) -> None:
        """Ask how many tokens *messages* make for the loaded model; the answer is
        ``counted`` (none if no model is loaded)."""
        self._count_requested.emit(list(messages))

    def generate(self, messages: Sequence[Message], sampling: Sampling) -> None:
        """Ask for the next reply; pieces come as ``text``, then ``finished`` or ``failed``."""
        self._cancel = threading.Event()
        self._generate_requested.emit(list(messages), sampling, self._cancel)

    def stop(self) -> None:
        """Stop the reply being generated, before its next token. Safe to call at any time."""
        self._cancel.set()

    def shutdown(self) -> None:
        """Stop generating, free the model on its own thread, and end the thread."""
        if self._thread.isRunning():
            self.stop()
            self._close_requested.emit()
            self._thread.wait()
