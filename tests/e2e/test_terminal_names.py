"""Names that come from files (a document, a model, a conversation's title) reach the
terminal with their control characters shown visibly: a newline, a carriage return or an
escape sequence in a name cannot forge a line, overwrite one or command the terminal. The
``--json`` output keeps them exact."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.e2e.sotto_process import sotto
from tests.gguf_builder import renamed

HOSTILE = "fake\nline\roverwritten\x1b[31mred"
VISIBLE = "fake\\nline\\roverwritten\\x1b[31mred"
RAW = ("\r", "\x1b")  # a newline is printed between lines, but never inside one


def printed(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert not any(raw in result.stdout for raw in RAW), result.stdout
    return result.stdout


def test_control_characters_in_names_are_shown_visibly(tmp_path: Path, starter_model: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "matter"
    folder.mkdir()
    document = folder / f"{HOSTILE}.txt"
    document.write_text("Clause 7.2: either party may end the lease with three months' notice.\n")
    (folder / f"{HOSTILE}.pdf").write_bytes(b"%PDF-1.7\ngarbage")  # unreadable: listed by path
    added = sotto("docs", "add", "--collection", "Lease", str(folder), data_dir=data)
    assert added.returncode == 0, added.stderr

    found = printed(sotto("docs", "search", "--collection", "Lease", "notice", data_dir=data))
    assert len(found.splitlines()) == 1 and f"{VISIBLE}.txt" in found
    exact = sotto("docs", "search", "--collection", "Lease", "--json", "notice", data_dir=data)
    assert json.loads(exact.stdout)[0]["file"] == str(document)

    listed = printed(sotto("docs", "list", data_dir=data))
    assert f"{VISIBLE}.pdf" in listed and len(listed.splitlines()) == 2

    asked = sotto(
        "ask",
        "--max-tokens",
        "4",
        "--docs",
        "Lease",
        "Notice\x1b[31m in red\x1b[0m?",
        data_dir=data,
    )
    assert asked.returncode == 0, asked.stderr
    sources = asked.stdout.split("Sources:\n", 1)[1]
    assert f"{VISIBLE}.txt" in sources and not any(raw in sources for raw in RAW)

    titles = printed(sotto("history", "list", data_dir=data))
    assert titles.splitlines() == ["1\tNotice\\x1b[31m in red\\x1b[0m?"]  # a title is one line

    model = tmp_path / f"{HOSTILE}.gguf"  # a model of its own: a copy of the starter is refused
    model.write_bytes(renamed(starter_model.read_bytes(), b"Hostile name model from a test!"))
    assert sotto("models", "import", "--in-place", str(model), data_dir=data).returncode == 0
    models = printed(sotto("models", "list", data_dir=data))
    assert VISIBLE in models and len(models.splitlines()) == 2
