"""The chat view's costs: a piece of a streaming reply early and late, and a long chat.

First a Markdown reply (headings, lists, code), about four characters a piece as a model
writes them, streams in 4,000 pieces below a screenful of earlier messages; the cost of each
piece, ``append_reply`` and the turn of the event loop that lays out and paints it, is
timed, and the median of a window of pieces around the 100th is compared with that around
the 4,000th (goal: a ratio under 1.2, the cost does not grow with the reply); the median
of several rounds.

Then 10,000 messages are added to an empty view and shown, and the view is scrolled from the
top to the bottom a page at a time, processing events after each step (the total, the median
and the longest step), then back up a wheel notch (three lines) at a time. Last, they are
added again a hundred at a time, each hundred shown before the next: the fastest of the first
three hundreds is compared with the fastest of the last three (goal: a ratio under 1.2, adding
a message costs the same however many there are).

    python tests/bench/bench_render.py [--pieces N] [--rounds N] [--messages N] [--notches N]
        [--tiny]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication

from desktop.ui.chat import MessageView
from tests.bench.tiny import parse_arguments

WINDOW = 50
"""Pieces on each side of a point whose median cost is reported."""
NOTCHES = 2000
"""Mouse wheel notches scrolled back up the long chat."""
TINY = {"pieces": 200, "rounds": 1, "messages": 200, "notches": 20}
"""Sizes for ``--tiny`` (``bench_chat.py`` uses them too): still ``WINDOW`` pieces on each side
of the 100th."""


def reply_text(sections: int) -> str:
    parts = []
    for number in range(sections):
        parts.append(
            f"## Step {number}\n\nThis step explains *one* thing about the program, with "
            f"`inline code`, in a sentence long enough to wrap across the view.\n"
        )
        parts.append(f"- the first point of step {number}\n- the second point\n- the third\n")
        parts.append(f"```python\ndef step_{number}(value):\n    return value * {number}\n```\n")
    return "\n".join(parts)


def pieces_of(text: str, count: int) -> list[str]:
    ends = [len(text) * number // count for number in range(count + 1)]
    return [text[start:end] for start, end in itertools.pairwise(ends)]


def settle() -> None:
    QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def stream_once(count: int) -> dict[str, list[float]]:
    """Stream one reply of *count* pieces below a screenful of messages; per piece, the
    seconds of ``append_reply`` alone and with the turn of the event loop after it."""
    view = MessageView()
    view.resize(900, 700)
    view.show()
    settle()
    pieces = pieces_of(reply_text(count // 65), count)
    for number in range(10):
        view.add_user_message(f"An earlier question, number {number}.")
        view.add_reply("bench", f"An earlier answer:\n\n- point {number}\n- another point")
    view.add_user_message("Explain the program step by step.")
    view.begin_reply("bench")
    settle()
    times: dict[str, list[float]] = {"with the event loop": [], "append_reply alone": []}
    for piece in pieces:
        started = time.perf_counter()
        view.append_reply(piece)
        appended = time.perf_counter()
        settle()
        times["with the event loop"].append(time.perf_counter() - started)
        times["append_reply alone"].append(appended - started)
    started = time.perf_counter()
    view.end_reply("footer")
    settle()
    times["final render"] = [time.perf_counter() - started]
    view.close()
    view.deleteLater()
    settle()
    return times


def streaming(count: int, rounds: int) -> None:
    """Several replies, one after another: the load of the machine drifts, a median of
    rounds does not."""
    runs = [stream_once(count) for _ in range(rounds)]
    length = len(reply_text(count // 65))
    print(f"streaming {count} pieces, {length} characters of Markdown, {rounds} rounds:")
    for name in ("with the event loop", "append_reply alone"):
        early = [statistics.median(run[name][max(0, 100 - WINDOW) : 100 + WINDOW]) for run in runs]
        late = [statistics.median(run[name][-2 * WINDOW :]) for run in runs]
        ratios = sorted(b / a for a, b in zip(early, late, strict=True))
        print(
            f"  {name}: per piece near piece 100 {statistics.median(early) * 1e6:.1f} µs, "
            f"near piece {count} {statistics.median(late) * 1e6:.1f} µs; late/early ratio "
            f"{statistics.median(ratios):.3f} (goal < 1.2; rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"
        )
    every = [cost for run in runs for cost in run["with the event loop"]]
    final = statistics.median(run["final render"][0] for run in runs)
    print(
        f"  mean per piece {statistics.mean(every) * 1e6:.1f} µs, longest "
        f"{max(every) * 1000:.1f} ms; the final render of the whole reply {final * 1000:.1f} ms"
    )


def add_messages(view: MessageView, start: int, count: int) -> None:
    for number in range(start, start + count):
        if number % 2:
            view.add_reply(
                "bench",
                f"Answer {number}, with **bold** words:\n\n- one point\n- another\n\n"
                f"```\nx = {number}\n```",
                number,
            )
        else:
            view.add_user_message(f"Question {number}: what about this one?", number)


def adding_in_hundreds(count: int) -> None:
    """*count* messages added a hundred at a time, each hundred shown before the next."""
    view = MessageView()
    view.resize(900, 700)
    view.show()
    settle()
    times = []
    for start in range(0, count, 100):
        started = time.perf_counter()
        add_messages(view, start, 100)
        settle()
        times.append(time.perf_counter() - started)
    early, late = min(times[:3]), min(times[-3:])
    print(
        f"  adding 100 messages at a time: the first hundreds {early * 1000:.1f} ms, the last "
        f"{late * 1000:.1f} ms; late/early ratio {late / early:.3f} (goal < 1.2)"
    )
    view.close()


def long_chat(count: int, wheel_notches: int = NOTCHES) -> None:
    view = MessageView()
    view.resize(900, 700)
    view.show()
    settle()
    started = time.perf_counter()
    add_messages(view, 0, count)
    settle()
    opened = time.perf_counter() - started
    bar = view.verticalScrollBar()
    bar.setValue(0)
    settle()
    steps = []
    began = time.perf_counter()
    while bar.value() < bar.maximum():
        started = time.perf_counter()
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        settle()
        steps.append(time.perf_counter() - started)
    scrolled = time.perf_counter() - began
    notches = []
    for _ in range(wheel_notches):  # back up, as a mouse wheel does: three lines a notch
        started = time.perf_counter()
        for _ in range(3):
            bar.triggerAction(QAbstractSlider.SliderAction.SliderSingleStepSub)
        settle()
        notches.append(time.perf_counter() - started)
    print(f"{count} messages:")
    print(f"  added and shown in {opened * 1000:.0f} ms ({opened / count * 1e6:.1f} µs each)")
    print(
        f"  scrolled top to bottom in {len(steps)} page steps, {scrolled:.2f} s: "
        f"median step {statistics.median(steps) * 1000:.1f} ms, "
        f"longest {max(steps) * 1000:.1f} ms"
    )
    print(
        f"  then {wheel_notches} wheel notches up: "
        f"median {statistics.median(notches) * 1000:.1f} ms, longest {max(notches) * 1000:.1f} ms"
    )
    view.close()
    adding_in_hundreds(count)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pieces", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--notches", type=int, default=NOTCHES)
    args = parse_arguments(parser, TINY)
    app = QApplication([])  # noqa: F841 (kept alive for the whole run)
    streaming(args.pieces, args.rounds)
    long_chat(args.messages, args.notches)
    return 0


if __name__ == "__main__":
    sys.exit(main())
