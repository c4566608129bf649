"""The self-check runs llama.cpp in a real child process and remembers what happened."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.core.inference.engine import Engine
from desktop.core.inference.errors import UnsupportedBuildError
from desktop.core.inference.selfcheck import SelfCheck, build_fingerprint

# A real child process that dies of SIGILL, as a native build does on a processor whose
# instructions the OS does not enable. Making llama.cpp itself do that needs such a processor.
DIES_OF_SIGILL = (
    sys.executable,
    "-c",
    "import os, signal, sys; os.kill(os.getpid(), signal.SIGILL)",
)
FAILS_WITHOUT_CRASHING = (sys.executable, "-c", "import sys; sys.exit(3)")


def test_real_check_passes_and_is_remembered(starter_model: Path, tmp_path: Path) -> None:
    record = tmp_path / "selfcheck.json"
    SelfCheck(record).ensure(starter_model)
    assert json.loads(record.read_text()) == {build_fingerprint(): "ok"}
    # Remembered: a command that would crash is not run again for this build.
    SelfCheck(record, command=DIES_OF_SIGILL).ensure(starter_model)
    assert record.stat().st_mode & 0o777 == 0o600


def test_crash_becomes_a_sentence_and_is_remembered(starter_model: Path, tmp_path: Path) -> None:
    record = tmp_path / "selfcheck.json"
    with pytest.raises(UnsupportedBuildError, match="does not run on this processor") as crash:
        SelfCheck(record, command=DIES_OF_SIGILL).ensure(starter_model)
    assert "SIGILL" in crash.value.details
    with pytest.raises(UnsupportedBuildError) as remembered:
        SelfCheck(record).ensure(starter_model)  # the real check is not retried
    assert "SIGILL" in remembered.value.details


def test_engine_refuses_to_load_in_process_after_a_crash(
    starter_model: Path, tmp_path: Path
) -> None:
    engine = Engine(SelfCheck(tmp_path / "selfcheck.json", command=DIES_OF_SIGILL))
    with pytest.raises(UnsupportedBuildError):
        engine.load(starter_model)
    assert engine.model is None


def test_failure_without_a_crash_is_not_remembered(starter_model: Path, tmp_path: Path) -> None:
    record = tmp_path / "selfcheck.json"
    SelfCheck(record, command=FAILS_WITHOUT_CRASHING).ensure(starter_model)
    assert not record.exists()


def test_unreadable_record_is_checked_again(starter_model: Path, tmp_path: Path) -> None:
    record = tmp_path / "selfcheck.json"
    record.write_text("{not json")
    SelfCheck(record).ensure(starter_model)
    assert json.loads(record.read_text()) == {build_fingerprint(): "ok"}
