"""Asking the model for revisions, a paragraph at a time, and keeping the exchange."""

from __future__ import annotations

import threading

from desktop.core.inference.engine import Engine
from desktop.core.revise.asking import Progress, messages_for, parsed, revise
from desktop.core.revise.record import changes_markdown, record_revision
from desktop.core.revise.revision import Revision, summary
from desktop.core.revise.source import Passage
from desktop.core.vault.store import ConversationStore

PASSAGES = [
    Passage(0, "4. Liability", ("4. Liability",), heading=True),
    Passage(1, "The colour of the goods is chosen by the customer.", ("4. Liability",), False),
]


def test_the_reply_is_read_as_the_revised_paragraph_and_its_reason() -> None:
    reply = "REVISED: The color of the goods is chosen\nby the buyer.\nREASON: American spelling."

    assert parsed(reply, "old") == (
        "The color of the goods is chosen by the buyer.",
        "American spelling.",
    )
    assert parsed("**Revised:** New text.", "old") == ("New text.", "")
    assert parsed("REASON: nothing to change", "old") == ("old", "nothing to change")
    assert parsed("", "old") == ("old", "")


def test_the_model_reads_the_instruction_the_headings_and_the_paragraph() -> None:
    messages = messages_for("use British spelling", PASSAGES[1], reference="Clause A.")

    assert messages[0]["role"] == "system"
    assert messages[0]["content"].endswith("Reference material:\nClause A.")
    assert messages[1]["content"] == (
        "Instruction: use British spelling\n\nSection: 4. Liability\nParagraph:\n"
        "The colour of the goods is chosen by the customer."
    )


def test_a_revision_stopped_before_it_starts_asks_nothing(engine: Engine) -> None:
    stop = threading.Event()
    stop.set()
    assert engine.model is not None

    assert revise(engine, "anything", PASSAGES, engine.model.n_ctx, stop) == []


def test_a_paragraph_too_long_for_the_context_is_left_as_it_is(engine: Engine) -> None:
    long = Passage(0, "word " * 2000, (), heading=False)
    progress: list[Progress] = []

    assert revise(engine, "shorten it", [long], 512, threading.Event(), progress.append) == []
    assert progress == [Progress(0, 1, 0), Progress(1, 1, 0)]


def test_the_exchange_is_kept_in_the_history_as_a_chat(store: ConversationStore) -> None:
    revisions = [Revision(3, "The fees, in total.", "The fees paid, in all.", "clearer")]

    conversation = record_revision(store, "contract.docx", "cap the fees", revisions, "Starter")

    question, answer = store.messages(conversation.id)
    assert (question.role, answer.role) == ("user", "assistant")
    assert question.content == "cap the fees\n\n`contract.docx`"
    assert answer.content == "¶ 4: The fees **paid**, in ~~total~~**all**.\n\n> clearer"
    assert changes_markdown([]) == "—"
    assert summary(revisions).inserted == 2 and summary(revisions).deleted == 1
