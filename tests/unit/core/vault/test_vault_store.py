"""The conversation store: what the chat list and chat view read and write."""

from __future__ import annotations

import pytest

from desktop.core.vault.database import Database
from desktop.core.vault.store import ConversationStore, MessageStatus, now_ms, title_from


def test_new_conversation_is_empty_and_untitled(store: ConversationStore) -> None:
    conversation = store.create_conversation(
        model="smollm2", system_prompt="Be brief.", sampling={"temperature": 0.2}
    )
    assert conversation.title == ""
    assert conversation.created_at == conversation.updated_at
    assert (conversation.model, conversation.system_prompt) == ("smollm2", "Be brief.")
    assert conversation.sampling == {"temperature": 0.2}
    assert not conversation.pinned
    assert store.get_conversation(conversation.id) == conversation
    assert store.messages(conversation.id) == []
    assert store.count_messages(conversation.id) == 0


def test_missing_conversation_is_none(store: ConversationStore) -> None:
    assert store.get_conversation(404) is None
    with pytest.raises(LookupError):
        store.add_message(404, "user", "Hello?")


def test_messages_are_appended_in_order(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", "Hello")
    second = store.add_message(conversation.id, "assistant", "Hi! How can I help?")
    assert (first.position, second.position) == (0, 1)
    assert first.status == second.status == MessageStatus.DONE
    assert first.conversation_id == conversation.id
    assert store.messages(conversation.id) == [first, second]
    updated = store.get_conversation(conversation.id)
    assert updated is not None and updated.updated_at == second.created_at


def test_title_comes_from_the_first_user_message(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "system", "You are a helpful assistant.")
    store.add_message(conversation.id, "user", "\n   Plan a  trip\tto Lisbon \nin May, please")
    store.add_message(conversation.id, "user", "Actually, make it Porto")
    titled = store.get_conversation(conversation.id)
    assert titled is not None and titled.title == "Plan a trip to Lisbon"


def test_title_is_cut_at_sixty_characters() -> None:
    long_line = "word " * 30
    title = title_from(long_line)
    assert len(title) == 60 and title.endswith("…")
    assert title_from("x" * 60) == "x" * 60
    assert title_from("   \n\t\n") == ""


def test_a_question_that_is_only_a_long_paste_is_named_by_its_first_line() -> None:
    assert title_from("````pasted\nLEASE AGREEMENT\nThis lease…\n````") == "LEASE AGREEMENT"
    assert title_from("```python\nprint(1)\n```") == "print(1)"


def test_rename_pin_and_settings(store: ConversationStore) -> None:
    conversation = store.create_conversation(model="a", sampling={"top_p": 0.9})
    store.rename(conversation.id, "Holiday plans")
    store.add_message(conversation.id, "user", "This does not replace a chosen title")
    store.set_pinned(conversation.id, True)
    store.update_settings(conversation.id, system_prompt="Answer in French.")
    changed = store.get_conversation(conversation.id)
    assert changed is not None
    assert (changed.title, changed.pinned, changed.model) == ("Holiday plans", True, "a")
    assert (changed.system_prompt, changed.sampling) == ("Answer in French.", {"top_p": 0.9})
    store.update_settings(conversation.id, model="b", sampling={"temperature": 1.0})
    store.set_pinned(conversation.id, False)
    changed = store.get_conversation(conversation.id)
    assert changed is not None
    assert (changed.model, changed.sampling, changed.pinned) == ("b", {"temperature": 1.0}, False)
    assert changed.system_prompt == "Answer in French."


def test_list_shows_pinned_first_then_recent_activity(store: ConversationStore) -> None:
    old, middle, new = (store.create_conversation() for _ in range(3))
    assert [c.id for c in store.list_conversations()] == [new.id, middle.id, old.id]
    store.add_message(old.id, "user", "Back to this one")
    assert [c.id for c in store.list_conversations()] == [old.id, new.id, middle.id]
    store.set_pinned(middle.id, True)
    assert [c.id for c in store.list_conversations()] == [middle.id, old.id, new.id]


def test_delete_conversation_removes_its_messages_and_search_hits(
    store: ConversationStore, db: Database
) -> None:
    kept, doomed = store.create_conversation(), store.create_conversation()
    store.add_message(kept.id, "user", "The kestrel hovers over the field.")
    store.add_message(doomed.id, "user", "The kestrel nests in the church tower.")
    store.add_message(doomed.id, "assistant", "Kestrels often nest in tall buildings.")
    assert len(store.search("kestrel")) == 3
    store.delete_conversation(doomed.id)
    assert store.get_conversation(doomed.id) is None
    assert [hit.conversation_id for hit in store.search("kestrel")] == [kept.id]
    assert db.execute("SELECT count(*) FROM messages").fetchone()[0] == 1
    db.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")


def test_delete_message(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    first = store.add_message(conversation.id, "user", "Keep this")
    doomed = store.add_message(conversation.id, "assistant", "Forget this pelican")
    third = store.add_message(conversation.id, "user", "Keep this too")
    store.delete_message(doomed.id)
    assert [m.id for m in store.messages(conversation.id)] == [first.id, third.id]
    assert store.messages(conversation.id)[1].parent_id == first.id  # what followed moves up
    assert store.search("pelican") == []
    assert store.add_message(conversation.id, "assistant", "Again").position == 3


def test_long_conversation_loads_from_its_end(store: ConversationStore, db: Database) -> None:
    conversation = store.create_conversation()
    with db.transaction():
        for number in range(25):
            store.add_message(conversation.id, "user", f"message {number}")
    assert store.count_messages(conversation.id) == 25
    last = store.messages(conversation.id, limit=10)
    assert [m.position for m in last] == list(range(15, 25))
    assert [m.position for m in store.messages(conversation.id, limit=40)] == list(range(25))
    assert len(store.messages(conversation.id)) == 25


def test_reply_saved_as_it_grows_is_searchable_as_it_ends(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    reply = store.add_message(conversation.id, "assistant", "", MessageStatus.STREAMING)
    store.update_message(reply.id, "The albatross", MessageStatus.STREAMING)
    assert [hit.message_id for hit in store.search("albatross")] == [reply.id]
    store.update_message(reply.id, "The heron glides over the marsh.", MessageStatus.DONE)
    assert store.search("albatross") == []
    assert [hit.message_id for hit in store.search("heron")] == [reply.id]
    (saved,) = store.messages(conversation.id)
    assert (saved.content, saved.status) == ("The heron glides over the marsh.", MessageStatus.DONE)


def test_replies_left_streaming_by_a_crash_become_interrupted(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    store.add_message(conversation.id, "user", "Tell me a story")
    cut = store.add_message(conversation.id, "assistant", "Once upon a", MessageStatus.STREAMING)
    other = store.create_conversation()
    cut_too = store.add_message(other.id, "assistant", "Half", MessageStatus.STREAMING)
    assert store.mark_interrupted() == 2
    statuses = {m.id: m.status for c in (conversation, other) for m in store.messages(c.id)}
    assert statuses[cut.id] == statuses[cut_too.id] == MessageStatus.INTERRUPTED
    assert sorted(statuses.values()).count(MessageStatus.DONE) == 1
    assert store.mark_interrupted() == 0


def test_unknown_status_is_a_bug(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    with pytest.raises(ValueError):
        store.add_message(conversation.id, "user", "Hi", "finished")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.update_message(1, "Hi", "paused")  # type: ignore[arg-type]


def test_statuses_are_stored_as_the_words_every_vault_holds(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    for status in MessageStatus:
        store.add_message(conversation.id, "assistant", "", status)
    stored = store.db.execute("SELECT status FROM messages ORDER BY id").fetchall()
    assert stored == [("done",), ("streaming",), ("interrupted",), ("cut",), ("stopped",)]
    assert [m.status for m in store.messages(conversation.id)] == list(MessageStatus)
    assert all(type(m.status) is MessageStatus for m in store.messages(conversation.id))


def test_now_is_milliseconds() -> None:
    assert 1_700_000_000_000 < now_ms() < 10_000_000_000_000
