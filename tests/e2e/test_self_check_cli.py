"""``sotto --self-check``, in this process: a line per check, and the exit code says it all."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.cli.main import main
from tests.conftest import BadModels


@pytest.fixture(autouse=True)
def _same_umask() -> Iterator[None]:
    """The command sets the process's umask, as `sotto` does: put this one's back after."""
    umask = os.umask(0o022)
    os.umask(umask)
    yield
    os.umask(umask)


def test_self_check_passes_and_prints_a_line_per_check(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "--self-check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Inference library: passed, it runs on this processor."
    assert lines[1].startswith("Model SmolLM2-135M-Instruct.Q4_1: passed, ")
    assert lines[1].endswith(" s.")
    assert lines[2].startswith("Encrypted history: passed, written, reopened and read back")
    assert len(lines) == 3
    assert list((tmp_path / "cache").iterdir()) == []  # the throwaway vault is gone


def test_self_check_of_a_bad_model_exits_1_and_says_why(
    qapp: QApplication,
    tmp_path: Path,
    bad_models: BadModels,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model = bad_models.truncated()
    assert main(["--data-dir", str(tmp_path / "data"), "--self-check", str(model)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Inference library: FAILED. ")
    assert lines[1].startswith("Model half: FAILED. half.gguf is incomplete")
    assert lines[2].startswith("Encrypted history: passed")
