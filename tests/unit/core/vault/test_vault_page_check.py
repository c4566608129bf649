"""Every page checked beside the reader: a vault opens at once, reads at once, and is written
only once the check has passed; damage found by it is never written into."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import open_database
from desktop.core.vault.errors import VaultDamagedError
from desktop.core.vault.opener import VaultOpener, checked
from desktop.core.vault.schema import MIGRATIONS
from desktop.core.vault.store import ConversationStore
from tests.disks import flip_a_byte

Files = Callable[[], dict[str, bytes]]


def _history(store: ConversationStore) -> None:
    """Twenty conversations of ten long messages: some sixty pages."""
    for number in range(20):
        conversation = store.create_conversation()
        for _ in range(10):
            store.add_message(conversation.id, "user", f"Question {number} " * 50)


def _checks_running() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "vault-page-check"]


def test_an_opened_vault_is_read_at_once_and_written_once_the_check_has_passed(
    keyring_opener: VaultOpener,
) -> None:
    db = keyring_opener.open()
    _history(ConversationStore(db))
    db.close()

    db = keyring_opener.open()
    try:
        assert db.pragma("query_only") == 1  # writes are held, whatever the check's pace
        store = ConversationStore(db)
        assert len(store.list_conversations()) == 20
        store.create_conversation(system_prompt="written after the check")  # waits, then goes
        assert db.pragma("query_only") == 0
    finally:
        db.close()
    db = keyring_opener.open()
    try:
        assert len(ConversationStore(db).list_conversations()) == 21
    finally:
        db.close()


def test_damage_found_beside_the_reader_refuses_every_write_and_leaves_the_file_as_it_was(
    keyring_opener: VaultOpener, paths: AppPaths, data_files: Files
) -> None:
    db = keyring_opener.open()
    _history(ConversationStore(db))
    db.close()
    flip_a_byte(paths.vault_path)
    before = data_files()

    db = keyring_opener.open()  # the first page is whole: it opens
    try:
        with pytest.raises(VaultDamagedError):
            ConversationStore(db).create_conversation()
        assert db.damaged
        with pytest.raises(VaultDamagedError):
            db.wait_until_checked()
        with pytest.raises(VaultDamagedError):  # still refused: query_only stayed on
            db.execute("CREATE TABLE anything (x INTEGER)")
    finally:
        db.close()
    assert data_files() == before


def test_checked_closes_a_damaged_vault_and_says_so(
    keyring_opener: VaultOpener, paths: AppPaths, data_files: Files
) -> None:
    db = keyring_opener.open()
    _history(ConversationStore(db))
    db.close()
    flip_a_byte(paths.vault_path)
    before = data_files()

    with pytest.raises(VaultDamagedError):
        checked(keyring_opener.open())
    assert _checks_running() == []
    assert data_files() == before


def test_a_migration_waits_for_the_check_and_a_damaged_vault_is_not_migrated(
    paths: AppPaths, data_files: Files
) -> None:
    key = new_key()
    with open_database(paths.vault_path, key, migrations=MIGRATIONS[:-1]) as db:
        _history(ConversationStore(db))
    flip_a_byte(paths.vault_path)
    before = data_files()

    with pytest.raises(VaultDamagedError):
        open_database(paths.vault_path, key, in_background=True)
    assert data_files() == before


def test_closing_a_vault_ends_its_check(keyring_opener: VaultOpener) -> None:
    db = keyring_opener.open()
    _history(ConversationStore(db))
    db.close()

    for _ in range(3):
        keyring_opener.open().close()
        assert _checks_running() == []
