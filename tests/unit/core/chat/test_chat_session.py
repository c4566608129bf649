"""ChatSession: every branch operation against a real vault, without a window or a model.

The replies are written by the test (as the worker's pieces would arrive), so these run in
milliseconds."""

from __future__ import annotations

import pytest

from desktop.core.chat.session import PAGE, ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.vault.store import ConversationStore, MessageStatus

SETTINGS = ChatSettings(preset_id="general", system_prompt="Be brief.")


def reply(session: ChatSession, text: str) -> dict[int, tuple[int, int]]:
    for piece in text.split(" "):
        session.reply_text(piece + " ")
    return session.reply_finished(text)


def exchange(session: ChatSession, question: str, answer: str) -> None:
    session.send(question, "starter")
    reply(session, answer)


def spoken(session: ChatSession) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in session.messages]


def test_a_new_chat_is_saved_from_its_first_question_with_its_settings(
    store: ConversationStore,
) -> None:
    session = ChatSession(store, SETTINGS)
    assert session.conversation is None and spoken(session) == [("system", "Be brief.")]
    sent = session.send("Hello", "starter")
    conversation = session.conversation
    assert conversation is not None and conversation.model == "starter"
    assert conversation.system_prompt == "Be brief." and conversation.preset == "general"
    assert sent.message_id is not None and sent.replaces is None
    assert session.reply_id is not None
    reply(session, "Hi there")
    stored = store.messages(conversation.id)
    assert [(m.role, m.content, m.status) for m in stored] == [
        ("user", "Hello", MessageStatus.DONE),
        ("assistant", "Hi there", MessageStatus.DONE),
    ]
    assert session.ids == [None, stored[0].id, stored[1].id]
    assert session.reply_id is None


def test_an_incognito_chat_writes_nothing(store: ConversationStore) -> None:
    session = ChatSession(None, SETTINGS)
    assert session.incognito
    sent = session.send("Secret", "starter")
    assert sent.message_id is None and session.reply_id is None
    assert reply(session, "Kept in memory") == {}
    assert spoken(session)[1:] == [("user", "Secret"), ("assistant", "Kept in memory")]
    assert store.list_conversations() == []
    assert session.edit(0) is None and not session.regenerate(0)


def test_regenerate_keeps_the_old_reply_as_a_branch(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "Name a bird", "Robin")
    first = session.ids[-1]
    assert first is not None
    assert not session.regenerate(first + 100)  # only the last reply
    assert session.regenerate(first)
    assert spoken(session)[-1] == ("user", "Name a bird")
    assert session.pending_text == ""
    branches = reply(session, "Wren")
    second = session.ids[-1]
    assert second is not None and second != first
    assert branches[second] == (1, 2)
    assert store.siblings(first) == [first, second]


def test_edit_starts_a_branch_and_switching_goes_back(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "Name a bird", "Robin")
    exchange(session, "Where does it live?", "Gardens")
    question = session.ids[1]
    assert question is not None
    assert session.edit(question) == "Name a bird"
    assert session.editing is not None
    sent = session.send("Name a fish", "starter")
    assert sent.replaces == question and session.editing is None
    branches = reply(session, "Trout")
    edited = session.ids[1]
    assert edited is not None and branches[edited] == (1, 2)
    assert spoken(session)[1:] == [("user", "Name a fish"), ("assistant", "Trout")]

    page = session.switch_branch(edited, -1)
    assert page is not None and page.messages[0].id == question
    assert [m.content for m in page.messages] == [
        "Name a bird",
        "Robin",
        "Where does it live?",
        "Gardens",
    ]
    assert page.branches[question] == (0, 2)
    assert spoken(session)[1:] == [
        ("user", "Name a bird"),
        ("assistant", "Robin"),
        ("user", "Where does it live?"),
        ("assistant", "Gardens"),
    ]
    assert session.switch_branch(question, -1) is None  # no earlier alternative

    reopened = ChatSession.of(store, session.conversation)  # type: ignore[arg-type]
    assert reopened.page().messages[0].content == "Name a bird"
    assert reopened.settings.system_prompt == "Be brief."


def test_edit_refuses_replies_and_unknown_messages(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    assert session.edit(1) is None  # nothing saved yet
    exchange(session, "Hello", "Hi")
    answer = session.ids[-1]
    assert answer is not None
    assert session.edit(answer) is None and session.edit(answer + 100) is None
    assert session.last_question() == session.ids[1]


def test_a_failed_first_reply_leaves_no_trace(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    session.send("Hello", "starter")
    session.reply_text("Hi")
    assert session.conversation is not None
    assert session.reply_failed() is None  # no history to show: the chat is new again
    assert store.list_conversations() == []  # no empty conversation in the sidebar
    assert session.conversation is None
    assert spoken(session) == [("system", "Be brief.")]
    assert session.pending_text == "Hello"

    exchange(session, "Hello again", "Hi")  # sent again, it is saved as a new chat
    assert [c.id for c in store.list_conversations()] == [session.conversation.id]  # type: ignore[union-attr]


def test_a_failed_later_reply_keeps_the_conversation(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "One", "First")
    session.send("Two", "starter")
    page = session.reply_failed()
    assert page is not None and [m.content for m in page.messages] == ["One", "First"]
    assert len(store.list_conversations()) == 1


def test_a_failed_regeneration_rolls_back_to_the_old_reply(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "Name a bird", "Robin")
    first = session.ids[-1]
    assert first is not None and session.regenerate(first)
    page = session.reply_failed()
    assert page is not None
    assert [m.content for m in page.messages] == ["Name a bird", "Robin"]
    assert spoken(session)[1:] == [("user", "Name a bird"), ("assistant", "Robin")]
    assert store.siblings(first) == [first]


def test_a_failed_edit_rolls_back_to_the_old_branch(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "Name a bird", "Robin")
    question = session.ids[1]
    assert question is not None and session.edit(question) is not None
    session.send("Name a fish", "starter")
    page = session.reply_failed()
    assert page is not None
    assert [m.content for m in page.messages] == ["Name a bird", "Robin"]
    assert store.siblings(question) == [question]


def test_a_failed_incognito_reply_takes_the_question_back(store: ConversationStore) -> None:
    session = ChatSession(None, SETTINGS)
    exchange(session, "One", "First")
    session.send("Two", "starter")
    assert session.reply_failed() is None
    assert spoken(session)[1:] == [("user", "One"), ("assistant", "First")]


def test_delete_keeps_the_rest(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "One", "First")
    exchange(session, "Two", "Second")
    first_reply = session.ids[2]
    assert first_reply is not None
    page = session.delete(first_reply)
    assert [m.content for m in page.messages] == ["One", "Two", "Second"]
    assert spoken(session)[1:] == [("user", "One"), ("user", "Two"), ("assistant", "Second")]


def test_paging_reads_the_end_first_then_earlier_pages(store: ConversationStore) -> None:
    conversation = store.create_conversation(model="starter")
    for number in range(PAGE + 10):
        store.add_message(conversation.id, "user" if number % 2 == 0 else "assistant", str(number))
    session = ChatSession.of(store, conversation)
    page = session.page()
    assert len(page.messages) == PAGE and page.has_earlier
    assert page.messages[0].content == "10" and page.messages[-1].content == str(PAGE + 9)
    earlier = session.earlier()
    assert [m.content for m in earlier.messages] == [str(n) for n in range(10)]
    assert not earlier.has_earlier
    assert len(session.messages) == PAGE + 10  # no system prompt saved with it
    assert session.first_seen(0) is None
    assert session.first_seen(3) == session.ids[3]


def test_settings_and_model_are_saved_with_the_conversation(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    session.set_settings(ChatSettings(preset_id="legal", system_prompt="Cite."))
    assert spoken(session) == [("system", "Cite.")]
    exchange(session, "Draft", "Clause 1")
    session.set_model("other")
    session.set_settings(ChatSettings(preset_id="custom:1", system_prompt=""))
    assert session.messages[0]["role"] == "user"  # no system prompt any more
    conversation = session.conversation
    assert conversation is not None
    saved = store.get_conversation(conversation.id)
    assert saved is not None and saved.model == "other"
    assert saved.preset == "custom:1" and saved.system_prompt == ""


def test_a_new_chat_cannot_be_read_from_the_history(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    with pytest.raises(ValueError):
        session.page()


def test_continue_writes_on_in_place_as_one_message(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    session.send("Write a poem", "starter")
    cut = session.reply_id
    assert cut is not None
    session.reply_text("Roses are red,")
    session.reply_finished("Roses are red,", unfinished=True)  # stopped, or at its limit
    assert session.continuable() == cut

    assert session.continue_reply(cut)
    assert session.reply_id == cut  # the same message, written on
    assert spoken(session)[-1] == ("assistant", "Roses are red,")  # the model writes after it
    session.reply_text(" violets")
    session.reply_text(" are blue.")
    session.reply_finished(" violets are blue.")

    assert spoken(session)[1:] == [
        ("user", "Write a poem"),
        ("assistant", "Roses are red, violets are blue."),
    ]
    conversation = session.conversation
    assert conversation is not None
    stored = store.messages(conversation.id)
    assert [(m.id, m.content, m.status) for m in stored[1:]] == [
        (cut, "Roses are red, violets are blue.", MessageStatus.DONE)
    ]
    assert session.continuable() is None  # finished now


def test_only_the_last_unfinished_reply_can_be_continued(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "One", "First")  # finished: nothing to continue
    first = session.ids[-1]
    assert first is not None
    assert session.continuable() is None and not session.continue_reply(first)
    session.send("Two", "starter")
    session.reply_finished("Sec", unfinished=True)
    session.send("Three", "starter")
    session.reply_finished("Third")
    second = session.ids[-3]
    assert second is not None and not session.continue_reply(second)  # not the last one


def test_a_reply_cut_by_quitting_can_be_continued_after_a_restart(
    store: ConversationStore,
) -> None:
    session = ChatSession(store, SETTINGS)
    session.send("Tell a story", "starter")
    session.reply_finished("Once upon", MessageStatus.INTERRUPTED)
    conversation = session.conversation
    assert conversation is not None
    reopened = ChatSession.of(store, conversation)
    reopened.page()
    cut = reopened.ids[-1]
    assert cut is not None and reopened.continuable() == cut
    assert reopened.continue_reply(cut)
    reopened.reply_finished(" a time.")
    assert store.messages(conversation.id)[-1].content == "Once upon a time."


def test_a_stopped_reply_can_be_continued_after_a_restart(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    session.send("Tell a story", "starter")
    session.reply_finished("Once upon", MessageStatus.STOPPED, unfinished=True)  # by the user
    conversation = session.conversation
    assert conversation is not None
    assert store.messages(conversation.id)[-1].status == MessageStatus.STOPPED
    reopened = ChatSession.of(store, conversation)
    reopened.page()
    cut = reopened.ids[-1]
    assert cut is not None and reopened.continuable() == cut
    assert reopened.continue_reply(cut)
    reopened.reply_finished(" a time.")
    last = store.messages(conversation.id)[-1]
    assert (last.content, last.status) == ("Once upon a time.", MessageStatus.DONE)
    assert ChatSession.of(store, conversation).continuable() is None


def test_a_failed_continuation_leaves_the_reply_as_it_was(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    session.send("Count", "starter")
    session.reply_finished("One, two", unfinished=True)
    cut = session.ids[-1]
    assert cut is not None and session.continue_reply(cut)
    session.reply_text(", three")
    page = session.reply_failed()
    assert page is not None and [m.content for m in page.messages] == ["Count", "One, two"]
    assert page.messages[-1].status == MessageStatus.DONE
    assert spoken(session)[-1] == ("assistant", "One, two")
    assert session.continuable() == cut  # it may be tried again


def test_the_draft_is_what_the_model_would_read(store: ConversationStore) -> None:
    session = ChatSession(store, SETTINGS)
    exchange(session, "Name a bird", "Robin")
    assert session.draft("  ") == session.messages
    assert [m["content"] for m in session.draft("And a fish?")][1:] == [
        "Name a bird",
        "Robin",
        "And a fish?",
    ]
    question = session.ids[1]
    assert question is not None and session.edit(question) is not None
    assert [m["content"] for m in session.draft("Name a tree")][1:] == ["Name a tree"]
