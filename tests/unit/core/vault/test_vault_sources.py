"""A reply's sources are kept with it in the vault, and go with it."""

from __future__ import annotations

from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import ConversationStore

CLAUSE = Source(1, "/matters/acme/contract.pdf", 3, 120, 180, "7.2 Late payments carry interest.")
LETTER = Source(2, "/matters/acme/letter.docx", None, 0, 42, "Dear Sir, we refer to clause 7.")


def test_sources_are_kept_with_their_reply_and_deleted_with_it(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    question = store.add_message(conversation.id, "user", "When is interest due?")
    reply = store.add_message(conversation.id, "assistant", "Under clause 7.2 [1] and [2].")
    sources = SourceStore(store.db)

    sources.add(reply.id, [CLAUSE, LETTER])

    assert sources.of([question.id, reply.id]) == {reply.id: (CLAUSE, LETTER)}
    assert (CLAUSE.label, LETTER.label) == ("contract.pdf, p. 3", "letter.docx")
    store.delete_message(reply.id)
    assert sources.of([reply.id]) == {}


def test_a_source_read_from_a_scan_keeps_its_mark(store: ConversationStore) -> None:
    conversation = store.create_conversation()
    reply = store.add_message(conversation.id, "assistant", "Signed on 3 March [1].")
    scanned = Source(1, "/matters/acme/signed.pdf", 2, 0, 21, "Signed on 3 March 2024", True)
    sources = SourceStore(store.db)

    sources.add(reply.id, [scanned, LETTER])

    assert sources.of([reply.id]) == {reply.id: (scanned, LETTER)}
    assert scanned.label == "signed.pdf, p. 2 (scanned)"
