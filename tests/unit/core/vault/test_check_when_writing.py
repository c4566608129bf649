"""A reader that may write nothing (a command that searches a large document index) opens a
database without reading the whole file: its pages are checked only once a write waits, and
a damaged file is still never written into."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import open_database
from desktop.core.vault.errors import VaultDamagedError
from desktop.core.vault.schema import MIGRATIONS
from desktop.core.vault.store import ConversationStore
from tests.disks import flip_a_byte

Files = Callable[[], dict[str, bytes]]


def _history(store: ConversationStore) -> None:
    for number in range(20):
        conversation = store.create_conversation()
        for _ in range(10):
            store.add_message(conversation.id, "user", f"Question {number} " * 50)


def _checks_running() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "vault-page-check"]


def test_a_reader_checks_no_page_until_it_writes(paths: AppPaths) -> None:
    key = new_key()
    with open_database(paths.vault_path, key) as db:
        _history(ConversationStore(db))

    with open_database(paths.vault_path, key, when_writing=True) as db:
        store = ConversationStore(db)
        assert len(store.list_conversations()) == 20
        assert _checks_running() == [] and db.pragma("query_only") == 1
        store.create_conversation(system_prompt="written once every page was checked")
        assert db.pragma("query_only") == 0
    with open_database(paths.vault_path, key) as db:
        assert len(ConversationStore(db).list_conversations()) == 21


def test_a_readers_first_write_into_a_damaged_file_is_refused(paths: AppPaths) -> None:
    key = new_key()
    with open_database(paths.vault_path, key) as db:
        _history(ConversationStore(db))
    reader = open_database(paths.vault_path, key, when_writing=True)
    flip_a_byte(paths.vault_path)
    before = paths.vault_path.read_bytes()

    with reader, pytest.raises(VaultDamagedError):  # its first write checks, and refuses
        ConversationStore(reader).create_conversation()
    assert reader.damaged and paths.vault_path.read_bytes() == before


def test_a_damaged_file_is_not_migrated_for_a_reader(paths: AppPaths, data_files: Files) -> None:
    key = new_key()
    with open_database(paths.vault_path, key, migrations=MIGRATIONS[:-1]) as db:
        _history(ConversationStore(db))
    flip_a_byte(paths.vault_path)
    before = data_files()

    with pytest.raises(VaultDamagedError):  # the migration waits for the check, refused
        open_database(paths.vault_path, key, when_writing=True)
    assert data_files() == before
