"""Background work for the GUI: one way to run a slow job off the GUI thread.

A ``Task`` wraps a function that must not run on the GUI thread (hashing a 5 GB file, a
download, a hub search). The function gets two callables: ``report(value)`` to send progress
and ``cancelled()`` to check, between chunks of work, whether the user gave up. Everything
the task tells the GUI arrives as a signal on the GUI thread. Do not touch widgets or the
vault inside the function.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

from desktop.core.errors import FileAccessError, InternalError, UserError
from desktop.core.library.digest import CancelledError
from desktop.core.throttle import Throttle

Work = Callable[[Callable[[Any], None], Callable[[], bool]], Any]
"""``work(report, cancelled) -> result``: the job, run on a worker thread."""

PROGRESS_INTERVAL_S = 0.1
"""Progress reaches the GUI at most this often: more would only cost drawing time."""


class Task(QObject):
    """One job on a worker thread, and its outcome on the GUI thread.

    Signals:
        progress(object): the latest value the job reported (throttled).
        done(object): the job's result.
        failed(UserError): the job failed; the sentence says why (a bug arrives as
            ``InternalError`` and is raised again on the worker for the developers).
        cancelled(): the job stopped because ``cancel`` was called.
        ended(): after any of ``done``, ``failed`` and ``cancelled``.
    """

    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()
    _report = Signal(str, object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._progress_throttle = Throttle(PROGRESS_INTERVAL_S)
        self.running = False
        self.finished = False
        # Emitted on the worker, delivered on the GUI thread this object lives on.
        self._report.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the job to stop at its next check (a job not started yet does not start)."""
        self._cancel.set()

    def run(self) -> None:
        """Do the job here and now (the runner calls this on a worker thread)."""
        self._report.emit("started", None)
        try:
            if self._cancel.is_set():
                raise CancelledError
            result = self._work(self._progress, self._cancel.is_set)
        except CancelledError:
            self._report.emit("cancelled", None)
        except UserError as error:
            self._report.emit("failed", error)
        except OSError as error:
            self._report.emit("failed", FileAccessError.of(error))
        except Exception:
            self._report.emit("failed", InternalError())
            raise
        else:
            self._report.emit("done", result)

    def _progress(self, value: Any) -> None:
        if self._progress_throttle.due():
            self._report.emit("progress", value)

    @Slot(str, object)
    def _deliver(self, kind: str, value: Any) -> None:
        if self.finished:
            return  # progress sent just before the end can arrive after it: drop it
        if kind == "started":
            self.running = True
            return
        if kind == "progress":
            self.progress.emit(value)
            return
        self.running = False
        self.finished = True
        if kind == "done":
            self.done.emit(value)
        elif kind == "failed":
            self.failed.emit(value)
        else:
            self.cancelled.emit()
        self.ended.emit()


class TaskRunner(QObject):
    """Runs tasks on worker threads: most side by side, downloads one after another.

    Attributes:
        pool: for short jobs (searches, hashing, copying).
        queue: one thread, so downloads share the connection in order.
        closing: set when the app is closing: a queued job (a download) checks it to stop
            the way a cut connection would, keeping what it has done to resume later.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self.queue = QThreadPool(self)
        self.queue.setMaxThreadCount(1)
        self.closing = threading.Event()
        self._tasks: list[Task] = []
        self._queued: set[Task] = set()

    def start(self, task: Task, queued: bool = False) -> Task:
        """Run *task* now, or after the queued ones if *queued*; return it."""
        task.setParent(self)
        self._tasks.append(task)
        task.ended.connect(lambda: self._forget(task))
        if queued:
            self._queued.add(task)
        (self.queue if queued else self.pool).start(task.run)
        return task

    def run(self, work: Work, queued: bool = False) -> Task:
        """Start a task doing *work* (connect to its signals straight after)."""
        return self.start(Task(work), queued)

    def shutdown(self) -> None:
        """Stop: cancel the short jobs, pause the queued ones, wait for the threads to end."""
        self.closing.set()
        self.queue.clear()
        self.pool.clear()
        for task in self._tasks:
            if task not in self._queued:
                task.cancel()
        self.queue.waitForDone()
        self.pool.waitForDone()

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self._queued.discard(task)
        task.deleteLater()
