"""``sotto docs list``: the collections with their counts, where each unreadable file says why
and each folder out of reach says so; with ``--files``, every file with its status."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.output import shown
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.records import FAILED, INDEXED, Collection, DocumentRecord
from desktop.text.documents import collection_name, failure_sentence, unavailable_sentence


def list_collections(index: DocumentIndex, name: str | None, files: bool) -> int:
    """Print the collection *name* (None: every one) of *index*: a line of counts, then a
    line for each folder out of reach, then one for each file that could not be read, with
    why, or (*files*) one for every file, as "path, status, why".

    Raises:
        NoSuchCollectionError: there is no collection *name*.
    """
    collections = index.collections() if name is None else [index.collection(name)]
    for collection in collections:
        print(f"{shown(collection_name(collection.name))}\t{_counts(collection)}")
        unavailable = index.unavailable(collection.id)
        for folder in unavailable:  # its files kept, not taken for deleted
            print(f"\t{shown(str(folder))}\t{shown(unavailable_sentence(folder))}")
        for document in index.documents(collection.id):
            if files:
                print(f"\t{shown(str(document.path))}\t{_status(document, unavailable)}")
            elif document.failure is not None:
                print(f"\t{shown(str(document.path))}\t{shown(failure_sentence(document.failure))}")
    return 0


def _counts(collection: Collection) -> str:
    line = QCoreApplication.translate("cli", "{files} files\t{passages} passages").format(
        files=collection.files, passages=collection.passages
    )
    if collection.failed:
        line += "\t" + QCoreApplication.translate("cli", "{failed} unreadable").format(
            failed=collection.failed
        )
    if collection.pending:
        line += "\t" + QCoreApplication.translate("cli", "{pending} waiting").format(
            pending=collection.pending
        )
    return line


def _status(document: DocumentRecord, unavailable: Sequence[Path]) -> str:
    """The file's status: read, waiting, unavailable (in a folder out of reach: what was
    read of it is kept), or failed and why."""
    if any(folder == document.path or folder in document.path.parents for folder in unavailable):
        return QCoreApplication.translate("cli", "unavailable")
    if document.status == FAILED:
        failed = QCoreApplication.translate("cli", "failed")
        if document.failure is None:
            return failed
        return f"{failed}\t{shown(failure_sentence(document.failure))}"
    if document.status == INDEXED:
        return QCoreApplication.translate("cli", "read")
    return QCoreApplication.translate("cli", "waiting")
