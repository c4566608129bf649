"""`sotto models`: the library on the command line, over the same core as the window."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop.core.library.installed import STARTER_MODEL_FILE
from tests.e2e.sotto_process import sotto
from tests.gguf_builder import renamed
from tests.loopback_hub import HUB_FILE, STARTER_REPO, LoopbackHub

STARTER = Path(STARTER_MODEL_FILE).stem


def test_import_list_verify_and_remove(tmp_path: Path, starter_model: Path) -> None:
    own = tmp_path / "Letters.Q4_1.gguf"
    own.write_bytes(renamed(starter_model.read_bytes(), b"Letters 135M from the firm 2026"))
    data = tmp_path / "data"

    again = tmp_path / "Starter-again.Q4_1.gguf"
    shutil.copyfile(starter_model, again)
    refused = sotto("models", "import", str(again), data_dir=data)
    assert refused.returncode == 1
    assert "sotto: This model is already in your library as SmolLM2 135M Instruct" in refused.stderr

    imported = sotto("models", "import", str(own), data_dir=data)
    assert imported.returncode == 0, imported.stderr
    assert "Imported Letters.Q4_1." in imported.stdout

    listed = sotto("models", "list", data_dir=data)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [row[0] for row in rows] == [STARTER, "Letters.Q4_1"]
    assert rows[0][1:6] == ["llama", "135M", "Q4_1", "98.4 MB", "8192 tokens"]
    assert rows[0][6] in ("runs well", "tight", "won't fit")

    verified = sotto("models", "verify", data_dir=data)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.splitlines() == [
        f"{STARTER}\tintact: matches the recorded SHA-256",
        "Letters.Q4_1\tintact: matches the recorded SHA-256",
    ]

    refused = sotto("models", "remove", STARTER, "--yes", data_dir=data)
    assert refused.returncode == 1 and "cannot be removed" in refused.stderr
    removed = sotto("models", "remove", "Letters.Q4_1", "--yes", data_dir=data)
    assert removed.returncode == 0, removed.stderr
    assert not (data / "models" / own.name).exists() and own.exists()
    assert sotto("models", "list", data_dir=data).stdout.count("\n") == 1

    not_a_model = tmp_path / "notes.gguf"
    not_a_model.write_text("shopping: eggs, flour")
    failed = sotto("models", "import", str(not_a_model), data_dir=data)
    assert failed.returncode == 1 and "notes.gguf is not a GGUF model file" in failed.stderr


def test_download_from_the_hub_is_verified_and_recorded(
    tmp_path: Path, loopback_hub: LoopbackHub, starter_model: Path
) -> None:
    env = dict(os.environ, HF_ENDPOINT=loopback_hub.url)
    data = tmp_path / "data"
    fetched = sotto("models", "download", STARTER_REPO, HUB_FILE, data_dir=data, env=env)
    assert fetched.returncode == 0, fetched.stderr
    assert f"Downloaded and verified {Path(HUB_FILE).stem}." in fetched.stdout
    installed = data / "models" / HUB_FILE
    assert installed.read_bytes() == starter_model.read_bytes()
    assert not list((data / "models" / ".partial").iterdir())

    verified = sotto("models", "verify", data_dir=data)
    assert verified.stdout.splitlines()[1] == (
        f"{Path(HUB_FILE).stem}\tintact: matches the recorded SHA-256"  # recorded in the vault
    )

    missing = sotto("models", "download", STARTER_REPO, "nothing.gguf", data_dir=data, env=env)
    assert missing.returncode == 1 and "nothing.gguf" in missing.stderr
