"""llama.cpp's own log never reaches the terminal: not while a model loads and writes, not
while documents are read, and not when a model fails to load, which is told in Sotto's own
sentence."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import BadModels
from tests.e2e.sotto_process import sotto
from tests.gguf_builder import without_context_length

# What llama.cpp's lines begin with (its functions and parts), none of them Sotto's.
LLAMA_CPP_WORDS = ("llama_", "llm_", "ggml", "gguf", "print_info", "load_tensors", "n_ctx")


def no_llama_cpp_line(stderr: str) -> None:
    assert not [line for line in stderr.splitlines() if line.startswith(LLAMA_CPP_WORDS)], stderr
    assert "n_ctx_train" not in stderr


def test_a_model_that_does_not_say_its_context_length_answers_without_a_warning(
    starter_model: Path, tmp_path: Path
) -> None:
    model = without_context_length(starter_model, tmp_path / "no-context.gguf")
    asked = sotto(
        "ask",
        "--incognito",
        "--max-tokens",
        "4",
        "--model",
        str(model),
        "Hello",
        data_dir=tmp_path / "data",
    )
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.strip()  # it answered
    no_llama_cpp_line(asked.stderr)
    assert len(asked.stderr.splitlines()) == 1 and "tokens/s" in asked.stderr  # ours alone


def test_documents_are_read_without_llama_cpp_lines(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("The boiler is serviced every October.\n", encoding="utf-8")
    added = sotto("docs", "add", str(note), data_dir=tmp_path / "data")
    assert added.returncode == 0, added.stderr
    assert "1 of 1 files" in added.stderr  # the progress, read by the embedding model
    no_llama_cpp_line(added.stderr)


def test_a_model_that_fails_to_load_is_told_in_our_sentence_alone(
    bad_models: BadModels, tmp_path: Path
) -> None:
    asked = sotto(
        "ask",
        "--incognito",
        "--model",
        str(bad_models.truncated()),
        "Hello",
        data_dir=tmp_path / "data",
    )
    assert asked.returncode == 1
    assert asked.stderr.startswith("sotto: half.gguf"), asked.stderr
    no_llama_cpp_line(asked.stderr)
