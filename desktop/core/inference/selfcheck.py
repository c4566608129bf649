"""Running the inference library once in a child process before trusting it in ours.

A llama.cpp built for instructions this processor (or its hypervisor) does not enable dies
with SIGILL on the first token, taking the whole process with it. The first load on a machine
is therefore preceded by a tiny generation in a child process; a crash there becomes a
sentence instead of a vanished window. The outcome is remembered per build and machine, so
the check costs a second once, not on every start.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.core.inference.errors import UnsupportedBuildError
from desktop.core.privacy.protect import disable_core_dumps
from desktop.core.program import sotto_command

OK = "ok"
"""The outcome of a check that generated: the build runs on this processor."""
CHECK_BUILD_OPTION = "--check-build"
"""The hidden first argument of ``sotto`` that makes it the check's child process."""
CHILD_TIMEOUT_S = 300
"""A child still running then is stopped, and the check is inconclusive."""


def build_fingerprint() -> str:
    """What identifies this build of llama.cpp on this machine."""
    import llama_cpp

    parts = [llama_cpp.__version__, platform.machine(), platform.node(), sys.executable]
    for library in sorted((Path(llama_cpp.__file__).parent / "lib").glob("*")):
        stat = library.stat()
        parts.append(f"{library.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class SelfCheck:
    """Runs the child-process check once per build and machine.

    Attributes:
        record_path: where outcomes are remembered (JSON: fingerprint -> "ok" or a crash).
        command: the child's command line, to which the model path is appended
            (default: ``child_command()``).
    """

    def __init__(
        self,
        record_path: Path,
        command: Sequence[str] | None = None,
        timeout: float = CHILD_TIMEOUT_S,
    ) -> None:
        self.record_path = record_path
        self.command = child_command() if command is None else list(command)
        self.timeout = timeout

    def ensure(self, model_path: Path) -> None:
        """Return if llama.cpp runs here; the first time, find out with *model_path*.

        Raises:
            UnsupportedBuildError: the library crashed the child process (now or before).
        """
        fingerprint = build_fingerprint()
        records = self._records()
        outcome = records.get(fingerprint)
        if outcome is None:
            outcome = probe_build(model_path, self.command, self.timeout)
            if outcome is None:
                return  # inconclusive (no crash): the real load will say what is wrong
            records[fingerprint] = outcome
            self._save(records)
        if outcome != OK:
            raise UnsupportedBuildError(outcome)

    def _records(self) -> dict[str, str]:
        try:
            records = json.loads(self.record_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return records if isinstance(records, dict) else {}

    def _save(self, records: dict[str, str]) -> None:
        self.record_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = self.record_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(records), encoding="utf-8")
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.record_path)


def child_command() -> list[str]:
    """The command that runs ``child_main`` in a child process: ``sotto --check-build``, to
    which the model path is appended."""
    return [*sotto_command(), CHECK_BUILD_OPTION]


def probe_build(
    model_path: Path, command: Sequence[str] | None = None, timeout: float = CHILD_TIMEOUT_S
) -> str | None:
    """Run the check in a child process now, remembering nothing.

    Return "ok" if it generated, a description of the crash if llama.cpp killed it, or None
    if it failed without crashing (the model, not the build) or took longer than *timeout*.
    """
    try:
        result = subprocess.run(
            [*(child_command() if command is None else command), str(model_path)],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if result.returncode == 0:
        return OK
    if result.returncode < 0:
        name = signal.Signals(-result.returncode).name
        return f"the test run stopped with {name}"
    return None


def child_main(model_path: str) -> int:
    """The child's work: generate two tokens from *model_path*, which crashes a bad build.

    ``desktop.launch`` runs it for ``sotto --check-build MODEL``.
    """
    disable_core_dumps()
    from llama_cpp import Llama

    llama = Llama(model_path=model_path, n_ctx=64, n_threads=1, verbose=False)
    llama.create_completion("Hello", max_tokens=2, temperature=0.0)
    llama.close()
    return 0
