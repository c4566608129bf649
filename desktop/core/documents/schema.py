"""The document index's tables, and the migrations that bring an older index to the current
version (the same rules as the vault's: ``desktop/core/vault/schema.py``).

``passages_fts`` is an external-content FTS5 index over ``passages.text`` with the ``trigram``
tokenizer (any script, case folded), kept right by triggers: the text is stored once.
"""

from __future__ import annotations

from desktop.core.vault.schema import Migration

_COLLECTIONS_DOCUMENTS_PASSAGES: Migration = (
    """
    CREATE TABLE collections (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        embedder TEXT NOT NULL,
        dimensions INTEGER NOT NULL,
        created_at INTEGER,
        generation INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        added_at INTEGER,
        UNIQUE (collection_id, path)
    )
    """,
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT -1,
        mtime_ns INTEGER NOT NULL DEFAULT -1,
        sha256 TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        pages INTEGER NOT NULL DEFAULT 0,
        embedder TEXT NOT NULL DEFAULT '',
        indexed_at INTEGER,
        UNIQUE (collection_id, path)
    )
    """,
    """
    CREATE TABLE passages (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page INTEGER,
        char_start INTEGER NOT NULL,
        char_end INTEGER NOT NULL,
        text TEXT NOT NULL,
        vector BLOB NOT NULL
    )
    """,
    "CREATE INDEX passages_by_document ON passages (document_id, char_start)",
    """
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        text,
        content = 'passages',
        content_rowid = 'id',
        tokenize = 'trigram'
    )
    """,
    """
    CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
        INSERT INTO passages_fts (rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        INSERT INTO passages_fts (passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END
    """,
)

# Why a document failed, kept as its reason's code and values (``failure.py``) so that it is
# written in the user's language when shown; ``reason`` keeps the English sentence that an
# older Sotto stored, shown as it is until the file is read again.
_FAILURE_AS_CODE_AND_VALUES: Migration = (
    "ALTER TABLE documents ADD COLUMN failure TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE documents ADD COLUMN failure_values TEXT NOT NULL DEFAULT '{}'",
    "ALTER TABLE documents ADD COLUMN failure_details TEXT NOT NULL DEFAULT ''",
)

DOCUMENT_MIGRATIONS: list[Migration] = [
    _COLLECTIONS_DOCUMENTS_PASSAGES,
    _FAILURE_AS_CODE_AND_VALUES,
]
