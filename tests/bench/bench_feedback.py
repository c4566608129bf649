"""Never silent: how soon the window shows what a question, or a Stop, is doing.

The real window (offscreen) with the starter model, on a passphrase vault. Send is a press
of Enter in the composer; the clock stops once the reply being written shows what is
happening ("Reading your message…", "Loading the model…") and the event loop has had a turn
to draw it. Stop is a click on the Stop button while the model reads a long message; the
clock stops once the reply says "Stopping…", before the model has stopped (its stopping is
``bench_long_input.py``'s). Each is timed with a model loaded, and with one still loading:
a first start, where the question waits for the model, and a model loaded again (another
choice of context), where the question queues behind the load.

    python tests/bench/bench_feedback.py [--rounds N] [--tiny]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window
from desktop.core.inference.types import Reply, Sampling
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.services import open_store
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from desktop.ui.window.main_window import MainWindow
from tests.bench.bench_stream import MODEL
from tests.bench.tiny import parse_arguments

SEND_GOAL_MS = 200.0
STOP_GOAL_MS = 100.0
TINY = {"rounds": 1}
LONG = " ".join(
    f"Clause {number}: the tenant keeps the premises in good repair and pays the rent on the "
    f"first day of each month, by bank transfer to the account the landlord names."
    for number in range(40)
)
"""About 1,300 tokens: the model reads it for a while, so Stop comes while it reads."""


def wait_for(signal: object, action: Callable[[], None]) -> list[object]:
    """Do *action* and run the event loop until *signal* comes; return its arguments."""
    loop = QEventLoop()
    got: list[object] = []

    def came(*args: object) -> None:
        if not got:
            got.extend(args or [None])
            loop.quit()

    signal.connect(came)  # type: ignore[attr-defined]
    action()
    if not got:
        loop.exec()
    return got


def shown_after(window: MainWindow, started: float, texts: tuple[str, ...]) -> float:
    """Milliseconds from *started* until the chat shows one of *texts*, drawn."""
    deadline = started + 30
    while time.perf_counter() < deadline:
        QApplication.processEvents()  # a turn of the event loop: what changed is drawn
        if any(text in window.chat_view.toPlainText() for text in texts):
            return (time.perf_counter() - started) * 1000
    raise AssertionError(f"none of {texts} was shown")


def press_send(window: MainWindow, text: str) -> float:
    """Type *text* and press Enter; return when that was."""
    window.composer.setPlainText(text)
    started = time.perf_counter()
    QTest.keyClick(window.composer, Qt.Key.Key_Return)
    return started


def send_then_stop(window: MainWindow, expected: str) -> tuple[float, float]:
    """Send a long question in a new chat, then Stop while it is answered: the ms each
    took to show what is happening."""
    window.new_chat()
    started = press_send(window, LONG)
    send = shown_after(window, started, (expected,))
    loop = QEventLoop()
    replies: list[Reply] = []

    def finished(reply: Reply) -> None:
        replies.append(reply)
        loop.quit()

    window.client.finished.connect(finished)
    started = time.perf_counter()
    window.stop_button.click()
    stop = shown_after(window, started, ("Stopping…",))
    if not replies:
        loop.exec()
    return send, stop


def first_start(paths: AppPaths, store: ConversationStore) -> tuple[float, float]:
    """A window with no model yet: Send while the starter loads, then Stop (the question
    comes back at once: nothing was asked of the model yet)."""
    window = build_main_window(paths, store, NetworkGuard(), Sampling(max_tokens=8))
    window.show()
    window.load_model(MODEL)
    started = press_send(window, "Name a bird")
    send = shown_after(window, started, ("Loading the model…",))
    started = time.perf_counter()
    window.stop_button.click()
    while window.composer.toPlainText() != "Name a bird":
        QApplication.processEvents()
    stop = (time.perf_counter() - started) * 1000
    if window.client.loading is not None:  # the load goes on: let it end before closing
        wait_for(window.client.loaded, lambda: None)
    window.close()
    return send, stop


def report(name: str, values: list[float], goal: float) -> None:
    median = statistics.median(values)
    verdict = "met" if median < goal else "MISSED"
    print(
        f"{name}: median {median:.1f} ms (spread {min(values):.1f}-{max(values):.1f}), "
        f"goal under {goal:.0f} ms: {verdict}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parse_arguments(parser, TINY)
    app = QApplication([])  # noqa: F841 (kept alive for the whole run)
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as data:
        paths = AppPaths.resolve(Path(data)).ensure()
        db = VaultOpener(paths, keyring_finder=lambda: None).open("bench passphrase")
        store = open_store(db)
        window = build_main_window(paths, store, NetworkGuard(), Sampling(max_tokens=8))
        window.show()
        wait_for(window.client.loaded, lambda: window.load_model(MODEL))
        for number in range(1, args.rounds + 1):
            loaded = send_then_stop(window, "Reading your message…")
            window.load_model(MODEL, 2048)  # loaded again: the question queues behind it
            reloading = send_then_stop(window, "Loading the model…")
            starting = first_start(paths, store)
            for scenario, (send, stop) in (
                ("model loaded", loaded),
                ("model loading again", reloading),
                ("first start, model loading", starting),
            ):
                figures.setdefault(f"Send → feedback, {scenario}", []).append(send)
                figures.setdefault(f"Stop → feedback, {scenario}", []).append(stop)
                print(
                    f"round {number}, {scenario}: Send → feedback {send:.1f} ms "
                    f"(goal {SEND_GOAL_MS:.0f}), Stop → feedback {stop:.1f} ms "
                    f"(goal {STOP_GOAL_MS:.0f})",
                    flush=True,
                )
        window.close()
        db.close()
    for name, values in figures.items():
        report(name, values, SEND_GOAL_MS if name.startswith("Send") else STOP_GOAL_MS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
