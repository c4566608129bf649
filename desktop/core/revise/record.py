"""A revision kept in the history like a chat: the instruction, then the changes.

The document itself is never stored: only the file's name, the instruction and each changed
paragraph (before and after, word by word), in the encrypted vault, which forget everything
removes with the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.revise.diff import Kind
from desktop.core.revise.revision import Revision
from desktop.core.vault.store import Conversation, ConversationStore

_MARKS = {Kind.SAME: "{}", Kind.DELETED: "~~{}~~", Kind.INSERTED: "**{}**"}


def record_revision(
    store: ConversationStore,
    name: str,
    instruction: str,
    revisions: Sequence[Revision],
    model: str,
) -> Conversation:
    """Save the exchange as a conversation of its own; return it."""
    conversation = store.create_conversation(model=model)
    store.add_message(conversation.id, "user", f"{instruction}\n\n`{name}`")
    store.add_message(conversation.id, "assistant", changes_markdown(revisions))
    saved = store.get_conversation(conversation.id)
    assert saved is not None
    return saved


def changes_markdown(revisions: Sequence[Revision]) -> str:
    """The revisions as Markdown: deletions struck through, insertions in bold, reasons
    quoted; "—" where there are none."""
    blocks = []
    for revision in revisions:
        text = "".join(_marked(piece.kind, piece.text) for piece in revision.pieces)
        quote = f"\n\n> {revision.reason}" if revision.reason else ""
        blocks.append(f"¶ {revision.index + 1}: {text}{quote}")
    return "\n\n".join(blocks) or "—"


def _marked(kind: Kind, text: str) -> str:
    """*text* marked as *kind*, its spaces outside the marks (Markdown ignores ``** x**``)."""
    found = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.DOTALL)
    assert found is not None
    lead, core, trail = found.groups()
    return lead + _MARKS[kind].format(core) + trail if core else text
