"""The document index's tables, and the migrations that bring an older index to the current
version (the same rules as the vault's: ``desktop/core/vault/schema.py``).

``passages_fts`` is a contentless FTS5 word index of the passages (``fulltext.py``: the
text is stored once, in ``passages``), and ``vector_blocks`` their vectors, a block of int8
codes per document (``vectors.py``); the first index versions had a trigram index instead.
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

# Whether a passage was read by text recognition (a scanned page or a picture), so that its
# sources say so: its words may be misread.
_SCANNED_PASSAGES: Migration = (
    "ALTER TABLE passages ADD COLUMN scanned INTEGER NOT NULL DEFAULT 0",
)

# The folders of a collection that could not be reached at its last update (a drive not
# connected, a folder renamed or closed to the user): their documents are kept, not taken
# for deleted, and the views say why.
_UNAVAILABLE_FOLDERS: Migration = (
    """
    CREATE TABLE unavailable_folders (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        UNIQUE (collection_id, path)
    )
    """,
)

# Word search that stays fast when a query's words are common, and vectors that load fast
# (``fulltext.py``, ``vectors.py``). The trigram index of every passage's whole text gives way
# to a word index (stemmed; Chinese and Japanese as pairs of characters) of each passage and
# its file's name, filled from Python (the text it indexes is not the stored text) and
# emptied of a passage by the trigger. Each document's vectors are kept beside its
# passages as one block of int8 codes, read in one go. ``upkeep`` names the work left to
# Python (``index.py``): to fill both from the passages stored before.
_WORDS_AND_VECTOR_BLOCKS: Migration = (
    "DROP TRIGGER passages_fts_insert",
    "DROP TRIGGER passages_fts_delete",
    "DROP TABLE passages_fts",
    """
    CREATE VIRTUAL TABLE passages_fts USING fts5(
        title,
        text,
        content = '',
        contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        DELETE FROM passages_fts WHERE rowid = old.id;
    END
    """,
    """
    CREATE TABLE vector_blocks (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        collection_id INTEGER NOT NULL,
        embedder TEXT NOT NULL,
        stamp INTEGER NOT NULL,
        passages INTEGER NOT NULL,
        ids BLOB NOT NULL,
        codes BLOB NOT NULL
    )
    """,
    # What a search reads to see which blocks changed, without the blocks' pages.
    """
    CREATE INDEX vector_blocks_by_collection
        ON vector_blocks (collection_id, embedder, stamp, passages)
    """,
    "CREATE TABLE upkeep (task TEXT PRIMARY KEY)",
    "INSERT INTO upkeep (task) VALUES ('passages')",
)

# The embedding model Sotto ships runs on onnxruntime, as int8 ONNX ("all-MiniLM-L6-v2 int8",
# ``embedder.py``), where llama.cpp ran it as GGUF ("all-MiniLM-L6-v2"): the same model, but its
# vectors differ a little. A collection embedded by the old one is given the new one, as
# ``DocumentIndex.set_embedder`` does: its documents still name the old one, so their vectors
# are never searched beside the new one's, and its next update embeds their stored passages
# again (the files are not read again).
_SHIPPED_EMBEDDER_ON_ONNXRUNTIME: Migration = (
    "UPDATE collections SET embedder = 'all-MiniLM-L6-v2 int8' WHERE embedder = 'all-MiniLM-L6-v2'",
)

# The embedding model reads each passage after its document's title (``passages.py``
# ``embedded_texts``), where it read the passage alone. The vectors made before are marked as
# another model's, as the migration above does: they are never searched beside the new ones,
# and each collection's next update embeds the stored passages again (files not read again).
_PASSAGES_EMBEDDED_WITH_TITLES: Migration = (
    "UPDATE documents SET embedder = embedder || ' (passages alone)' WHERE embedder != ''",
    "UPDATE vector_blocks SET embedder = embedder || ' (passages alone)'",
)

DOCUMENT_MIGRATIONS: list[Migration] = [
    _COLLECTIONS_DOCUMENTS_PASSAGES,
    _FAILURE_AS_CODE_AND_VALUES,
    _SCANNED_PASSAGES,
    _UNAVAILABLE_FOLDERS,
    _WORDS_AND_VECTOR_BLOCKS,
    _SHIPPED_EMBEDDER_ON_ONNXRUNTIME,
    _PASSAGES_EMBEDDED_WITH_TITLES,
]
