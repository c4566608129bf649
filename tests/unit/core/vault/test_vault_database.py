"""The database at rest: encrypted, private, configured as promised; wrong keys change nothing."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable

import pytest

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import Database, open_database
from desktop.core.vault.errors import VaultDamagedError, WrongKeyError
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.schema import CURRENT_VERSION
from desktop.core.vault.store import ConversationStore, MessageStatus


def _write_canary(store: ConversationStore, canary: str) -> None:
    conversation = store.create_conversation(system_prompt=f"system {canary}")
    store.add_message(conversation.id, "user", f"Please remember {canary} for me.")
    reply = store.add_message(conversation.id, "assistant", "", MessageStatus.STREAMING)
    store.update_message(reply.id, f"I will remember {canary}.", MessageStatus.DONE)
    store.rename(conversation.id, f"About {canary}")


Files = Callable[[], dict[str, bytes]]


def _assert_nowhere(data_files: Files, canary: str) -> None:
    for name, data in data_files().items():
        for encoding in ("utf-8", "utf-16-le"):
            assert canary.encode(encoding) not in data, f"{canary!r} in {name} ({encoding})"


def test_nothing_readable_at_rest(
    paths: AppPaths, keyring_opener: VaultOpener, data_files: Files
) -> None:
    canary = f"canary-{uuid.uuid4().hex}-Zebrafisch-Ünïcødé"
    db = keyring_opener.open()
    _write_canary(ConversationStore(db), canary)
    _assert_nowhere(data_files, canary)  # while open, with the -wal file in use
    db.close()
    _assert_nowhere(data_files, canary)

    header = paths.vault_path.read_bytes()[:16]
    assert not header.startswith(b"SQLite format 3")
    plain = sqlite3.connect(paths.vault_path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_connection_is_configured_as_promised(db: Database) -> None:
    assert db.pragma("cipher_version")
    assert db.pragma("cipher_memory_security") == "1"
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("temp_store") == 2
    assert db.pragma("secure_delete") == 1
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("user_version") == CURRENT_VERSION
    with pytest.raises(ValueError):
        db.pragma("key = 'x'")


def test_files_are_readable_by_the_user_alone(paths: AppPaths, keyring_opener: VaultOpener) -> None:
    db = keyring_opener.open()
    ConversationStore(db).create_conversation()
    files = [paths.vault_path, paths.bootstrap_path]
    files += [paths.data_dir / f"vault.db{suffix}" for suffix in ("-wal", "-shm")]
    try:
        for path in files:
            assert path.stat().st_mode & 0o777 == 0o600, path
    finally:
        db.close()
    assert paths.data_dir.stat().st_mode & 0o777 == 0o700


def test_existing_file_with_loose_mode_is_made_private(paths: AppPaths) -> None:
    key = new_key()
    open_database(paths.vault_path, key).close()
    paths.vault_path.chmod(0o644)
    open_database(paths.vault_path, key).close()
    assert paths.vault_path.stat().st_mode & 0o777 == 0o600


def test_wrong_key_changes_nothing(paths: AppPaths, data_files: Files) -> None:
    key = new_key()
    with open_database(paths.vault_path, key) as db:
        ConversationStore(db).create_conversation()
    before = data_files()
    with pytest.raises(WrongKeyError):
        open_database(paths.vault_path, new_key())
    assert data_files() == before
    with open_database(paths.vault_path, key) as db:
        assert len(ConversationStore(db).list_conversations()) == 1


def test_key_must_be_32_bytes(paths: AppPaths) -> None:
    with pytest.raises(ValueError):
        open_database(paths.vault_path, b"short")
    assert not paths.vault_path.exists()


def test_damaged_file_is_reported_as_damage(paths: AppPaths) -> None:
    key = new_key()
    with open_database(paths.vault_path, key) as db:
        store = ConversationStore(db)
        conversation = store.create_conversation()
        with db.transaction():
            for number in range(200):
                store.add_message(conversation.id, "user", f"message {number} " * 50)
    data = bytearray(paths.vault_path.read_bytes())
    for page in range(4096, len(data), 4096):  # every page but the first, with the schema
        data[page + 100 : page + 200] = bytes(100)
    paths.vault_path.write_bytes(bytes(data))
    with (
        pytest.raises(VaultDamagedError, match="damaged"),
        open_database(paths.vault_path, key) as db,
    ):
        ConversationStore(db).messages(conversation.id)


def test_transaction_commits_or_undoes_everything(db: Database) -> None:
    db.execute("CREATE TABLE t (x INTEGER)")
    with db.transaction():
        db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(RuntimeError), db.transaction():
        db.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("undo")
    assert db.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_nested_transaction_is_undone_alone(db: Database) -> None:
    db.execute("CREATE TABLE t (x INTEGER)")
    with db.transaction():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(RuntimeError), db.transaction():
            db.execute("INSERT INTO t VALUES (2)")
            raise RuntimeError("undo the inner block")
        with db.transaction():
            db.executemany("INSERT INTO t VALUES (?)", [(3,), (4,)])
    assert db.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (3,), (4,)]
