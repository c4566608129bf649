"""The self-check's three checks, with the real model, llama.cpp, child process and SQLCipher."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.diagnostics import (
    BUILD,
    MODEL,
    VAULT,
    CheckResult,
    SkippedError,
    check_vault,
    run_checks,
)
from desktop.core.errors import FileAccessError
from desktop.core.inference.errors import UnsupportedBuildError
from desktop.core.modelfile.errors import NotGGUFError
from tests.conftest import BadModels

# A child that dies as a native build does on a processor whose instructions are not enabled.
DIES_OF_SIGILL = (sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)")


def test_every_check_passes_with_the_starter_model(starter_model: Path, tmp_path: Path) -> None:
    reported: list[CheckResult] = []
    results = run_checks(starter_model, scratch_dir=tmp_path, on_result=reported.append)
    assert [r.check for r in results] == [BUILD, MODEL, VAULT]
    assert [r.problem for r in results] == [None, None, None]
    assert reported == results
    model = results[1].facts
    assert model["model"] == "SmolLM2-135M-Instruct.Q4_1"
    assert model["tokens"] > 0
    assert model["seconds"] > 0
    assert results[2].facts["cipher"]
    assert list(tmp_path.iterdir()) == []  # the throwaway vault is gone


def test_a_file_that_is_not_a_model_fails_the_build_and_model_checks(
    bad_models: BadModels, tmp_path: Path
) -> None:
    results = run_checks(bad_models.not_gguf(), scratch_dir=tmp_path)
    assert [r.passed for r in results] == [False, False, True]
    assert isinstance(results[1].problem, NotGGUFError)
    assert results[1].facts["model"] == "holiday-photo"


def test_a_crashing_build_skips_the_model_check(starter_model: Path, tmp_path: Path) -> None:
    results = run_checks(starter_model, scratch_dir=tmp_path, child_command=DIES_OF_SIGILL)
    assert isinstance(results[0].problem, UnsupportedBuildError)
    assert results[0].problem is not None and "SIGILL" in results[0].problem.details
    assert isinstance(results[1].problem, SkippedError)
    assert results[2].passed


def test_a_folder_that_cannot_be_written_fails_the_vault_check(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")  # a folder inside a file cannot be made, even by root
    result = check_vault(not_a_folder)
    assert not result.passed
    assert isinstance(result.problem, FileAccessError)
    assert "a-file" in str(result.problem)
