"""Time to the first word of a reply to a long message: the app against plain llama-cpp-python.

The app path is the real one, with its reading progress on: the main window sends the
message in a new chat, the engine reads it in chunks and reports how far it has read (the
reply shows "Reading your message… 45%"), and the clock stops when the first piece of the
reply reaches the chat view. The plain path is ``Llama.create_chat_completion(stream=True)``
on the same message in a process of its own (as in ``bench_stream.py``), its memory cleared
first; its clock stops at the first piece of text. Each round starts the message with its
own number, so neither path has read any of it before; rounds alternate in ABBA order.

Then Stop, pressed while the app reads a long message: the time from the click to the
reply's end, against the time one chunk of reading takes in the same round (between two
progress reports). A Stop is promised within a chunk, so the ratio's goal is 1 or less.

    python tests/bench/bench_long_input.py [--rounds N] [--sizes 500,2600,3500]
        [--stop-tokens 3500] [--tiny]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from llama_cpp import Llama
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from desktop.core.inference.types import LoadSettings, Reading, Reply, Sampling
from desktop.ui.window.main_window import MainWindow
from tests.bench.bench_stream import MODEL, loaded_window
from tests.bench.tiny import parse_arguments

TINY = {"rounds": 1, "sizes": "120,240", "stop_tokens": 1000}
CLAUSE = (
    "The tenant shall keep the premises in good repair, pay the rent on the first day of "
    "each month, and give the landlord thirty days' notice before leaving. "
)

PLAIN = """
import json, sys, time
from llama_cpp import Llama
n_ctx, n_threads = int(sys.argv[2]), int(sys.argv[3])
llama = Llama(model_path=sys.argv[1], n_ctx=n_ctx, n_threads=n_threads, verbose=False,
              chat_format="chat_template.default")  # the GGUF's own template, as the app uses
for line in sys.stdin:
    llama.reset()
    started = time.perf_counter()
    first = 0.0
    for chunk in llama.create_chat_completion(
        [{"role": "user", "content": json.loads(line)}], stream=True, max_tokens=4,
        temperature=0.0,
    ):
        if chunk["choices"][0]["delta"].get("content") and not first:
            first = time.perf_counter() - started
    print(json.dumps({"first": first}), flush=True)
"""


class Plain:
    """Plain llama-cpp-python in a child process, one message per request."""

    def __init__(self, n_ctx: int, n_threads: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", PLAIN, str(MODEL), str(n_ctx), str(n_threads)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def first_token(self, message: str) -> float:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return float(json.loads(self.process.stdout.readline())["first"])

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def message(tokenizer: Llama, tokens: int, number: int) -> str:
    """A message of about *tokens* tokens that starts with its *number* and size, so that no
    two share more than a word or two."""
    text = f"Document {number}-{tokens}. "
    while len(tokenizer.tokenize(text.encode(), add_bos=False)) < tokens:
        text += CLAUSE
    return text + "What does the tenant owe?"


def app_first_token(window: MainWindow, text: str) -> tuple[float, int]:
    """Seconds from sending *text* to the first piece of the reply on screen, and how many
    reading reports came before it."""
    window.new_chat()
    window.chat_settings.apply(replace(window.settings_panel.settings(), system_prompt=""))
    loop = QEventLoop()
    marks: list[float] = []
    readings: list[Reading] = []
    replies: list[Reply] = []

    def finished(reply: Reply) -> None:
        if not replies:
            replies.append(reply)
            loop.quit()

    # Connected once per round and never disconnected (see bench_stream.py's app_turn).
    window.client.text.connect(lambda _piece: marks.append(time.perf_counter()))
    window.client.reading.connect(readings.append)
    window.client.finished.connect(finished)
    started = time.perf_counter()
    window.send(text)
    loop.exec()
    return marks[0] - started, len(readings)


def app_stop(window: MainWindow, text: str) -> tuple[float, float]:
    """Seconds from Stop, pressed at the second progress report while the app reads *text*,
    to the reply's end; and the seconds between the first two reports (one chunk read)."""
    window.new_chat()
    loop = QEventLoop()
    marks: list[float] = []
    ended: list[float] = []
    replies: list[Reply] = []

    def reading(progress: Reading) -> None:
        if not ended and 0 < progress.done < progress.total and len(marks) < 2:
            marks.append(time.perf_counter())
            if len(marks) == 2:
                window.stop_button.click()

    def finished(reply: Reply) -> None:
        if not ended:
            ended.append(time.perf_counter())
            replies.append(reply)
            loop.quit()

    window.client.reading.connect(reading)  # never disconnected: each ends with its round
    window.client.finished.connect(finished)
    window.send(text)
    loop.exec()
    assert len(marks) == 2 and replies[0].cancelled, "the reading ended before a Stop"
    return ended[0] - marks[1], marks[1] - marks[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="500,2600,3500", help="input tokens, with commas")
    parser.add_argument("--stop-tokens", type=int, default=3500, help="input read, then stopped")
    args = parse_arguments(parser, TINY)
    sizes = [int(size) for size in args.sizes.split(",")]
    threads = LoadSettings().n_threads
    tokenizer = Llama(model_path=str(MODEL), vocab_only=True, verbose=False)
    app = QApplication([])  # noqa: F841 (kept alive for the whole run)
    with tempfile.TemporaryDirectory() as data:
        window, db = loaded_window(Path(data), Sampling(temperature=0.0, max_tokens=4))
        assert window.loaded_model is not None
        plain = Plain(window.loaded_model.n_ctx, threads)
        warm = message(tokenizer, 64, 0)
        plain.first_token(warm)
        app_first_token(window, warm)
        ratios: dict[int, list[float]] = {size: [] for size in sizes}
        for number in range(1, args.rounds + 1):
            for size in sizes:
                text = message(tokenizer, size, number)
                if number % 2:
                    ours, reports = app_first_token(window, text)
                    theirs = plain.first_token(text)
                else:
                    theirs = plain.first_token(text)
                    ours, reports = app_first_token(window, text)
                ratios[size].append(ours / theirs)
                print(
                    f"round {number}, {size} tokens: plain {theirs:.2f} s  app {ours:.2f} s "
                    f"({reports} progress reports)  ratio {ratios[size][-1]:.3f}",
                    flush=True,
                )
        plain.close()
        stops: list[float] = []
        for number in range(1, args.rounds + 1):
            stop, chunk = app_stop(window, message(tokenizer, args.stop_tokens, 100 + number))
            stops.append(stop / chunk)
            print(
                f"round {number}, Stop while reading {args.stop_tokens} tokens: reply ended "
                f"{stop * 1000:.0f} ms after it, a chunk took {chunk * 1000:.0f} ms, "
                f"ratio {stops[-1]:.3f}",
                flush=True,
            )
        window.close()
        db.close()
    for size, values in ratios.items():
        print(
            f"{size} input tokens: first token app/plain median {statistics.median(values):.3f} "
            f"(spread {min(values):.3f}-{max(values):.3f}; goal <= 1.05); threads {threads}"
        )
    print(
        f"Stop while reading: reply ended after stop/chunk median {statistics.median(stops):.3f}"
        f" (spread {min(stops):.3f}-{max(stops):.3f}; goal <= 1)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
