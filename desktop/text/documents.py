"""The user's documents in words: a collection's name and why a document could not be read,
in the user's language. Shared by the Documents window, the chat and ``sotto docs``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.core.documents.failure import Failure
from desktop.core.documents.library import DEFAULT_COLLECTION
from desktop.text.messages import user_message


def collection_name(name: str) -> str:
    """The collection *name* as the user reads it: the one Sotto makes for attached files
    ("Documents") in the user's language; every other name as the user wrote it."""
    if name == DEFAULT_COLLECTION:
        return QCoreApplication.translate("DocumentLibrary", "Documents")
    return name


def failure_sentence(failure: Failure) -> str:
    """Why a document could not be read, in the user's language."""
    error = failure.error()
    if error is not None:
        return user_message(error)
    if failure.sentence:  # kept in English by an older Sotto; the next update reads it again
        return failure.sentence
    return QCoreApplication.translate(
        "DocumentLibrary",
        "Sotto could not read this file the last time. Update the collection to read it "
        "again and see why.",
    )


def unavailable_sentence(folder: Path) -> str:
    """Why the files of *folder* were kept although the last update did not find them."""
    return QCoreApplication.translate(
        "DocumentLibrary",
        "{folder} cannot be reached: its drive may not be connected, or it was moved, renamed "
        "or closed to you. Sotto keeps what it read of its files; update the collection once "
        "it is back.",
    ).format(folder=folder)
