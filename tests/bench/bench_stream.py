"""Tokens per second: the full app path against plain llama-cpp-python, side by side.

The app path is the real one: the main window sends a message, the inference worker on its
own thread generates, every piece crosses to the GUI thread as a queued signal and is drawn
in the chat view. The plain path is ``Llama.create_chat_completion(stream=True)`` in a loop,
in a process of its own (two llama.cpp models driven from two threads of one process make
libgomp throttle both, which would measure the benchmark, not the app). Same model, prompt,
threads and greedy settings; turns alternate, in ABBA order, so both see the same machine
state and neither always goes first.

Then the app alone, with the hardware gauge shown and hidden in alternate turns (goal: within
1 %), and, separately (its timer costs processor time), the longest pause of the GUI event
loop while the app streams a reply.

    python tests/bench/bench_stream.py [--turns N] [--tokens N] [--tiny]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import build_main_window
from desktop.core.inference.types import LoadSettings, Reply, Sampling
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.services import open_store
from desktop.core.vault.database import Database
from desktop.core.vault.opener import VaultOpener
from desktop.ui.window.main_window import MainWindow
from tests.bench.tiny import parse_arguments

PROMPT = "Write a long, detailed story about a lighthouse keeper and a storm."
MODEL = STARTER_MODEL_PATH
TINY = {"turns": 1, "tokens": 8}
"""Sizes for ``--tiny``."""

PLAIN = """
import json, sys, time
from llama_cpp import Llama
n_ctx, n_threads, max_tokens = (int(a) for a in sys.argv[2:5])
sampling = json.loads(sys.argv[6])
llama = Llama(model_path=sys.argv[1], n_ctx=n_ctx, n_threads=n_threads, verbose=False,
              chat_format="chat_template.default")  # the GGUF's own template, as the app uses
for _ in sys.stdin:
    started = time.perf_counter()
    pieces = [chunk["choices"][0]["delta"].get("content") or "" for chunk in
              llama.create_chat_completion([{"role": "user", "content": sys.argv[5]}],
                                           stream=True, max_tokens=max_tokens, **sampling)]
    seconds = time.perf_counter() - started
    text = "".join(pieces)
    tokens = len(llama.tokenize(text.encode(), add_bos=False))
    print(json.dumps({"seconds": seconds, "text": text, "tokens": tokens}), flush=True)
"""


class Plain:
    """Plain llama-cpp-python in a child process, one turn per request."""

    def __init__(self, n_ctx: int, n_threads: int, sampling: Sampling) -> None:
        same = {
            name: getattr(sampling, name)
            for name in ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "seed")
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                PLAIN,
                str(MODEL),
                str(n_ctx),
                str(n_threads),
                str(sampling.max_tokens),
                PROMPT,
                json.dumps(same),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def turn(self) -> dict[str, float | str]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write("go\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def loaded_window(data: Path, sampling: Sampling) -> tuple[MainWindow, Database]:
    """The real window on a new passphrase vault in *data*, the starter model loaded."""
    paths = AppPaths.resolve(data).ensure()
    db = VaultOpener(paths, keyring_finder=lambda: None).open("bench passphrase")
    window = build_main_window(paths, open_store(db), NetworkGuard(), sampling)
    window.show()
    loop = QEventLoop()
    window.client.loaded.connect(lambda _model: loop.quit())
    window.load_model(MODEL)
    loop.exec()
    return window, db


def app_turn(window: MainWindow, pause_probe: bool = False) -> tuple[float, str, float]:
    """One exchange through the window: seconds, text, longest GUI pause (if probed)."""
    window.new_chat()
    # The plain path has no system prompt: neither has the app's, so both read the same prompt.
    window.chat_settings.apply(replace(window.settings_panel.settings(), system_prompt=""))
    loop = QEventLoop()
    replies: list[Reply] = []
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def finished(reply: Reply) -> None:
        if not replies:
            replies.append(reply)
            loop.quit()

    # A fresh loop per turn, connected once per turn and never disconnected: in PySide6 6.12,
    # Signal.disconnect returns a bool it does not own, which later aborts the interpreter.
    window.client.finished.connect(finished)
    if pause_probe:
        timer.start()
    started = time.perf_counter()
    window.send(PROMPT)
    loop.exec()
    seconds = time.perf_counter() - started
    timer.stop()
    pause = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)
    return seconds, replies[0].text, pause


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=256)
    args = parse_arguments(parser, TINY)
    settings = LoadSettings()

    app = QApplication([])  # noqa: F841 (kept alive for the whole run)
    with tempfile.TemporaryDirectory() as data:
        sampling = Sampling(temperature=0.0, max_tokens=args.tokens)
        window, db = loaded_window(Path(data), sampling)
        assert window.loaded_model is not None
        plain = Plain(window.loaded_model.n_ctx, settings.n_threads, sampling)
        plain.turn()  # warm up both: caches, the template, the prompt prefix
        app_turn(window)

        ratios, plain_seconds, app_seconds = [], 0.0, 0.0
        for turn in range(args.turns):
            if turn % 2:
                seconds, text, _ = app_turn(window)
                reference = plain.turn()
            else:
                reference = plain.turn()
                seconds, text, _ = app_turn(window)
            tokens = int(reference["tokens"])
            same = "same text" if str(reference["text"]).strip() == text.strip() else "texts part"
            ratios.append(float(reference["seconds"]) / seconds)
            plain_seconds += float(reference["seconds"])
            app_seconds += seconds
            print(
                f"turn {turn}: {tokens} tokens ({same})  "
                f"plain {tokens / float(reference['seconds']):6.1f} tok/s  "
                f"app {tokens / seconds:6.1f} tok/s  ratio {ratios[-1]:.3f}",
                flush=True,
            )
        plain.close()
        shown_seconds = hidden_seconds = 0.0
        for turn in range(args.turns):
            for visible in (turn % 2 == 0, turn % 2 == 1):
                window.gauge.setVisible(visible)
                seconds = app_turn(window)[0]
                if visible:
                    shown_seconds += seconds
                else:
                    hidden_seconds += seconds
        window.gauge.show()
        pauses = [app_turn(window, pause_probe=True)[2] for _ in range(2)]
        window.close()
        db.close()
    print(
        f"app/plain tokens per second: median ratio {statistics.median(ratios):.3f}, "
        f"overall {plain_seconds / app_seconds:.3f} (goal >= 0.98); threads {settings.n_threads}"
    )
    print(
        f"gauge shown/hidden tokens per second: {hidden_seconds / shown_seconds:.3f} (goal >= 0.99)"
    )
    print(f"longest GUI event-loop pause while streaming: {max(pauses) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
