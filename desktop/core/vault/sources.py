"""The passages a reply was given from the user's documents, kept with it in the vault so that
its citations [1] [2] can be shown and opened again, whatever becomes of the documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.vault.database import Database


@dataclass(frozen=True)
class Source:
    """One passage a reply was given, as cited by its number.

    Attributes:
        number: its number in the reply's citations, from 1.
        file: the document's path when it was read.
        page: its page (PDF), or None.
        start, end: where the passage lies in the document's extracted text.
        text: the passage, exactly as found.
        scanned: it was read by text recognition (a scanned page or a picture), so its
            words may be misread.
    """

    number: int
    file: str
    page: int | None
    start: int
    end: int
    text: str
    scanned: bool = False

    @property
    def label(self) -> str:
        """The file's name and page, and whether it was scanned: what a citation shows."""
        name = self.file.replace("\\", "/").rsplit("/", 1)[-1]
        label = name if self.page is None else f"{name}, p. {self.page}"
        return f"{label} (scanned)" if self.scanned else label


class SourceStore:
    """The sources of replies, in the vault *db*; they go with their message."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, message_id: int, sources: Sequence[Source]) -> None:
        """Keep *sources* as those of the reply *message_id* (in place of any it had)."""
        with self.db.transaction():
            self.db.execute("DELETE FROM sources WHERE message_id = ?", (message_id,))
            for source in sources:
                self.db.execute(
                    "INSERT INTO sources (message_id, number, file, page, start, end, text,"
                    " scanned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        message_id,
                        source.number,
                        source.file,
                        source.page,
                        source.start,
                        source.end,
                        source.text,
                        source.scanned,
                    ),
                )

    def of(self, message_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        """The sources of each of *message_ids* that has some."""
        found: dict[int, list[Source]] = {}
        for start in range(0, len(message_ids), 500):  # SQLite's limit on parameters
            chunk = list(message_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT message_id, number, file, page, start, end, text, scanned FROM sources"
                f" WHERE message_id IN ({marks}) ORDER BY message_id, number",
                chunk,
            )
            for message_id, number, file, page, start, end, text, scanned in rows:
                source = Source(number, file, page, start, end, text, bool(scanned))
                found.setdefault(message_id, []).append(source)
        return {message_id: tuple(sources) for message_id, sources in found.items()}
