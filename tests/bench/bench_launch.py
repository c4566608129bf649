"""Launch to window: from the start of the ``sotto`` process to its window mapped on the screen.

Measured from outside, as a user sees it: a private X server (Xvfb), and a client of it that
is told the moment a top-level window is mapped (``window_mapped.py``). Each start is a new
process, ``python -m desktop``, on a data folder whose vault already holds a history (filled
once, as ``bench_vault.py`` fills it), killed once its window is shown.

- a cold start: the page cache of Python, its packages (Qt included), Sotto and the data
  folder emptied first (``posix_fadvise(DONTNEED)`` on every file: no root needed), as after
  a reboot;
- a warm start: right after another start, everything cached.

Goal: the window shown within 0.7 s. With ``--baseline PATH`` (another checkout of Sotto,
such as ``git worktree add /tmp/before HEAD`` with ``.venv`` and ``resources/models`` linked
in) each start of this tree is followed by one of that tree, on the same history, and the
ratio of their medians is printed: side by side in one run, so a busy machine weighs on both.

The key is kept in the OS keyring: run it in the test keyring.

    scripts/with-test-keyring.sh .venv/bin/python tests/bench/bench_launch.py \
        [--starts N] [--messages N] [--baseline PATH] [--tiny]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import KeyringCustody, keyring_user_for, secure_keyring
from desktop.core.vault.opener import VaultOpener
from tests.bench.bench_vault import Sizes, fill
from tests.bench.tiny import parse_arguments
from tests.bench.window_mapped import MapWatch

REPO = Path(__file__).resolve().parents[2]
GOAL = 0.7
MAP_TIMEOUT = 120.0
TINY = {"starts": 1, "messages": 200, "baseline": None}


@dataclass
class Tree:
    """A checkout of Sotto whose launches are measured.

    Attributes:
        name: how the figures name it.
        root: the checkout.
        cold: seconds to the window of each cold start.
        warm: seconds to the window of each warm start.
    """

    name: str
    root: Path
    cold: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X server; it and its display name (``:N``)."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is missing: run `make setup`")
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start")
    return server, f":{number}"


def _files(folder: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(folder):
        for name in names:
            yield Path(root, name)


def evict(folders: list[Path]) -> None:
    """Drop every file under *folders* from the page cache, as a reboot would."""
    for path in (file for folder in folders for file in _files(folder)):
        try:
            descriptor = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # a socket, a broken link
        try:
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def launch(tree: Tree, data: Path, display: str, watch: MapWatch) -> float:
    """Start Sotto from *tree* on *data*; seconds until its window was mapped."""
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env["DISPLAY"] = display
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data)],
            cwd=tree.root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            mapped = watch.next_mapped(MAP_TIMEOUT)
        finally:
            process.terminate()
            process.wait()
            watch.drain()
        if mapped is None:
            errors.seek(0)
            raise SystemExit(f"{tree.name}: no window in {MAP_TIMEOUT:.0f} s\n{errors.read()!r}")
    return mapped - started


def history(data: Path, messages: int) -> None:
    """A vault in *data* holding *messages* messages."""
    paths = AppPaths.resolve(data).ensure()
    db = VaultOpener(paths).open()
    try:
        conversations = max(2, messages // 100)
        sizes = Sizes(conversations, messages, max(messages // 10, 2))
        fill(db, sizes)
    finally:
        db.close()


def _median_ms(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f} ms"


def report(trees: list[Tree]) -> None:
    for tree in trees:
        for kind, seconds in (("cold", tree.cold), ("warm", tree.warm)):
            listed = ", ".join(f"{value * 1000:.0f}" for value in seconds)
            verdict = "met" if statistics.median(seconds) <= GOAL else "MISSED"
            print(
                f"{tree.name}: {kind} start to window shown: median {_median_ms(seconds)} "
                f"of {len(seconds)} ({listed} ms)  goal <= {GOAL * 1000:.0f} ms: {verdict}"
            )
    if len(trees) == 2:
        this, baseline = trees
        for kind in ("cold", "warm"):
            ratio = statistics.median(getattr(this, kind)) / statistics.median(
                getattr(baseline, kind)
            )
            print(f"{kind} start, this tree / baseline: ratio {ratio:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=5, help="cold and warm starts of each tree")
    parser.add_argument("--messages", type=int, default=100_000, help="messages in the history")
    parser.add_argument("--baseline", type=Path, help="another checkout, measured alongside")
    arguments = parse_arguments(parser, TINY)
    if secure_keyring() is None:
        raise SystemExit("no secure keyring: run it in scripts/with-test-keyring.sh")
    trees = [Tree("this tree", REPO)]
    if arguments.baseline is not None:
        trees.append(Tree("baseline", arguments.baseline.resolve()))
    server, display = start_xvfb()
    watch = MapWatch(display)
    with tempfile.TemporaryDirectory(prefix="sotto-launch-") as folder:
        data = Path(folder) / "data"
        try:
            started = time.perf_counter()
            history(data, arguments.messages)
            size = AppPaths.resolve(data).vault_path.stat().st_size / 2**20
            print(
                f"history: {arguments.messages:,} messages ({size:.0f} MiB) filled in "
                f"{time.perf_counter() - started:.1f} s",
                flush=True,
            )
            cached = [Path(sysconfig.get_paths()["stdlib"]), Path(sys.prefix), data]
            for tree in trees:  # compiles its bytecode, and settles the first start's work
                launch(tree, data, display, watch)
            for _ in range(arguments.starts):
                for tree in trees:
                    evict([*cached, tree.root / "desktop", tree.root / "resources"])
                    tree.cold.append(launch(tree, data, display, watch))
                    tree.warm.append(launch(tree, data, display, watch))
            report(trees)
        finally:
            watch.close()
            server.terminate()
            server.wait()
            backend = secure_keyring()
            if backend is not None:
                KeyringCustody(backend, keyring_user_for(data)).delete_key()
    return 0


if __name__ == "__main__":
    sys.exit(main())
