"""Conversations and their messages, kept in the vault: the one repository over its tables."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop.core.vault.database import Database


class MessageStatus(StrEnum):
    """Whether a message's text is whole; the values are what the vault stores."""

    DONE = "done"
    STREAMING = "streaming"
    """A reply still being written."""
    INTERRUPTED = "interrupted"
    """A reply the application stopped writing (it quit or crashed) before it was finished."""
    CUT_OFF = "cut"
    """A reply whose stream from a model server broke off before it was finished: what
    arrived is kept."""
    STOPPED = "stopped"
    """A reply stopped before its model finished it (by the user, or at its length limit):
    it can be continued."""


TITLE_LENGTH = 60
MATCH_START = "\x02"
MATCH_END = "\x03"

_CONVERSATION_COLUMNS = (
    "id, title, created_at, updated_at, pinned, model, system_prompt, sampling, preset"
)
_MESSAGE_COLUMNS = "id, conversation_id, position, role, content, created_at, status, parent_id"
LATEST = object()
"""``add_message``'s default place: after the end of the branch shown."""

# The branch shown: from the conversation's leaf up through the parents, nearest first.
# The LIMIT inside stops the walk early, so the end of a long conversation costs no more
# than its last page.
_PATH = """
    WITH RECURSIVE path(id, depth) AS (
        SELECT leaf_id, 0 FROM conversations WHERE id = :conversation AND leaf_id IS NOT NULL
        UNION ALL
        SELECT m.parent_id, path.depth + 1 FROM messages AS m JOIN path ON m.id = path.id
        WHERE m.parent_id IS NOT NULL
        LIMIT :limit
    )
"""
_WORD = re.compile(r"[^\W_]")
_FENCE = re.compile(r"\s*(`{3,}|~{3,})[\w-]*\s*$")
"""A line that only opens or closes a fenced block of Markdown."""

# Ranking every match is the cost of a search; a snippet costs more than a score, so
# snippets are made in a second pass over the matches, for the best ones only ("+ 0" keeps
# FTS5 from answering the IN with one lookup per id, which is slower than the pass).
_SEARCH = """
    WITH best AS MATERIALIZED (
        SELECT rowid AS id, bm25(messages_fts) AS score FROM messages_fts
        WHERE messages_fts MATCH :query ORDER BY score, rowid DESC LIMIT :limit
    ), snippets AS MATERIALIZED (
        SELECT rowid AS id, snippet(messages_fts, 0, char(2), char(3), '…', 16) AS snippet
        FROM messages_fts
        WHERE messages_fts MATCH :query AND rowid + 0 IN (SELECT id FROM best)
    )
    SELECT m.conversation_id, m.id, c.title, snippets.snippet
    FROM best
    JOIN snippets ON snippets.id = best.id
    JOIN messages AS m ON m.id = best.id
    JOIN conversations AS c ON c.id = m.conversation_id
    ORDER BY best.score, best.id DESC
"""


def now_ms() -> int:
    """The time now, in milliseconds since the epoch: every time the vault stores."""
    return time.time_ns() // 1_000_000


@dataclass(frozen=True)
class Conversation:
    """One conversation and its settings.

    Attributes:
        id: its key.
        title: what the list shows; the first line of the first user message until renamed.
        created_at: when it was started (ms since the epoch).
        updated_at: its last activity, a message added (ms since the epoch).
        pinned: whether the list shows it above the others.
        model: the model chosen for it ("" for the default).
        system_prompt: its system prompt.
        sampling: its sampling settings (temperature and the like), as saved.
        preset: the id of the preset its system prompt came from ("" for none).
    """

    id: int
    title: str
    created_at: int
    updated_at: int
    pinned: bool
    model: str
    system_prompt: str
    sampling: dict[str, Any]
    preset: str = ""


@dataclass(frozen=True)
class StoredMessage:
    """One message of a conversation.

    Attributes:
        id: its key.
        conversation_id: the conversation it belongs to.
        position: its place in the conversation (ascending; gaps where messages were deleted).
        role: "system", "user" or "assistant".
        content: its text.
        created_at: when it was added (ms since the epoch).
        status: done; streaming while a reply is being written; interrupted if the
            application stopped before the reply was finished; cut off if a model server's
            stream broke off first.
        parent_id: the message it follows (None for a conversation's first). Messages form
            a tree: an edited question or a regenerated reply is a sibling of the one it
            replaces, and the conversation shows one path through it (its branch).
    """

    id: int
    conversation_id: int
    position: int
    role: str
    content: str
    created_at: int
    status: MessageStatus
    parent_id: int | None = None


@dataclass(frozen=True)
class SearchHit:
    """A message that matches a search.

    Attributes:
        conversation_id: the conversation it is in.
        message_id: the message.
        title: the conversation's title.
        snippet: the text around the match, each matched word between ``MATCH_START``
            ("\\x02") and ``MATCH_END`` ("\\x03"); "…" where text was left out.
    """

    conversation_id: int
    message_id: int
    title: str
    snippet: str


class ConversationStore:
    """Reads and writes conversations and messages in an open vault.

    Use it on the thread that opened the database.

    Attributes:
        db: the open vault.
        clock: where times come from (``now_ms``; tests pass a counter).
    """

    def __init__(self, db: Database, clock: Callable[[], int] = now_ms) -> None:
        self.db = db
        self.clock = clock

    def create_conversation(
        self, model: str = "", system_prompt: str = "", sampling: dict[str, Any] | None = None
    ) -> Conversation:
        """Start an empty conversation, untitled until its first user message."""
        now = self.clock()
        cursor = self.db.execute(
            "INSERT INTO conversations (title, created_at, updated_at, model, system_prompt,"
            " sampling) VALUES ('', ?, ?, ?, ?, ?)",
            (now, now, model, system_prompt, _dump(sampling or {})),
        )
        assert cursor.lastrowid is not None
        conversation = self.get_conversation(cursor.lastrowid)
        assert conversation is not None
        return conversation

    def list_conversations(self) -> list[Conversation]:
        """Every conversation: pinned ones first, then the most recently active first."""
        rows = self.db.execute(
            f"SELECT {_CONVERSATION_COLUMNS} FROM conversations"
            " ORDER BY pinned DESC, updated_at DESC, id DESC"
        )
        return [_conversation(row) for row in rows]

    def get_conversation(self, conversation_id: int) -> Conversation | None:
        """The conversation with this id, or None if there is none."""
        row = self.db.execute(
            f"SELECT {_CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return None if row is None else _conversation(row)

    def rename(self, conversation_id: int, title: str) -> None:
        """Give the conversation a title of the user's choosing."""
        self.db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """Pin the conversation to the top of the list, or unpin it."""
        self.db.execute(
            "UPDATE conversations SET pinned = ? WHERE id = ?", (int(pinned), conversation_id)
        )

    def update_settings(
        self,
        conversation_id: int,
        *,
        model: str | None = None,
        system_prompt: str | None = None,
        sampling: dict[str, Any] | None = None,
        preset: str | None = None,
    ) -> None:
        """Change the settings given; those left None stay as they are."""
        self.db.execute(
            "UPDATE conversations SET model = coalesce(?, model),"
            " system_prompt = coalesce(?, system_prompt), sampling = coalesce(?, sampling),"
            " preset = coalesce(?, preset) WHERE id = ?",
            (
                model,
                system_prompt,
                None if sampling is None else _dump(sampling),
                preset,
                conversation_id,
            ),
        )

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete the conversation, its messages and their search entries.

        The freed pages are overwritten (``secure_delete``), not merely marked free.
        """
        self.db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def add_message(
        self,
        conversation_id: int,
        role: str,
        content: str,
        status: MessageStatus = MessageStatus.DONE,
        after: int | object | None = LATEST,
    ) -> StoredMessage:
        """Add a message after the message *after* (by default the end of the branch shown,
        ``None`` for a new first message); it
        becomes the end of the branch shown, and the conversation the most recently active.

        A message added after an earlier one (an edited question, a regenerated reply)
        starts a new branch beside the old one, which is kept. The first user message of an
        untitled conversation gives it its title.

        Raises:
            LookupError: there is no such conversation.
        """
        status = _checked(status)
        now = self.clock()
        with self.db.transaction():
            title = title_from(content) if role == "user" else ""
            updated = self.db.execute(
                "UPDATE conversations SET updated_at = ?,"
                " title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ?",
                (now, title, conversation_id),
            )
            if updated.rowcount != 1:
                raise LookupError(f"no conversation {conversation_id}")
            parent_id = self.leaf(conversation_id) if after is LATEST else after
            cursor = self.db.execute(
                "INSERT INTO messages (conversation_id, position, role, content, created_at,"
                " status, parent_id) SELECT ?, coalesce(max(position) + 1, 0), ?, ?, ?, ?, ?"
                " FROM messages WHERE conversation_id = ?",
                (conversation_id, role, content, now, status, parent_id, conversation_id),
            )
            self._set_leaf(conversation_id, cursor.lastrowid)
            row = self.db.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return _message(row)

    def message(self, message_id: int) -> StoredMessage | None:
        """The message with this id, or None."""
        row = self.db.execute(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        return None if row is None else _message(row)

    def siblings(self, message_id: int) -> list[int]:
        """The ids of *message_id* and the messages that are alternatives to it (the same
        parent), oldest first."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT s.id FROM messages AS m JOIN messages AS s"
                " ON s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id"
                " WHERE m.id = ? ORDER BY s.id",
                (message_id,),
            )
        ]

    def branch_points(self, conversation_id: int) -> dict[int | None, list[int]]:
        """For each message of the conversation that has alternatives: the ids of its
        parent's children, oldest first, keyed by the parent (None for the first message)."""
        rows = self.db.execute(
            "SELECT parent_id, group_concat(id) FROM (SELECT parent_id, id FROM messages"
            " WHERE conversation_id = ? ORDER BY id) GROUP BY parent_id HAVING count(*) > 1",
            (conversation_id,),
        )
        return {parent: [int(i) for i in ids.split(",")] for parent, ids in rows}

    def show_branch(self, message_id: int) -> None:
        """Make the conversation show the branch through *message_id*: down from it, the
        newest reply at every step."""
        row = self.db.execute(
            """
            WITH RECURSIVE down(id, depth) AS (
                SELECT ?, 0
                UNION ALL
                SELECT
                    (SELECT max(child.id) FROM messages AS child WHERE child.parent_id = down.id),
                    down.depth + 1
                FROM down WHERE EXISTS (SELECT 1 FROM messages WHERE parent_id = down.id)
            )
            SELECT m.conversation_id, (SELECT id FROM down ORDER BY depth DESC LIMIT 1)
            FROM messages AS m WHERE m.id = ?
            """,
            (message_id, message_id),
        ).fetchone()
        if row is not None:
            self._set_leaf(row[0], row[1])

    def leaf(self, conversation_id: int) -> int | None:
        """The last message of the branch the conversation shows (None while it is empty)."""
        row = self.db.execute(
            "SELECT leaf_id FROM conversations WHERE id = ?", (conversation_id,)
        ).fetchone()
        return None if row is None else row[0]

    def _set_leaf(self, conversation_id: int, message_id: int | None) -> None:
        self.db.execute(
            "UPDATE conversations SET leaf_id = ? WHERE id = ?", (message_id, conversation_id)
        )

    def update_message(self, message_id: int, content: str, status: MessageStatus) -> None:
        """Replace the text and status of a message, as a reply grows and ends."""
        status = _checked(status)
        self.db.execute(
            "UPDATE messages SET content = ?, status = ? WHERE id = ?",
            (content, status, message_id),
        )

    def delete_message(self, message_id: int) -> None:
        """Delete one message and its search entry; what followed it now follows its parent.

        If it ended the branch shown, its parent does now.
        """
        row = self.db.execute(
            "SELECT m.conversation_id, m.parent_id, c.leaf_id FROM messages AS m"
            " JOIN conversations AS c ON c.id = m.conversation_id WHERE m.id = ?",
            (message_id,),
        ).fetchone()
        if row is None:
            return
        conversation_id, parent_id, leaf_id = row
        with self.db.transaction():
            self.db.execute(
                "UPDATE messages SET parent_id = ? WHERE parent_id = ?", (parent_id, message_id)
            )
            self.db.execute("DELETE FROM messages WHERE id = ?", (message_id,))
            if leaf_id == message_id:
                self._set_leaf(conversation_id, parent_id)

    def messages(self, conversation_id: int, limit: int | None = None) -> list[StoredMessage]:
        """The messages of the branch the conversation shows, in order.

        With *limit*, only the last *limit* of them, still in order: a long conversation is
        shown from its end.
        """
        columns = ", ".join(f"m.{column}" for column in _MESSAGE_COLUMNS.split(", "))
        rows = self.db.execute(
            f"{_PATH} SELECT {columns} FROM path JOIN messages AS m ON m.id = path.id"
            " ORDER BY path.depth",
            {"conversation": conversation_id, "limit": -1 if limit is None else limit},
        ).fetchall()
        return [_message(row) for row in reversed(rows)]

    def count_messages(self, conversation_id: int) -> int:
        """How many messages the branch the conversation shows has."""
        row = self.db.execute(
            f"{_PATH} SELECT count(*) FROM path", {"conversation": conversation_id, "limit": -1}
        ).fetchone()
        return int(row[0])

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Messages holding every word of *text*, the best matches first.

        *text* is what the user typed: plain words, never query syntax. Each word matches
        as a prefix ("light" finds "lighthouse") after case and accents are folded; quotes,
        operators and punctuation only separate words.

        Words are what SQLite's ``unicode61`` tokenizer makes of the text: runs of letters
        and digits. Scripts written without spaces (Chinese, Japanese) therefore index a
        whole run between punctuation as one word, and a search finds such text only from
        the start of a run: "東京" finds "東京タワーに行きました。", "タワー" does not.
        """
        query = match_expression(text)
        if not query:
            return []
        rows = self.db.execute(_SEARCH, {"query": query, "limit": limit})
        return [SearchHit(*row) for row in rows]

    def mark_interrupted(self) -> int:
        """Mark every reply left "streaming" (by a crash) as "interrupted"; how many were.

        Call it once after opening the vault, before any reply is generated.
        """
        # Literal values, so that the partial index messages_streaming answers it.
        cursor = self.db.execute(
            "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'"
        )
        return cursor.rowcount


def title_from(content: str) -> str:
    """A conversation title from a message: its first line with words (a fence such as
    "```pasted" has none: a question that is only a long paste is named by the paste's
    first line), whitespace collapsed, cut to ``TITLE_LENGTH`` characters with "…"."""
    lines = (line for line in content.splitlines() if line.strip() and not _FENCE.match(line))
    line = next((" ".join(line.split()) for line in lines), "")
    if len(line) <= TITLE_LENGTH:
        return line
    return line[: TITLE_LENGTH - 1].rstrip() + "…"


def match_expression(text: str) -> str:
    """An FTS5 query for the words of *text*: each a quoted prefix phrase, all required.

    Quoting makes every character plain text; the tokenizer then splits it as it split the
    messages. Pieces with no letter or digit are left out; "" means nothing to search for.
    A NUL would end the query early inside FTS5, so it separates words like a space.
    """
    pieces = (piece for piece in text.replace("\0", " ").split() if _WORD.search(piece))
    return " ".join('"' + piece.replace('"', '""') + '"*' for piece in pieces)


def _checked(status: MessageStatus) -> MessageStatus:
    """*status*, refused with ValueError if it is not one: the window's code is not
    type-checked, and the vault must never hold a status no version of Sotto knows."""
    return MessageStatus(status)


def _message(row: Any) -> StoredMessage:
    message_id, conversation_id, position, role, content, created_at, status, parent_id = row
    return StoredMessage(
        message_id,
        conversation_id,
        position,
        role,
        content,
        created_at,
        MessageStatus(status),
        parent_id,
    )


def _dump(sampling: dict[str, Any]) -> str:
    return json.dumps(sampling, sort_keys=True)


def _conversation(row: Any) -> Conversation:
    (
        conversation_id,
        title,
        created_at,
        updated_at,
        pinned,
        model,
        system_prompt,
        sampling,
        preset,
    ) = row
    return Conversation(
        id=conversation_id,
        title=title,
        created_at=created_at,
        updated_at=updated_at,
        pinned=bool(pinned),
        model=model,
        system_prompt=system_prompt,
        sampling=json.loads(sampling),
        preset=preset,
    )
