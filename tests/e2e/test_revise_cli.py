"""``sotto revise`` as a user runs it: a sentence for each file it cannot revise, and the
original never written. (A revision by the model is run by tests/security/test_at_rest.py.)"""

from __future__ import annotations

from pathlib import Path

import docx

from desktop.cli.exit_codes import EXIT_FAILED
from tests.e2e.sotto_process import sotto


def test_the_help_names_the_command_and_its_options(tmp_path: Path) -> None:
    result = sotto("revise", "--help", data_dir=tmp_path / "data")

    assert result.returncode == 0
    for option in ("--instruction", "--model", "--docs", "--under", "--comments"):
        assert option in result.stdout


def test_an_empty_file_and_a_doc_are_refused_with_a_sentence(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    old = tmp_path / "old.doc"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(512))

    for path, sentence in ((empty, "empty.docx has no text"), (old, "save it as a Word document")):
        result = sotto(
            "revise",
            str(path),
            str(tmp_path / "out.docx"),
            "--instruction",
            "x",
            data_dir=tmp_path / "data",
        )
        assert result.returncode == EXIT_FAILED
        assert sentence in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_the_copy_may_not_replace_the_original(tmp_path: Path) -> None:
    path = tmp_path / "contract.docx"
    document = docx.Document()
    document.add_paragraph("The customer pays.")
    document.save(path)
    before = path.read_bytes()

    result = sotto("revise", str(path), str(path), "--instruction", "x", data_dir=tmp_path / "data")

    assert result.returncode == EXIT_FAILED
    assert "never writes over the original" in result.stderr
    assert path.read_bytes() == before
