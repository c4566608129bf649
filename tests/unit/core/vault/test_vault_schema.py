"""Migrations: a vault written by an older version reaches the current one, losing nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlcipher3

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import migrate, open_database
from desktop.core.vault.errors import VaultTooNewError
from desktop.core.vault.schema import CURRENT_VERSION, MIGRATIONS
from desktop.core.vault.store import ConversationStore


def test_current_version_is_the_number_of_migrations() -> None:
    assert CURRENT_VERSION == len(MIGRATIONS) == 8


def test_version_1_vault_migrates_keeping_every_row(paths: AppPaths) -> None:
    key = new_key()
    with open_database(paths.vault_path, key, migrations=MIGRATIONS[:1]) as db:
        assert db.pragma("user_version") == 1
        db.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at)"
            " VALUES (1, 'Lighthouses', 1000, 3000), (2, '', 2000, 2000)"
        )
        db.executemany(
            "INSERT INTO messages (conversation_id, position, role, content, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (1, 0, "user", "Tell me about the old lighthouse keeper.", 1000),
                (1, 1, "assistant", "She kept the lamp lit through every storm.", 3000),
                (2, 0, "user", "Draft a letter to the harbour master.", 2000),
            ],
        )

    with open_database(paths.vault_path, key) as db:
        assert db.pragma("user_version") == CURRENT_VERSION
        store = ConversationStore(db)
        conversations = store.list_conversations()
        assert [(c.id, c.title, c.updated_at) for c in conversations] == [
            (1, "Lighthouses", 3000),
            (2, "", 2000),
        ]
        assert all(
            (c.pinned, c.model, c.system_prompt, c.sampling) == (False, "", "", {})
            for c in conversations
        )
        messages = store.messages(1)
        assert [(m.position, m.role, m.status) for m in messages] == [
            (0, "user", "done"),
            (1, "assistant", "done"),
        ]
        assert messages[1].content == "She kept the lamp lit through every storm."
        assert [hit.message_id for hit in store.search("storm")] == [messages[1].id]
        assert [hit.conversation_id for hit in store.search("harbour")] == [2]
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "conversations_by_activity" in indexes


def test_failed_migration_leaves_the_previous_version(paths: AppPaths) -> None:
    key = new_key()
    open_database(paths.vault_path, key).close()
    broken = [*MIGRATIONS, ("CREATE TABLE notes (id INTEGER PRIMARY KEY)", "CREATE TABLE (")]
    with pytest.raises(sqlcipher3.OperationalError):
        open_database(paths.vault_path, key, migrations=broken)
    with open_database(paths.vault_path, key) as db:
        assert db.pragma("user_version") == CURRENT_VERSION
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        assert "notes" not in tables


def test_vault_from_a_newer_version_is_refused_unchanged(
    paths: AppPaths, data_files: Callable[[], dict[str, bytes]]
) -> None:
    key = new_key()
    open_database(paths.vault_path, key).close()
    before = data_files()
    with pytest.raises(VaultTooNewError, match="newer version"):
        open_database(paths.vault_path, key, migrations=MIGRATIONS[:1])
    assert data_files() == before


def test_a_migration_another_connection_made_meanwhile_is_not_made_twice(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window's search and indexing threads open the document index at once: both can
    # read the old version before either takes the write lock.
    key = new_key()
    open_database(paths.vault_path, key, migrations=MIGRATIONS[:-1]).close()
    first = open_database(paths.vault_path, key, migrations=MIGRATIONS[:-1])
    second = open_database(paths.vault_path, key, migrations=MIGRATIONS[:-1])
    read = second.pragma
    reads: list[int] = []

    def read_then_the_other_migrates(name: str) -> int:
        value: int = read(name)
        if not reads:
            reads.append(value)
            migrate(first, MIGRATIONS)
        return value

    monkeypatch.setattr(second, "pragma", read_then_the_other_migrates)
    try:
        migrate(second, MIGRATIONS)
        assert reads == [CURRENT_VERSION - 1]
        assert read("user_version") == CURRENT_VERSION
    finally:
        first.close()
        second.close()
