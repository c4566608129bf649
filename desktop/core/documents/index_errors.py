"""Why the document index, or a collection in it, cannot be used: sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class DocumentIndexLockedError(UserError):
    """The index exists but the key kept in the vault does not open it (the vault was
    started afresh): it is never overwritten on its own."""

    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentIndexLockedError",
                "Sotto cannot open the index of your documents ({path}) with the key of your "
                "saved conversations. Your documents themselves are untouched: remove the "
                "index in Documents and add them again to search them.",
            ),
            path=path,
        )


class DocumentIndexDamagedError(UserError):
    """The index file is damaged; it can be rebuilt from the documents."""

    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentIndexDamagedError",
                "The index of your documents ({path}) is damaged. Your documents themselves "
                "are untouched: remove the index in Documents and add them again.",
            ),
            path=path,
        )


class CollectionExistsError(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "CollectionExistsError",
                "There is already a collection called {name}. Choose another name.",
            ),
            name=name,
        )


class NoSuchCollectionError(UserError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "NoSuchCollectionError",
                "There is no collection of documents called {name}.",
            ),
            name=name,
        )


class EmbedderChangedError(UserError):
    """The collection was indexed with another embedding model: its vectors must be made
    again (``set_embedder``, then indexing), never silently dropped."""

    def __init__(self, name: str, indexed_with: str, given: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "EmbedderChangedError",
                "The collection {name} was indexed with {indexed_with}, not {given}. Index it "
                "again with {given} to search it that way.",
            ),
            name=name,
            indexed_with=indexed_with,
            given=given,
        )


class DocumentIndexMissingError(UserError):
    """The vault keeps the index's key, so the index was made, but its file is gone or
    empty: a copy, sync or restore went wrong. Sotto will not make a new, empty index in
    its place, which would look as if every collection had been removed (as the vault
    refuses: ``VaultMissingError``).

    Attributes:
        params: ``path``, the index's file.
    """

    def __init__(self, path: str, empty: bool) -> None:
        if empty:
            template = QT_TRANSLATE_NOOP(
                "DocumentIndexMissingError",
                "The index of your documents, {path}, is empty, although its key is still "
                "kept: a copy, sync or restore may have stopped before it was done. Sotto will "
                "not start a new, empty index in its place: put back a whole copy, or remove "
                "the index in Documents and add your documents again (they are untouched).",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "DocumentIndexMissingError",
                "The index of your documents, {path}, is missing, although its key is still "
                "kept. It may have been moved, deleted or not yet restored. Sotto will not "
                "start a new, empty index in its place: put the file back, or remove the index "
                "in Documents and add your documents again (they are untouched).",
            )
        super().__init__(template, path=path)
