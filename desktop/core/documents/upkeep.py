"""Work a migration of the document index leaves to Python, done when the index is opened:
``schema.py``'s migrations are SQL, and the word index and the vector blocks of the passages
stored before them are made here (``fulltext.indexed_text``, ``vectors.quantize``)."""

from __future__ import annotations

from desktop.core.documents.fulltext import index_words
from desktop.core.documents.vectors import write_block
from desktop.core.vault.database import Database

PASSAGES = "passages"
"""The task of filling ``passages_fts`` and ``vector_blocks`` from the stored passages."""


def do_upkeep(db: Database) -> None:
    """Do the work the migrations left (in ``upkeep``), in one transaction: an index opened
    by two threads at once does it once."""
    if db.execute("SELECT 1 FROM upkeep WHERE task = ?", (PASSAGES,)).fetchone() is None:
        return
    import numpy as np

    with db.transaction():
        if db.execute("SELECT 1 FROM upkeep WHERE task = ?", (PASSAGES,)).fetchone() is None:
            return
        db.execute("INSERT INTO passages_fts (passages_fts) VALUES ('delete-all')")
        documents = db.execute(
            """
            SELECT d.id, d.collection_id, d.path, d.embedder, c.generation, c.dimensions
            FROM documents d JOIN collections c ON c.id = d.collection_id
            WHERE EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)
            """
        ).fetchall()
        for document_id, collection_id, path, embedder, generation, dimensions in documents:
            rows = db.execute(
                "SELECT id, text, vector FROM passages WHERE document_id = ? ORDER BY id",
                (document_id,),
            ).fetchall()
            index_words(db, path, [(row[0], row[1]) for row in rows])
            vectors = np.frombuffer(b"".join(row[2] for row in rows), dtype=np.float32)
            width = len(rows[0][2]) // 4 or dimensions
            ids = np.array([row[0] for row in rows], dtype=np.int64)
            write_block(
                db,
                document_id,
                collection_id,
                embedder,
                generation,
                ids,
                vectors.reshape(len(rows), width),
            )
        db.execute("DELETE FROM upkeep WHERE task = ?", (PASSAGES,))
