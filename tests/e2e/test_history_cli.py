"""The command line shares the encrypted history with the window."""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend

from desktop.core.vault.custody import KeyringCustody, keyring_user_for
from tests.e2e.sotto_process import sotto, without_keyring

ASK = ("ask", "--temperature", "0", "--max-tokens", "16")


def test_ask_is_saved_and_history_prints_it(tmp_path: Path) -> None:
    assert sotto(*ASK, "Name a bird that swims.", data_dir=tmp_path).returncode == 0
    incognito = sotto(*ASK, "--incognito", "A secret about walruses", data_dir=tmp_path)
    assert incognito.returncode == 0

    listed = sotto("history", "list", data_dir=tmp_path)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert len(lines) == 1
    conversation_id, title = lines[0].split("\t")
    assert title == "Name a bird that swims."

    shown = sotto("history", "show", conversation_id, data_dir=tmp_path)
    assert shown.returncode == 0
    assert "Name a bird that swims." in shown.stdout
    assert shown.stdout.count(":\n") == 2  # the question and its reply

    found = sotto("history", "search", "swims", data_dir=tmp_path)
    assert found.returncode == 0
    assert found.stdout.startswith(f"{conversation_id}\tName a bird that swims.\t")
    assert "[swims]" in found.stdout
    assert sotto("history", "search", "walruses", data_dir=tmp_path).stdout == ""

    missing = sotto("history", "show", "999", data_dir=tmp_path)
    assert missing.returncode == 2 and "There is no conversation 999" in missing.stderr


def test_key_gone_from_the_keyring_fails_closed(
    tmp_path: Path, secret_service: KeyringBackend
) -> None:
    assert sotto(*ASK, "Hello", data_dir=tmp_path).returncode == 0
    vault = tmp_path / "vault.db"
    before = vault.read_bytes()
    KeyringCustody(secret_service, keyring_user_for(tmp_path)).delete_key()

    for command in (("history", "list"), (*ASK, "Hello again")):
        result = sotto(*command, data_dir=tmp_path)
        assert result.returncode == 1
        assert "never" in result.stderr and "new key" in result.stderr
        assert result.stdout == ""
    assert vault.read_bytes() == before  # byte for byte: nothing re-keyed, nothing written


def test_without_a_keyring_the_history_takes_a_passphrase(tmp_path: Path) -> None:
    first = sotto(*ASK, "Hello", data_dir=tmp_path, env=without_keyring("a good passphrase"))
    assert first.returncode == 0, first.stderr
    vault = tmp_path / "vault.db"
    before = vault.read_bytes()

    wrong = sotto("history", "list", data_dir=tmp_path, env=without_keyring("not it at all"))
    assert wrong.returncode == 1 and "passphrase" in wrong.stderr.lower()
    assert vault.read_bytes() == before

    none = sotto("history", "list", data_dir=tmp_path, env=without_keyring(None))
    assert none.returncode == 1 and "passphrase" in none.stderr.lower()

    right = sotto("history", "list", data_dir=tmp_path, env=without_keyring("a good passphrase"))
    assert right.returncode == 0 and right.stdout.endswith("\tHello\n")
