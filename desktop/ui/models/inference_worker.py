"""The inference worker: the only owner of the model, on a thread of its own."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop.core.errors import InternalError, UserError
from desktop.core.inference.engine import Engine
from desktop.core.inference.speed_probe import MeasurementStoppedError, SpeedProbe
from desktop.core.inference.types import (
    ChatBackend,
    LoadedModel,
    LoadSettings,
    Message,
    Sampling,
)
from desktop.core.throttle import Throttle

TEXT_INTERVAL_S = 0.05
"""Pieces generated closer together than this reach the GUI together: drawing every token
of a fast model would take processor time from the model on small machines, and no one
reads faster than 20 updates a second."""
SPEED_INTERVAL_S = 0.5
"""The live speed is sent at most this often: the gauge shows it once a second, and each
signal costs the GUI thread (and so the model, on a small machine) a little."""


class InferenceWorker(QObject):
    """Loads models and generates replies; lives on the inference thread.

    Its slots are reached through queued signals only (see ``InferenceClient``), so every
    call into llama.cpp happens on that one thread. Replies come from the engine, or from a
    model server's ``RemoteChat`` while one is in use (``use_remote``): either streams
    through the same signals.

    Signals:
        loaded(LoadedModel): a model finished loading.
        load_failed(UserError, LoadedModel | None): loading failed; the second value is the
            model still loaded, if any.
        text(str): the next piece of the reply being generated: one token, or the few
            generated within ``TEXT_INTERVAL_S``.
        speed(float): tokens per second of the reply so far, sent with a ``text`` at most
            every ``SPEED_INTERVAL_S``.
        reading(Reading): how far the model has read a long conversation, before the first
            ``text`` (about twice a second).
        finished(Reply): the reply is complete (or was stopped: ``Reply.cancelled``).
        failed(UserError): generation could not start or went wrong.
        counted(int): the tokens of the messages given to ``count``.
        machine_measured(MachineSpeed | None): how fast the machine runs models (None: it
            cannot be told), the answer to ``measure_machine``.
        measure_stopped(): the measurement was stopped for a question or a load; it is
            asked for again once the worker is idle.
        ran(): a job given to ``run`` ended.
    """

    loaded = Signal(object)
    load_failed = Signal(object, object)
    text = Signal(str)
    reading = Signal(object)
    machine_measured = Signal(object)
    measure_stopped = Signal()
    ran = Signal()
    speed = Signal(float)
    finished = Signal(object)
    failed = Signal(object)
    counted = Signal(int)

    def __init__(self, engine: Engine) -> None:
        super().__init__()
        self._engine = engine
        self._remote: ChatBackend | None = None

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

    @Slot(object)
    def use_remote(self, remote: ChatBackend | None) -> None:
        """Write replies with *remote* from now on; None: with the engine's model."""
        self._remote = remote

    @Slot(object, object, object)
    def generate(
        self, messages: Sequence[Message], sampling: Sampling, cancel: threading.Event
    ) -> None:
        held: list[str] = []
        sending = Throttle(TEXT_INTERVAL_S)
        timing = Throttle(SPEED_INTERVAL_S)
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
                if now > first_at and timing.due(now):  # pieces are tokens, give or take one
                    self.speed.emit((pieces - 1) / (now - first_at))
                held.clear()

        try:
            if self._remote is not None:
                reply = self._remote.chat(messages, sampling, on_text, cancel)
            else:
                reply = self._engine.chat(messages, sampling, on_text, cancel, self.reading.emit)
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
        if self._engine.model is None or self._remote is not None:
            return  # a server's model reads with its own tokenizer, which Sotto lacks
        try:
            self.counted.emit(self._engine.count_tokens(messages))
        except UserError:
            return  # the template fails on these messages: sending them will say so

    @Slot(object)
    def run(self, job: Callable[[Engine], None]) -> None:
        """Run *job* with the engine here, in turn with the replies (the local API's)."""
        try:
            job(self._engine)
        finally:
            self.ran.emit()

    @Slot(object)
    def measure_machine(self, stop: threading.Event) -> None:
        """Measure the machine, unless *stop* is set (now, or before it is done)."""
        try:
            speed = self._engine.machine_speed(stop)
        except MeasurementStoppedError:
            self.measure_stopped.emit()
            return
        except UserError:
            speed = None  # no estimates: loading a model says what is wrong
        self.machine_measured.emit(speed)

    @Slot()
    def close(self) -> None:
        """Free the model and end the inference thread's event loop."""
        self._engine.unload()
        QThread.currentThread().quit()


class InferenceClient(QObject):
    """The GUI thread's handle on the inference worker and its thread.

    Its signals repeat the worker's on the GUI thread; connect to these, not the worker's.

    The machine's measurement waits until nothing else is asked of the worker, and a
    question, a load or a job asked meanwhile stops it: it never stands in front of them.
    It is asked for again once the worker is idle.

    Attributes:
        loading: the path of the model being loaded, or None.
        measuring: whether the machine's measurement is asked for or under way.

    Signals:
        loaded(LoadedModel), load_failed(UserError, LoadedModel | None), text(str),
        speed(float), reading(Reading), finished(Reply), failed(UserError), counted(int),
        machine_measured(MachineSpeed | None): as ``InferenceWorker``'s.
    """

    loaded = Signal(object)
    load_failed = Signal(object, object)
    text = Signal(str)
    speed = Signal(float)
    reading = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    counted = Signal(int)
    machine_measured = Signal(object)
    _load_requested = Signal(object, object, int)
    _measure_requested = Signal(object)
    _remote_chosen = Signal(object)
    _generate_requested = Signal(object, object, object)
    _count_requested = Signal(object)
    _run_requested = Signal(object)
    _close_requested = Signal()

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("inference")
        self.worker = InferenceWorker(engine)
        self.worker.moveToThread(self._thread)
        self._load_requested.connect(self.worker.load)
        self._remote_chosen.connect(self.worker.use_remote)
        self._generate_requested.connect(self.worker.generate)
        self._count_requested.connect(self.worker.count)
        self._run_requested.connect(self.worker.run)
        self._measure_requested.connect(self.worker.measure_machine)
        self._close_requested.connect(self.worker.close)
        for name in (
            "loaded",
            "load_failed",
            "text",
            "speed",
            "reading",
            "finished",
            "failed",
            "counted",
            "machine_measured",
        ):
            getattr(self.worker, name).connect(getattr(self, name))
        self._cancel = threading.Event()
        self._engine = engine
        self.loading: Path | None = None
        self.measuring = False
        # The local API's server thread asks for jobs too (``run``): what follows is shared.
        self._lock = threading.Lock()
        self._asked = 0  # loads, replies and jobs asked of the worker and not yet ended
        self._measure_wanted = False
        self._stop_measuring = threading.Event()
        for done in (self.finished, self.failed, self.worker.ran):
            done.connect(self._answered)
        self.loaded.connect(self._load_ended)
        self.load_failed.connect(self._load_ended)
        self.worker.measure_stopped.connect(self._measure_stopped)
        self.machine_measured.connect(self._measured)
        self._thread.start()

    def load(self, path: Path, settings: LoadSettings | None = None, n_ctx: int = 0) -> None:
        """Ask for the model at *path* (settings chosen for this hardware if None; *n_ctx*,
        if not 0, the context length).

        The answer is ``loaded`` or ``load_failed``.
        """
        self.loading = path
        self._asking()
        self._load_requested.emit(path, settings, n_ctx)

    def use_remote(self, remote: ChatBackend | None) -> None:
        """Have the next replies written by *remote* (a model server's ``RemoteChat``);
        None: by the model loaded here."""
        self._remote_chosen.emit(remote)

    def count(self, messages: Sequence[Message]) -> None:
        """Ask how many tokens *messages* make for the loaded model; the answer is
        ``counted`` (none if no model is loaded)."""
        self._count_requested.emit(list(messages))

    def measure_machine(self) -> None:
        """Ask how fast this machine runs models; the answer is ``machine_measured``, once
        the worker is idle (measuring the first time takes a few seconds, and a question
        asked meanwhile stops it until the worker is idle again)."""
        self.measuring = True
        with self._lock:
            self._measure_wanted = True
        self._measure_if_idle()

    def generate(self, messages: Sequence[Message], sampling: Sampling) -> None:
        """Ask for the next reply; pieces come as ``text``, then ``finished`` or ``failed``."""
        self._cancel = threading.Event()
        self._asking()
        self._generate_requested.emit(list(messages), sampling, self._cancel)

    def run(self, job: Callable[[Engine], None]) -> None:
        """Run *job* with the engine on the inference thread, after the replies and loads
        asked before (the local API's replies queue behind the chat's)."""
        self._asking()
        self._run_requested.emit(job)

    @property
    def speed_probe(self) -> SpeedProbe | None:
        """The engine's measurement of the machine (its counters say whether, and how
        often, it measured); None without one."""
        return self._engine.speed_probe

    def loaded_model(self) -> LoadedModel | None:
        """The model the engine holds now (it may change on the inference thread)."""
        return self._engine.model

    def stop(self) -> None:
        """Stop the reply being generated, before its next token. Safe to call at any time."""
        self._cancel.set()

    def _asking(self) -> None:
        """Something is asked of the worker (from any thread): a measurement under way stops
        for it."""
        with self._lock:
            self._asked += 1
            self._stop_measuring.set()

    @Slot()
    def _answered(self) -> None:
        with self._lock:
            self._asked -= 1
        self._measure_if_idle()

    @Slot()
    def _load_ended(self) -> None:
        self.loading = None
        self._answered()

    def _measure_if_idle(self) -> None:
        with self._lock:
            if not self._measure_wanted or self._asked:
                return
            self._measure_wanted = False
            self._stop_measuring = stop = threading.Event()
        self._measure_requested.emit(stop)

    @Slot()
    def _measure_stopped(self) -> None:
        with self._lock:
            self._measure_wanted = True
        self._measure_if_idle()

    @Slot(object)
    def _measured(self, _speed: object) -> None:
        self.measuring = False

    def shutdown(self) -> None:
        """Stop generating (and measuring), free the model on its own thread, and end the
        thread."""
        if self._thread.isRunning():
            self.stop()
            self._stop_measuring.set()  # what it measured so far is let go
            self._close_requested.emit()
            self._thread.wait()
