"""Messages as a tree: edited questions and regenerated replies branch, old branches stay."""

from __future__ import annotations

from desktop.core.paths import AppPaths
from desktop.core.vault.custody import new_key
from desktop.core.vault.database import open_database
from desktop.core.vault.schema import MIGRATIONS
from desktop.core.vault.store import ConversationStore
from tests.conftest import TEST_PASSPHRASE, passphrase_opener


def contents(store: ConversationStore, conversation_id: int) -> list[str]:
    return [m.content for m in store.messages(conversation_id)]


def test_regenerate_and_edit_branch_and_every_branch_can_be_shown_again(
    paths: AppPaths,
) -> None:
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    store = ConversationStore(db)
    chat = store.create_conversation()
    question = store.add_message(chat.id, "user", "Name a bird")
    first_reply = store.add_message(chat.id, "assistant", "Heron")
    # Regenerate: a new reply to the same question.
    second_reply = store.add_message(chat.id, "assistant", "Puffin", after=question.id)
    assert contents(store, chat.id) == ["Name a bird", "Puffin"]
    assert store.siblings(second_reply.id) == [first_reply.id, second_reply.id]
    store.add_message(chat.id, "user", "Where does it live?")
    store.add_message(chat.id, "assistant", "On cliffs by the sea")
    # Edit the first question: a new branch from the start.
    edited = store.add_message(chat.id, "user", "Name a fish", after=None)
    store.add_message(chat.id, "assistant", "Trout")
    assert contents(store, chat.id) == ["Name a fish", "Trout"]
    assert store.siblings(edited.id) == [question.id, edited.id]
    assert store.count_messages(chat.id) == 2
    assert store.branch_points(chat.id) == {
        None: [question.id, edited.id],
        question.id: [first_reply.id, second_reply.id],
    }

    store.show_branch(question.id)  # back to the first question: its newest reply and on
    assert contents(store, chat.id) == [
        "Name a bird",
        "Puffin",
        "Where does it live?",
        "On cliffs by the sea",
    ]
    store.show_branch(first_reply.id)
    assert contents(store, chat.id) == ["Name a bird", "Heron"]
    db.close()

    with passphrase_opener(paths).open(TEST_PASSPHRASE) as reopened:
        store = ConversationStore(reopened)
        assert contents(store, chat.id) == ["Name a bird", "Heron"]  # survives a restart
        store.show_branch(edited.id)
        assert contents(store, chat.id) == ["Name a fish", "Trout"]
        assert store.messages(chat.id, limit=1)[0].content == "Trout"


def test_deleting_the_end_of_a_branch_shows_its_parent(store: ConversationStore) -> None:
    chat = store.create_conversation()
    store.add_message(chat.id, "user", "Hello")
    reply = store.add_message(chat.id, "assistant", "Hi")
    store.delete_message(reply.id)
    assert contents(store, chat.id) == ["Hello"]
    assert store.add_message(chat.id, "assistant", "Hello again").parent_id is not None


def test_a_version_3_vault_becomes_one_branch_in_order(paths: AppPaths) -> None:
    key = new_key()
    with open_database(paths.vault_path, key, migrations=MIGRATIONS[:3]) as db:
        db.execute("INSERT INTO conversations (id, title) VALUES (1, 'Old')")
        db.executemany(
            "INSERT INTO messages (conversation_id, position, role, content) VALUES (1, ?, ?, ?)",
            [(0, "user", "one"), (1, "assistant", "two"), (3, "user", "three")],
        )
    with open_database(paths.vault_path, key) as db:
        store = ConversationStore(db)
        assert contents(store, 1) == ["one", "two", "three"]
        assert store.count_messages(1) == 3
        assert store.get_conversation(1).preset == ""  # type: ignore[union-attr]
