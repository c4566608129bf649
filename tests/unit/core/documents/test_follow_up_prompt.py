"""A follow-up question keeps its ground: the passages of the earlier questions stay where the
model read them, numbered as they were cited; the new question's passages take the next
numbers, a passage given before is not given again, and each turn's prompt begins with the
prompt of the turn before. What a turn was given is told again from the vault alone."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop.core.chat.records import Entry
from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.documents.prompt import (
    FOLLOW_UP,
    INSTRUCTION,
    earlier_budget,
    grounded_messages,
)
from desktop.core.documents.retrieval import search_text
from desktop.core.documents.search import Hit
from desktop.core.inference.types import Message
from desktop.core.vault.store import ConversationStore

CONTRACT = Path("/matter/contract.txt")
CLAUSES = {
    1: "Clause 1. The buyer pays every invoice within thirty days of delivery.",
    2: "Clause 2. The seller delivers the goods to the warehouse in Rotterdam.",
    3: "Clause 3. Disputes are settled by the courts of Amsterdam.",
}


def hit(clause: int, text: str | None = None) -> Hit:
    """The passage of *clause* (its place in the file follows its number)."""
    body = text or CLAUSES[clause]
    start = clause * 1000
    return Hit(CONTRACT, None, start, start + len(body), body, 0.5, clause, 1)


def user(text: str) -> Entry:
    return Entry(Message(role="user", content=text))


def asked_then_answered(
    entries: Sequence[Entry], hits: Sequence[Hit], answer: str, context: int = 4096
) -> tuple[list[Message], list[Entry]]:
    """The prompt of the last question of *entries*, asked with *hits*, and the conversation
    once *answer* is kept with the sources its reply is given."""
    grounded = grounded_messages(entries, hits, context)
    reply = Entry(Message(role="assistant", content=answer), None, grounded.sources(answer))
    return grounded.messages, [*entries, reply]


def test_a_follow_up_keeps_the_earlier_passages_where_they_were_and_numbers_new_ones_after() -> (
    None
):
    system = Entry(Message(role="system", content="Be brief."))
    first, chat = asked_then_answered([system, user("When is an invoice paid?")], [hit(1)], "[1]")
    second, chat = asked_then_answered(
        [*chat, user("And where are the goods delivered?")], [hit(2), hit(1)], "Rotterdam [2]."
    )

    assert second[: len(first)] == first  # the model reads only what is new
    assert first[1]["content"].startswith(INSTRUCTION)
    assert "[1] contract.txt:\n" + CLAUSES[1] in first[1]["content"]
    assert second[2]["content"] == "[1]"  # the answer as it was written
    new = second[3]["content"]
    assert "[2] contract.txt:\n" + CLAUSES[2] in new
    assert CLAUSES[1] not in new  # found again: read above already, as [1]
    assert new.endswith("Question: And where are the goods delivered?")
    assert [(s.number, s.text) for s in chat[-1].sources] == [(1, CLAUSES[1]), (2, CLAUSES[2])]


def test_the_third_prompt_begins_with_the_second_and_a_cited_earlier_passage_is_kept() -> None:
    _, chat = asked_then_answered([user("Who pays?")], [hit(1)], "The buyer [1].")
    second, chat = asked_then_answered([*chat, user("Where to?")], [hit(2)], "See [2] and [1].")
    third, chat = asked_then_answered([*chat, user("And disputes?")], [hit(3)], "[3]")

    assert third[: len(second)] == second
    assert [s.number for s in chat[3].sources] == [1, 2]  # [1] cited: kept with the reply
    assert [s.number for s in chat[5].sources] == [3]
    assert "[3] contract.txt:\n" + CLAUSES[3] in third[-1]["content"]


def test_a_follow_up_whose_passages_were_all_given_before_is_asked_to_cite_them() -> None:
    _, chat = asked_then_answered([user("Who pays?")], [hit(1), hit(2)], "[1]")
    second, chat = asked_then_answered([*chat, user("And delivery?")], [hit(2)], "[2]")

    assert second[-1]["content"] == f"{FOLLOW_UP}\n\nQuestion: And delivery?"
    assert [s.number for s in chat[-1].sources] == [2]


def test_the_oldest_passages_beyond_the_budget_are_let_go_and_their_question_stays() -> None:
    context = 512
    long = "x" * (earlier_budget(context) // 2 + 10)
    _, chat = asked_then_answered([user("One?")], [hit(1, long)], "[1]", context)
    _, chat = asked_then_answered([*chat, user("Two?")], [hit(2, long)], "[2]", context)
    third, _ = asked_then_answered([*chat, user("Three?")], [hit(3)], "[3]", context)

    assert third[0]["content"] == "One?"  # its passage let go: two would not fit
    assert third[2]["content"].startswith(INSTRUCTION) and long in third[2]["content"]
    assert "[3] contract.txt" in third[4]["content"]


def test_a_reply_continued_is_read_after_the_passages_its_question_was_given() -> None:
    _, chat = asked_then_answered([user("Who pays?")], [hit(1)], "The buyer")
    continued = grounded_messages(chat, [], 4096)

    assert CLAUSES[1] in continued.messages[0]["content"]
    assert continued.messages[-1]["content"] == "The buyer"
    assert continued.sources("pays [1].") == ()  # its sources stay those it had


def test_a_chat_without_documents_is_read_as_it_is() -> None:
    entries = [user("Hi"), Entry(Message(role="assistant", content="Hello")), user("Bye")]
    grounded = grounded_messages(entries, [], 4096)
    assert grounded.messages == [entry.message for entry in entries]
    assert grounded.sources("[1]") == ()


def test_the_search_reads_a_follow_up_with_the_questions_before_it_the_newest_twice() -> None:
    assert search_text("Who pays?", []) == "Who pays?"
    text = search_text("And the second one?", ["Zero?", "Which clauses?", "About delivery?"])
    assert text.split("\n") == [
        "Which clauses?",
        "About delivery?",
        "And the second one?",
        "And the second one?",
    ]


def test_the_ground_of_a_saved_chat_is_told_again_from_the_vault(store: ConversationStore) -> None:
    session = ChatSession(store, ChatSettings(documents="Matter"))
    session.send("Who pays?", "model")
    first = grounded_messages(session.entries, [hit(1)], 4096)
    session.reply_finished("The buyer [1].", sources=first.sources("The buyer [1]."))
    session.send("Where to?", "model")
    second = grounded_messages(session.entries, [hit(2)], 4096)
    session.reply_finished("Rotterdam [2].", sources=second.sources("Rotterdam [2]."))
    asked = user("And disputes?")
    live = grounded_messages([*session.entries, asked], [hit(3)], 4096)

    conversation = session.conversation
    assert conversation is not None
    reopened = ChatSession.of(store, conversation)
    reopened.page()
    again = grounded_messages([*reopened.entries, asked], [hit(3)], 4096)

    assert reopened.settings.documents == "Matter"
    assert again.messages == live.messages
    assert again.messages[: len(second.messages)] == second.messages
    assert "[3] contract.txt" in again.messages[-1]["content"]
