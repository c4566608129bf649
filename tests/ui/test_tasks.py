"""Background work: a task's outcome on the GUI thread, its progress, cancelling it, and
closing the runner while jobs run."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.errors import FileAccessError, InternalError
from desktop.core.library.digest import CancelledError
from desktop.core.library.errors import AlreadyInstalledError
from desktop.ui.tasks import PROGRESS_INTERVAL_S, Task, TaskRunner

TIMEOUT_MS = 10_000
WAIT_S = TIMEOUT_MS / 1000

Report = Callable[[Any], None]
Cancelled = Callable[[], bool]


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def wait_until(condition: Callable[[], bool]) -> None:
    """On a worker thread: poll *condition* until it holds (a test that hangs fails)."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, "the test never let the job go on"
        time.sleep(0.001)


def recorder(signal: Any) -> list[Any]:
    """Every value *signal* carries from now on."""
    seen: list[Any] = []
    signal.connect(seen.append)
    return seen


def test_a_task_runs_off_the_gui_thread_and_its_result_arrives_on_it(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    threads: list[threading.Thread] = []

    def work(report: Report, cancelled: Cancelled) -> int:
        threads.append(threading.current_thread())
        return 42

    task = runner.run(work)
    task.done.connect(lambda _result: threads.append(threading.current_thread()))
    done = recorder(task.done)
    failed = recorder(task.failed)
    with qtbot.wait_signals([task.done, task.ended], order="strict", timeout=TIMEOUT_MS):
        pass

    assert done == [42]
    worker, gui = threads
    assert worker is not threading.main_thread()
    assert gui is threading.main_thread()
    assert failed == []


def test_a_task_is_running_until_it_ends(qtbot: QtBot) -> None:
    # Run here rather than by a runner, which deletes a task once it has ended.
    task = Task(lambda report, cancelled: None)
    assert not task.running
    assert not task.finished

    with qtbot.wait_signal(task.ended, timeout=TIMEOUT_MS):
        task.run()
        assert not task.running  # the news has not reached the GUI thread yet

    assert not task.running
    assert task.finished


def test_a_user_error_arrives_as_it_was_raised(qtbot: QtBot, runner: TaskRunner) -> None:
    error = AlreadyInstalledError("tiny.gguf")

    def work(report: Report, cancelled: Cancelled) -> None:
        raise error

    task = runner.run(work)
    done = recorder(task.done)
    failed = recorder(task.failed)
    with qtbot.wait_signals([task.failed, task.ended], order="strict", timeout=TIMEOUT_MS):
        pass

    assert failed == [error]
    assert done == []


def test_a_file_error_arrives_as_a_sentence_naming_the_file(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def work(report: Report, cancelled: Cancelled) -> None:
        raise PermissionError(13, "Permission denied", "/models/locked.gguf")

    task = runner.run(work)
    with qtbot.wait_signal(task.failed, timeout=TIMEOUT_MS) as failed:
        pass

    (error,) = failed.args
    assert isinstance(error, FileAccessError)
    assert "/models/locked.gguf" in str(error)
    assert "you may not use it" in str(error)  # in words the user can act on, translated
    assert error.details == "Permission denied"  # the system's own, for a details part


def test_a_bug_arrives_as_an_internal_error_and_is_raised_again(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def work(report: Report, cancelled: Cancelled) -> None:
        raise ZeroDivisionError("a bug")

    with qtbot.capture_exceptions() as raised:
        task = runner.run(work)
        failed = recorder(task.failed)
        with qtbot.wait_signals([task.failed, task.ended], order="strict", timeout=TIMEOUT_MS):
            pass
        runner.pool.waitForDone()  # the bug is raised on the worker after the report

    assert [type(error) for error in failed] == [InternalError]
    assert [kind for kind, _error, _traceback in raised] == [ZeroDivisionError]


def test_progress_reaches_the_gui_at_most_once_an_interval(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    def work(report: Report, cancelled: Cancelled) -> None:
        for value in range(1000):
            report(value)
        time.sleep(PROGRESS_INTERVAL_S * 1.5)  # what a slow chunk of real work would take
        report("after a pause")

    task = runner.run(work)
    progress = recorder(task.progress)
    with qtbot.wait_signal(task.done, timeout=TIMEOUT_MS):
        pass

    # The first report always passes; a thousand in a row do not all cost a redraw.
    assert progress[0] == 0
    assert len(progress) < 10, progress
    assert progress[-1] == "after a pause"


def test_cancel_stops_a_running_task(qtbot: QtBot, runner: TaskRunner) -> None:
    def work(report: Report, cancelled: Cancelled) -> None:
        report("working")
        wait_until(cancelled)
        raise CancelledError

    task = runner.run(work)
    outcomes = recorder(task.done)
    task.failed.connect(outcomes.append)
    with qtbot.wait_signal(task.progress, timeout=TIMEOUT_MS):
        pass
    with qtbot.wait_signals([task.cancelled, task.ended], order="strict", timeout=TIMEOUT_MS):
        task.cancel()

    assert outcomes == []


def test_a_task_cancelled_before_it_starts_never_runs(qtbot: QtBot, runner: TaskRunner) -> None:
    calls: list[str] = []
    task = Task(lambda report, cancelled: calls.append("ran"))
    task.cancel()

    with qtbot.wait_signals([task.cancelled, task.ended], order="strict", timeout=TIMEOUT_MS):
        runner.start(task)

    assert calls == []


def test_queued_tasks_run_one_after_another(qtbot: QtBot, runner: TaskRunner) -> None:
    log: list[str] = []
    gate = threading.Event()

    def first(report: Report, cancelled: Cancelled) -> None:
        log.append("first started")
        report("started")
        wait_until(gate.is_set)
        log.append("first ended")

    def second(report: Report, cancelled: Cancelled) -> None:
        log.append("second started")

    one = runner.run(first, queued=True)
    two = runner.run(second, queued=True)
    with qtbot.wait_signal(one.progress, timeout=TIMEOUT_MS):
        pass
    assert log == ["first started"]  # the second waits for the first, however long it takes

    with qtbot.wait_signals([one.done, two.done], order="strict", timeout=TIMEOUT_MS):
        gate.set()

    assert log == ["first started", "first ended", "second started"]


def test_shutdown_cancels_short_jobs_pauses_queued_ones_and_waits_for_both(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    returned: list[str] = []
    download_saw_cancel: list[bool] = []

    def search(report: Report, cancelled: Cancelled) -> None:
        report("searching")
        wait_until(cancelled)
        returned.append("search")
        raise CancelledError

    def download(report: Report, cancelled: Cancelled) -> str:
        report("downloading")
        wait_until(runner.closing.is_set)
        download_saw_cancel.append(cancelled())
        returned.append("download")
        return "paused, what was fetched is kept"

    def next_download(report: Report, cancelled: Cancelled) -> None:
        returned.append("next download")

    short = runner.run(search)
    queued = runner.run(download, queued=True)
    runner.run(next_download, queued=True)
    paused = recorder(queued.done)
    with qtbot.wait_signals([short.progress, queued.progress], timeout=TIMEOUT_MS):
        pass

    runner.shutdown()

    assert sorted(returned) == ["download", "search"]  # the next download never started
    assert download_saw_cancel == [False]
    with qtbot.wait_signals([short.cancelled, queued.done], timeout=TIMEOUT_MS):
        pass
    assert paused == ["paused, what was fetched is kept"]
