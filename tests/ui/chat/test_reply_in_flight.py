"""One reply's state from its question to its end: it takes only the answer to its own
search, knows when the model stops reading, and ends saved with the right status (or taken
back, the question returned)."""

from __future__ import annotations

from pathlib import Path

from desktop.core.chat.session import ChatSession
from desktop.core.chat.settings import ChatSettings
from desktop.core.documents.search import Hit
from desktop.core.inference.types import Reply
from desktop.core.remote.server import RemoteModel
from desktop.core.vault.store import ConversationStore, MessageStatus
from desktop.ui.chat.reply_in_flight import ReplyInFlight, Stage

SETTINGS = ChatSettings(preset_id="general", system_prompt="Be brief.")
MODEL = RemoteModel("firm", "model", "127.0.0.1")  # only named here: nothing is asked of it


def asked(store: ConversationStore, question: str = "What is the rent?") -> ReplyInFlight:
    session = ChatSession(store, SETTINGS)
    session.send(question, MODEL.name)
    return ReplyInFlight(session, MODEL)


def reply(text: str = "", tokens: int = 0, cancelled: bool = False) -> Reply:
    return Reply(text, tokens, seconds=1.0, first_token_seconds=0.5, cancelled=cancelled)


def test_a_reply_takes_the_answer_to_its_own_search_only(store: ConversationStore) -> None:
    flight = asked(store)
    flight.searching(7)
    assert flight.waits_for(7) and not flight.waits_for(6)
    lease = Hit(Path("/matter/lease.txt"), None, 0, 12, "Rent: 1,250.", 0.0, 1, 1)
    messages = flight.asked([lease])
    assert "Rent: 1,250." in messages[-1]["content"]  # the model reads the passage
    assert flight.session.messages[-1]["content"] == "What is the rent?"  # the user's words
    assert [source.number for source in flight.sources] == [1]
    assert not flight.waits_for(7)  # answered: a second answer is not its own


def test_the_first_piece_after_reading_says_the_model_writes(store: ConversationStore) -> None:
    flight = asked(store)
    flight.reading()
    assert flight.add("The rent ")
    assert not flight.add("is due.")
    assert flight.stage is Stage.WRITING and flight.written == "The rent is due."


def test_a_reply_cut_by_closing_is_saved_as_interrupted(store: ConversationStore) -> None:
    flight = asked(store)
    flight.add("The rent is")
    stopped = reply("The rent is", tokens=3, cancelled=True)
    assert not flight.unwritten(stopped, closing=True)
    ending = flight.finish(stopped, closing=True)
    assert ending.saved and ending.unsaved is None and ending.line.startswith("Stopped · ")
    conversation = flight.session.conversation
    assert conversation is not None
    last = store.messages(conversation.id)[-1]
    assert (last.content, last.status) == ("The rent is", MessageStatus.INTERRUPTED)


def test_a_reply_stopped_before_a_word_is_taken_back_with_its_question(
    store: ConversationStore,
) -> None:
    flight = asked(store, "Who pays the repairs?")
    stopped = reply(cancelled=True)
    assert flight.unwritten(stopped, closing=False)
    taken = flight.take_back(None)
    assert taken.question == "Who pays the repairs?" and list(taken.errors) == []
    assert all(store.messages(c.id) == [] for c in store.list_conversations())


def test_the_first_token_counts_from_the_request_and_a_continuation_says_what_it_added(
    store: ConversationStore,
) -> None:
    flight = asked(store)
    flight.sent_at -= 5.0  # the user asked five seconds ago (a model loading, a search…)
    flight.add("The rent is")
    ending = flight.finish(reply("The rent is", tokens=3, cancelled=True), closing=False)
    first = float(ending.line.split("first token after ")[1].split(" s")[0])
    assert first >= 5.0  # not the model's own 0.5 s
    assert ending.line.startswith("Stopped · 3 tokens · ")

    session = flight.session
    reply_id = session.ids[-1]
    assert reply_id is not None and session.continue_reply(reply_id)
    more = ReplyInFlight(session, MODEL)
    more.add(" due.")
    ending = more.finish(reply(" due.", tokens=2), closing=False)
    assert ending.line.startswith("Continued: 2 more tokens · ")
    assert session.messages[-1]["content"] == "The rent is due."
