"""Conversations and their messages, kept in the vault: the one repository over its tables."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.core.vault.database import Database

DONE = "done"
STREAMING = "streaming"
INTERRUPTED = "interrupted"
STATUSES = frozenset({DONE, STREAMING, INTERRUPTED})

TITLE_LENGTH = 60
MATCH_START = "\x02"
MATCH_END = "\x03"

_CONVERSATION_COLUMNS = "id, title, created_at, updated_at, pinned, model, system_prompt, sampling"
_MESSAGE_COLUMNS = "id, conversation_id, position, role, content, created_at, status"
_WORD = re.compile(r"[^\W_]")

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
    """

    id: int
    title: str
    created_at: int
    updated_at: int
    pinned: bool
    model: str
    system_prompt: str
    sampling: dict[str, Any]


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
        status: "done"; "streaming" while a reply is being written; "interrupted" if the
            application stopped before the reply was finished.
    """

    id: int
    conversation_id: int
    position: int
    role: str
    content: str
    created_at: int
    status: str


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
    ) -> None:
        """Change the settings given; those left None stay as they are."""
        self.db.execute(
            "UPDATE conversations SET model = coalesce(?, model),"
            " system_prompt = coalesce(?, system_prompt), sampling = coalesce(?, sampling)"
            " WHERE id = ?",
            (model, system_prompt, None if sampling is None else _dump(sampling), conversation_id),
        )

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete the conversation, its messages and their search entries.

        The freed pages are overwritten (``secure_delete``), not merely marked free.
        """
        self.db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def add_message(
        self, conversation_id: int, role: str, content: str, status: str = DONE
    ) -> StoredMessage:
        """Append a message to the conversation, which becomes the most recently active.

        The first user message of an untitled conversation gives it its title.

        Raises:
            LookupError: there is no such conversation.
        """
        _check_status(status)
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
            cursor = self.db.execute(
                "INSERT INTO messages (conversation_id, position, role, content, created_at,"
                " status) SELECT ?, coalesce(max(position) + 1, 0), ?, ?, ?, ?"
                " FROM messages WHERE conversation_id = ?",
                (conversation_id, role, content, now, status, conversation_id),
            )
            row = self.db.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE id = ?", (cursor.lastrowid,)
            ).fetchone()
        return StoredMessage(*row)

    def update_message(self, message_id: int, content: str, status: str) -> None:
        """Replace the text and status of a message, as a reply grows and ends."""
        _check_status(status)
        self.db.execute(
            "UPDATE messages SET content = ?, status = ? WHERE id = ?",
            (content, status, message_id),
        )

    def delete_message(self, message_id: int) -> None:
        """Delete one message and its search entry."""
        self.db.execute("DELETE FROM messages WHERE id = ?", (message_id,))

    def messages(
        self,
        conversation_id: int,
        limit: int | None = None,
        before_position: int | None = None,
    ) -> list[StoredMessage]:
        """The conversation's messages, in order.

        With *limit*, only the last *limit* of them (before *before_position* if given),
        still in order: a long conversation is shown from its end, and earlier messages are
        fetched with the first position shown as *before_position*.
        """
        sql = f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?"
        params: list[int] = [conversation_id]
        if before_position is not None:
            sql += " AND position < ?"
            params.append(before_position)
        sql += " ORDER BY position DESC LIMIT ?"
        params.append(-1 if limit is None else limit)  # -1: no limit
        rows = self.db.execute(sql, params).fetchall()
        return [StoredMessage(*row) for row in reversed(rows)]

    def count_messages(self, conversation_id: int) -> int:
        """How many messages the conversation has."""
        row = self.db.execute(
            "SELECT count(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
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
    """A conversation title from a message: its first non-blank line, whitespace collapsed,
    cut to ``TITLE_LENGTH`` characters with "…"."""
    line = next((" ".join(line.split()) for line in content.splitlines() if line.strip()), "")
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


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown message status {status!r}")


def _dump(sampling: dict[str, Any]) -> str:
    return json.dumps(sampling, sort_keys=True)


def _conversation(row: Any) -> Conversation:
    conversation_id, title, created_at, updated_at, pinned, model, system_prompt, sampling = row
    return Conversation(
        id=conversation_id,
        title=title,
        created_at=created_at,
        updated_at=updated_at,
        pinned=bool(pinned),
        model=model,
        system_prompt=system_prompt,
        sampling=json.loads(sampling),
    )
