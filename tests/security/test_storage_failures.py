"""Storage failures, made for real: a full disk (a small tmpfs), a read-only data folder (a
read-only bind mount), a vault emptied, deleted, cut short or damaged (its bytes changed), and
model paths that are a symlink loop or a folder. Each gets a sentence and no traceback, and a
vault that could not be opened cleanly is left byte for byte as it was."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from desktop.core.storage_errors import StorageFullError
from desktop.core.vault import recorder
from desktop.core.vault.custody import KeyringCustody
from desktop.core.vault.errors import VaultDamagedError
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore, MessageStatus
from tests.conftest import TEST_PASSPHRASE, passphrase_opener
from tests.disks import files_in, fill, flip_a_byte, read_only_view, small_disk
from tests.e2e.sotto_process import sotto, without_keyring

LONG_REPLY = (
    "--temperature",
    "0",
    "--max-tokens",
    "300",
    "Write a very long story about a lighthouse keeper, in many chapters.",
)


def failed_with(result: subprocess.CompletedProcess[str], words: str) -> None:
    """The command failed with exit code 1 and a sentence holding *words*, no traceback."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith("sotto: ") and words in result.stderr, result.stderr


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A data folder on a disk of its own, 3 MiB in all."""
    with small_disk(tmp_path / "disk") as folder:
        yield folder


# A full disk


def test_ask_on_a_full_disk_says_so_and_leaves_no_empty_conversation(disk: Path) -> None:
    assert sotto("ask", "--max-tokens", "4", "An earlier question", data_dir=disk).returncode == 0
    filler = fill(disk)
    result = sotto("ask", "--max-tokens", "8", "Lost to a full disk?", data_dir=disk)
    failed_with(result, "is full")
    filler.unlink()
    listed = sotto("history", "list", data_dir=disk)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == ["1\tAn earlier question"]  # no "New chat" left


def test_ask_when_the_disk_fills_mid_reply_prints_the_reply_and_says_it_is_not_saved(
    disk: Path,
) -> None:
    assert sotto("ask", "--max-tokens", "4", "An earlier question", data_dir=disk).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(disk), "ask", *LONG_REPLY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    first = process.stdout.read(1)  # the question is saved: the reply has begun
    filler = fill(disk)
    printed, errors = process.communicate(timeout=300)
    assert process.returncode == 1, errors
    assert "Traceback" not in errors
    assert "The reply above is not saved." in errors and "is full" in errors
    assert len(first + printed) > 40  # the whole reply was printed all the same
    filler.unlink()

    db = VaultOpener(AppPaths.resolve(disk)).open()
    try:
        store = open_store(db)
        latest, earlier = store.list_conversations()
        assert earlier.title == "An earlier question"
        assert latest.title.startswith("Write a very long story")  # never "New chat"
        question, reply = store.messages(latest.id)
        assert question.content == LONG_REPLY[-1]
        assert reply.status == MessageStatus.INTERRUPTED  # what was saved, told truly
    finally:
        db.close()


def test_history_is_read_on_a_full_disk_alone_or_beside_an_open_vault(disk: Path) -> None:
    assert sotto("ask", "--max-tokens", "4", "An earlier question", data_dir=disk).returncode == 0
    shown = sotto("history", "show", "1", data_dir=disk).stdout
    assert "An earlier question" in shown

    def read_back() -> None:
        listed = sotto("history", "list", data_dir=disk)
        assert listed.returncode == 0, listed.stderr
        assert listed.stdout.splitlines() == ["1\tAn earlier question"]
        again = sotto("history", "show", "1", data_dir=disk)
        assert (again.returncode, again.stdout) == (0, shown), again.stderr

    filler = fill(disk)  # no one has it open: no room for SQLite's -shm file
    read_back()
    filler.unlink()
    window = VaultOpener(AppPaths.resolve(disk)).open()  # as a window holds it, -shm made
    try:
        filler = fill(disk)
        read_back()  # beside it: not under a lock that would shut the window out
        assert ConversationStore(window).list_conversations()[0].title == "An earlier question"
    finally:
        window.close()
    filler.unlink()
    asked = sotto("ask", "--max-tokens", "4", "A later question", data_dir=disk)
    assert asked.returncode == 0, asked.stderr  # writable again, nothing lost
    titles = sotto("history", "list", data_dir=disk).stdout.splitlines()
    assert titles == ["2\tA later question", "1\tAn earlier question"]


@pytest.fixture
def disk_store(disk: Path) -> Iterator[ConversationStore]:
    db = passphrase_opener(AppPaths.resolve(disk).ensure()).open(TEST_PASSPHRASE)
    yield open_store(db)
    db.close()


def test_a_chat_session_survives_a_full_disk_at_every_step(
    disk: Path, disk_store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recorder, "SAVE_INTERVAL_S", 0.0)  # every piece is a save
    session = ChatSession(disk_store, ChatSettings(system_prompt="Be brief."))

    filler = fill(disk)  # sending: nothing is saved, not even an empty conversation
    with pytest.raises(StorageFullError):
        session.send("A question the disk cannot hold", "model")
    assert disk_store.list_conversations() == []
    assert session.conversation is None and session.messages[-1]["role"] == "system"
    filler.unlink()

    session.send("A question", "model")  # streaming and finishing: the reply is kept
    filler = fill(disk)
    with pytest.raises(StorageFullError):
        session.reply_text("A reply ")
    with pytest.raises(StorageFullError):
        session.reply_text("in two pieces.")
    with pytest.raises(StorageFullError):
        session.reply_finished("A reply in two pieces.")
    assert session.has_unsaved_reply
    assert session.messages[-1] == {"role": "assistant", "content": "A reply in two pieces."}
    with pytest.raises(StorageFullError):
        session.save_reply()
    with pytest.raises(StorageFullError):  # the kept reply goes first, and still cannot
        session.send("A second question", "model")
    filler.unlink()
    session.save_reply()
    assert not session.has_unsaved_reply
    conversation = session.conversation
    assert conversation is not None
    saved = disk_store.messages(conversation.id)
    assert [(m.content, m.status) for m in saved] == [
        ("A question", MessageStatus.DONE),
        ("A reply in two pieces.", MessageStatus.DONE),
    ]

    session.send("A question that fails", "model")  # abandoning: the history is read back
    filler = fill(disk)
    with pytest.raises(StorageFullError):
        session.reply_failed()
    assert [m["content"] for m in session.messages][-1] == ""  # its empty reply, as kept
    filler.unlink()
    session.send("The next question", "model")
    session.reply_finished("The next reply.")
    assert disk_store.messages(conversation.id)[-1].content == "The next reply."


# A vault emptied, deleted, cut short or damaged


def empty(vault: Path) -> None:
    vault.write_bytes(b"")


def delete(vault: Path) -> None:
    vault.unlink()


def cut_short(vault: Path) -> None:
    data = vault.read_bytes()
    vault.write_bytes(data[: len(data) // 2 + 100])


@pytest.mark.parametrize(
    ("harm", "words"),
    [
        (empty, "is empty, although the key to it is still kept"),
        (delete, "is missing, although the key to it is still kept"),
        (cut_short, "is damaged"),
        (flip_a_byte, "is damaged"),
    ],
)
def test_a_vault_emptied_deleted_or_damaged_fails_closed_and_is_left_as_it_is(
    tmp_path: Path, harm: object, words: str, secret_service: KeyringBackend
) -> None:
    data = tmp_path / "data"
    db = VaultOpener(AppPaths.resolve(data).ensure()).open()
    try:  # enough history that reading the list of conversations meets no damage
        long_history(ConversationStore(db))
    finally:
        db.close()
    assert callable(harm)
    harm(data / "vault.db")
    before = files_in(data)
    for command in (("history", "list"), ("ask", "--max-tokens", "4", "Write here?")):
        failed_with(sotto(*command, data_dir=data), words)
        assert files_in(data) == before  # nothing written over it, or beside it
    record = json.loads((data / "vault.json").read_text())
    assert KeyringCustody(secret_service, record["keyring_user"]).load_key() is not None


def long_history(store: ConversationStore) -> list[int]:
    """Thirty conversations of ten long messages (some 80 pages); their ids."""
    ids = []
    for number in range(30):
        conversation = store.create_conversation()
        ids.append(conversation.id)
        for _ in range(10):
            store.add_message(conversation.id, "user", f"Question {number} " * 50)
    return ids


def test_damage_seen_while_reading_stops_every_write(paths: AppPaths) -> None:
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    ids = long_history(ConversationStore(db))
    db.close()
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)  # whole when opened
    try:
        flip_a_byte(paths.vault_path)  # then damaged on the disk, under the open vault
        before = paths.vault_path.read_bytes()
        store = ConversationStore(db)
        with pytest.raises(VaultDamagedError):  # reading all of it meets the damage
            for conversation_id in ids:
                store.messages(conversation_id)
            store.search("Question", limit=1000)
        assert db.damaged
        with pytest.raises(VaultDamagedError):
            store.create_conversation()
        assert paths.vault_path.read_bytes() == before
    finally:
        db.close()


# A read-only data folder


def test_a_read_only_data_folder_gets_a_sentence_and_forget_still_deletes_the_key(
    tmp_path: Path, secret_service: KeyringBackend
) -> None:
    data = tmp_path / "data"
    assert sotto("ask", "--max-tokens", "4", "A question", data_dir=data).returncode == 0
    record = json.loads((data / "vault.json").read_text())
    key = KeyringCustody(secret_service, record["keyring_user"])
    assert key.load_key() is not None
    with read_only_view(data, tmp_path / "read-only") as view:
        before = files_in(view)
        for command in (
            ("history", "list"),
            ("ask", "--max-tokens", "4", "Another question"),
            ("models", "list"),
        ):
            failed_with(sotto(*command, data_dir=view), "may not write to")
        assert files_in(view) == before

        forgot = sotto("forget-everything", "--yes", data_dir=view)
        failed_with(forgot, "could not be removed")
        assert str(view / "vault.db") in forgot.stderr
        assert key.load_key() is None  # the key went first, so the files left are unreadable
    assert files_in(data) == before


def test_a_folder_that_cannot_be_made_gets_a_sentence(tmp_path: Path) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    with read_only_view(parent, tmp_path / "read-only") as view:
        failed_with(sotto("history", "list", data_dir=view / "data"), "may not write to")


# Forgetting without the keyring


def test_forget_without_the_keyring_says_the_key_is_kept_and_how_to_finish(
    tmp_path: Path, secret_service: KeyringBackend
) -> None:
    data = tmp_path / "data"
    assert sotto("ask", "--max-tokens", "4", "A question", data_dir=data).returncode == 0
    record = json.loads((data / "vault.json").read_text())
    key = KeyringCustody(secret_service, record["keyring_user"])
    try:
        forgot = sotto("forget-everything", "--yes", data_dir=data, env=without_keyring(None))
        failed_with(forgot, "could not delete the key to your history")
        assert "can still be read with that key" in forgot.stderr
        assert record["keyring_user"] in forgot.stderr  # the entry to delete by hand
        assert "keyring.backends" not in forgot.stderr
        assert sorted(path.name for path in data.iterdir()) == ["models"]  # files gone
        assert key.load_key() is not None  # as the sentence says
        again = sotto("forget-everything", "--yes", data_dir=data)  # where the keyring is
        assert again.returncode == 0, again.stderr
        assert key.load_key() is None
    finally:
        key.delete_key()


def test_forget_of_a_passphrase_history_says_copies_still_open_with_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = without_keyring(TEST_PASSPHRASE)
    assert sotto("ask", "--max-tokens", "4", "A question", data_dir=data, env=env).returncode == 0
    forgot = sotto("forget-everything", "--yes", data_dir=data, env=env)
    assert forgot.returncode == 0, forgot.stderr
    assert "Everything is forgotten." in forgot.stdout
    assert "can still be opened with that passphrase" in forgot.stdout


# Model paths that lead nowhere


def test_a_symlink_loop_or_a_folder_given_as_a_model_gets_a_true_sentence(tmp_path: Path) -> None:
    loop = tmp_path / "loop.gguf"
    os.symlink(loop.name, loop)
    folder = tmp_path / "x.gguf"
    folder.mkdir()
    data = tmp_path / "data"
    for path, words in ((loop, "leads back to itself"), (folder, "is a folder, not a model")):
        asked = sotto("ask", "--incognito", "--model", str(path), "hi", data_dir=data)
        failed_with(asked, words)
        for how in ((), ("--in-place",)):
            failed_with(sotto("models", "import", *how, str(path), data_dir=data), words)
