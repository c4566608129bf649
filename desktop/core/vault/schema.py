"""The vault's tables, and the migrations that bring an older vault to the current version.

The version lives in SQLite's ``user_version``. ``MIGRATIONS[i]`` takes a vault from version
``i`` to ``i + 1``; each runs in a transaction of its own, so a vault is always at one
version, never between two. A migration is never edited once released: a change is a new one.

Full-text search uses FTS5 with the ``unicode61`` tokenizer over ``messages.content`` as an
external-content index, kept right by triggers (the text itself is stored once).
"""

from __future__ import annotations

Migration = tuple[str, ...]
"""The statements of one migration, run in order."""

_CONVERSATIONS_AND_MESSAGES: Migration = (
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        created_at INTEGER,
        updated_at INTEGER
    )
    """,
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        content TEXT NOT NULL,
        created_at INTEGER,
        UNIQUE (conversation_id, position)
    )
    """,
    """
    CREATE VIRTUAL TABLE messages_fts USING fts5(
        content,
        content = 'messages',
        content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content);
    END
    """,
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content)
            VALUES ('delete', old.id, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
    END
    """,
)

_SETTINGS_PINS_AND_STATUS: Migration = (
    "ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE conversations ADD COLUMN model TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE conversations ADD COLUMN system_prompt TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE conversations ADD COLUMN sampling TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE messages ADD COLUMN status TEXT NOT NULL DEFAULT 'done'",
    "CREATE INDEX conversations_by_activity ON conversations (pinned DESC, updated_at DESC)",
    # Replies cut off by a crash are found at start without reading every message.
    "CREATE INDEX messages_streaming ON messages (id) WHERE status = 'streaming'",
)

# The models the user added and the downloads not finished yet: which models a person chose
# (and where their own files are) says something about them, so it is kept here.
_MODEL_LIBRARY: Migration = (
    """
    CREATE TABLE models (
        path TEXT PRIMARY KEY,
        parts TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        in_place INTEGER NOT NULL DEFAULT 0,
        added_at INTEGER
    )
    """,
    """
    CREATE TABLE downloads (
        repo TEXT NOT NULL,
        name TEXT NOT NULL,
        parts TEXT NOT NULL,
        started_at INTEGER,
        PRIMARY KEY (repo, name)
    )
    """,
)

# Messages form a tree: an edited question or a regenerated reply is a sibling of the one it
# replaces, so the old branch stays. A conversation shows the path from its first message to
# its leaf. The conversation's preset is the one its system prompt came from. Custom presets
# and preferences are the user's own too.
_BRANCHES_AND_PRESETS: Migration = (
    "ALTER TABLE messages ADD COLUMN parent_id INTEGER REFERENCES messages(id)",
    """
    UPDATE messages SET parent_id = (
        SELECT earlier.id FROM messages AS earlier
        WHERE earlier.conversation_id = messages.conversation_id
          AND earlier.position < messages.position
        ORDER BY earlier.position DESC LIMIT 1
    )
    """,
    "CREATE INDEX messages_by_parent ON messages (conversation_id, parent_id)",
    "ALTER TABLE conversations ADD COLUMN leaf_id INTEGER",
    """
    UPDATE conversations SET leaf_id = (
        SELECT id FROM messages WHERE conversation_id = conversations.id
        ORDER BY position DESC LIMIT 1
    )
    """,
    "ALTER TABLE conversations ADD COLUMN preset TEXT NOT NULL DEFAULT ''",
    """
    CREATE TABLE presets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        system_prompt TEXT NOT NULL,
        created_at INTEGER
    )
    """,
    # The user's preferences (how Enter behaves, and the like): small, but theirs.
    "CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
)

# The model servers the user added, with the models each listed when last checked: no
# secret, but which servers a person uses is theirs. Their API keys are in the OS keyring
# beside the vault's key; only a vault locked with a passphrase, where there is no secure
# keyring, keeps them here, in server_keys.
_MODEL_SERVERS: Migration = (
    """
    CREATE TABLE servers (
        name TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        ca_certificate TEXT NOT NULL DEFAULT '',
        plain_http INTEGER NOT NULL DEFAULT 0,
        models TEXT NOT NULL DEFAULT '[]',
        added_at INTEGER
    )
    """,
    "CREATE TABLE server_keys (name TEXT PRIMARY KEY, key TEXT NOT NULL)",
)

# The passages from the user's documents a reply was given, kept with it for its
# citations: text from the user's files, encrypted like the messages.
_REPLY_SOURCES: Migration = (
    """
    CREATE TABLE sources (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        file TEXT NOT NULL,
        page INTEGER,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (message_id, number)
    )
    """,
)

# Whether a source was read by text recognition (a scanned page): its citation says so.
_SCANNED_SOURCES: Migration = ("ALTER TABLE sources ADD COLUMN scanned INTEGER NOT NULL DEFAULT 0",)

# A reply the user stopped is kept with the status 'stopped', so that it can still be
# continued after a restart. No table changes; the new version makes a Sotto that does not
# know the word refuse the vault as too new, rather than fail on the message.
_STOPPED_REPLIES: Migration = ()

MIGRATIONS: list[Migration] = [
    _CONVERSATIONS_AND_MESSAGES,
    _SETTINGS_PINS_AND_STATUS,
    _MODEL_LIBRARY,
    _BRANCHES_AND_PRESETS,
    _MODEL_SERVERS,
    _REPLY_SOURCES,
    _SCANNED_SOURCES,
    _STOPPED_REPLIES,
]
CURRENT_VERSION = len(MIGRATIONS)
