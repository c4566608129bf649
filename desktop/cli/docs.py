"""``sotto docs``: document collections on the command line (add, list, remove, search), and
the passages ``sotto ask --docs`` puts before the question."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.cli.docs_list import list_collections
from desktop.cli.docs_search import search_collection
from desktop.cli.exit_codes import EXIT_FAILED, EXIT_USAGE
from desktop.cli.output import print_error, shown
from desktop.core.app_settings import AppSettings
from desktop.core.documents.embedding_choice import (
    chosen_embedder_path,
    embedding_models,
    passages_per_question,
)
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import IndexProgress, index_collection
from desktop.core.documents.library import DEFAULT_COLLECTION, DocumentLibrary, add_to_collection
from desktop.core.documents.retrieval import choose_passages, unread_files
from desktop.core.documents.search import Hit, Mode
from desktop.core.paths import AppPaths
from desktop.core.services import open_library
from desktop.core.throttle import Throttle
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore
from desktop.text.documents import unavailable_sentence
from desktop.text.messages import user_message

if TYPE_CHECKING:
    from desktop.core.documents.embedder import Embedder
    from desktop.core.vault.sources import Source


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``docs`` and its actions to the subcommands *commands*."""
    docs = commands.add_parser(
        "docs",
        parents=[common],
        help=QCoreApplication.translate("cli", "index your documents and search them"),
    )
    actions = docs.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help=QCoreApplication.translate(
            "cli", "add files or folders to a collection and index them (again, where changed)"
        ),
    )
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    _collection_option(add)
    listing = actions.add_parser(
        "list",
        help=QCoreApplication.translate(
            "cli", "every collection, with its counts and the files it could not read"
        ),
    )
    listing.add_argument(
        "--collection",
        metavar="NAME",
        help=QCoreApplication.translate("cli", "only this collection"),
    )
    listing.add_argument(
        "--files",
        action="store_true",
        help=QCoreApplication.translate(
            "cli", "every file with its status: read, waiting, unavailable, or failed and why"
        ),
    )
    remove = actions.add_parser(
        "remove", help=QCoreApplication.translate("cli", "remove a collection and its index")
    )
    remove.add_argument("name", metavar="NAME")
    find = actions.add_parser(
        "search", help=QCoreApplication.translate("cli", "the passages that best match a query")
    )
    find.add_argument("query")
    _collection_option(find)
    find.add_argument(
        "--k",
        type=int,
        default=8,
        metavar="N",
        help=QCoreApplication.translate("cli", "how many passages (default 8)"),
    )
    find.add_argument(
        "--json",
        action="store_true",
        help=QCoreApplication.translate("cli", "print the passages as JSON, best first"),
    )
    find.add_argument(
        "--mode",
        choices=[mode.value for mode in Mode],
        default=Mode.HYBRID.value,
        help=QCoreApplication.translate(
            "cli", "words and meaning (hybrid, the default), words alone (fts), or meaning alone"
        ),
    )


def add_ask_option(ask: argparse.ArgumentParser) -> None:
    """Add ``--docs NAME`` to ``sotto ask``."""
    ask.add_argument(
        "--docs",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli", "answer from the documents of collection NAME, and list the sources"
        ),
    )


def _collection_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--collection",
        default=DEFAULT_COLLECTION,
        metavar="NAME",
        help=QCoreApplication.translate("cli", "the collection (default: Documents)"),
    )


def run(args: argparse.Namespace, paths: AppPaths, store: ConversationStore) -> int:
    """Run the ``docs`` action in *args*; return the exit code."""
    library = DocumentLibrary.of(paths, store.db)
    if args.action == "list":
        with library.open(reads_only=True) as index:
            return list_collections(index, args.collection, args.files)
    model = _chosen_embedder(paths, store)
    if args.action == "search":
        return search_collection(args, library, model)
    with library.open() as index:
        if args.action == "add":
            return _add(index, args.collection, args.paths, model)
        index.remove_collection(args.name)
        print(QCoreApplication.translate("cli", "Removed {name}.").format(name=args.name))
        return 0


def _add(index: DocumentIndex, name: str, sources: list[Path], model: Path) -> int:
    # lexists: a link that leads nowhere, or round in a circle, is there, and reading it
    # says what it is.
    missing = [source for source in sources if not os.path.lexists(source)]
    for source in missing:
        print_error(
            QCoreApplication.translate("cli", "There is no file or folder {path}.").format(
                path=source
            )
        )
    sources = [source for source in sources if source not in missing]
    if not sources:
        return EXIT_USAGE
    embedder = _embedder(model)
    try:
        add_to_collection(index, name, sources, embedder)
        report = index_collection(index, name, embedder, on_progress=_ProgressLine())
    finally:
        embedder.close()
    print(file=sys.stderr)
    for _path, error in report.failed:
        print_error(user_message(error))
    for folder in report.unavailable:
        print_error(unavailable_sentence(folder))
    print(
        QCoreApplication.translate(
            "cli",
            "{name}: {indexed} files indexed, {unchanged} unchanged, {failed} failed, "
            "{removed} removed.",
        ).format(
            name=name,
            indexed=len(report.indexed) + report.reembedded,
            unchanged=report.unchanged,
            failed=len(report.failed),
            removed=len(report.removed),
        )
    )
    if report.failed and not report.indexed and not report.unchanged:
        return EXIT_FAILED
    return 0


class _ProgressLine:
    """Prints indexing progress on stderr, at most twice a second."""

    def __init__(self) -> None:
        self._throttle = Throttle(0.5)

    def __call__(self, progress: IndexProgress) -> None:
        last = progress.files_done == progress.files_total and progress.current is None
        if not (last or self._throttle.due()):
            return
        line = QCoreApplication.translate(
            "cli", "{done} of {total} files, {pages} pages, {passages} passages"
        ).format(
            done=progress.files_done,
            total=progress.files_total,
            pages=progress.pages,
            passages=progress.passages,
        )
        if progress.seconds_left is not None and not last:
            line += QCoreApplication.translate("cli", ", about {seconds} s left").format(
                seconds=round(progress.seconds_left)
            )
        if progress.recognised is not None:
            line += QCoreApplication.translate("cli", ", scanned page {page} of {pages}").format(
                page=progress.recognised[0], pages=progress.recognised[1]
            )
        print(f"\r{line}   ", end="", file=sys.stderr, flush=True)


def found_passages(
    paths: AppPaths,
    store: ConversationStore,
    name: str,
    question: str,
    context: int | None,
    earlier: Sequence[str] = (),
    tell_unread: bool = False,
) -> list[Hit]:
    """For ``sotto ask --docs``: the text of collection *name* given with *question* (asked
    after the *earlier* questions of its conversation) to a model of *context* tokens (None:
    on a server), chosen as the window chooses it. *tell_unread*: name on stderr the files of
    the collection not read yet, which the answer does not draw on."""
    passages = passages_per_question(AppSettings(paths.settings_path))
    model = _chosen_embedder(paths, store)
    loaded: list[Embedder] = []

    def embedder() -> Embedder:  # loaded only when the collection is searched
        loaded.append(_embedder(model))
        return loaded[-1]

    # Only read: not every page of a large index is checked first (docs search does so too).
    with DocumentLibrary.of(paths, store.db).open(reads_only=True) as index:
        try:
            hits = choose_passages(index, name, question, passages, context, embedder, earlier)
        finally:
            for opened in loaded:
                opened.close()
        unread = unread_files(index, name) if tell_unread else []
    if unread:
        print(
            QCoreApplication.translate(
                "cli", "Not read yet, so this answer does not draw on them: {files}."
            ).format(files=", ".join(shown(path.name) for path in unread)),
            file=sys.stderr,
        )
    return hits


def print_sources(sources: Sequence[Source]) -> None:
    """The passages an answer was given from, with the numbers its citations use."""
    if not sources:
        return
    print(QCoreApplication.translate("cli", "Sources:"))
    for source in sources:
        print(
            f"[{source.number}] {shown(source.file)}"
            + ("" if source.page is None else f", page {source.page}")
            + (" (scanned)" if source.scanned else "")
        )
        print(f"    {shown(_one_line(source.text))}")


def _chosen_embedder(paths: AppPaths, store: ConversationStore) -> Path:
    """The embedding model chosen in Settings → Documents (the built-in one by default)."""
    installed = embedding_models(open_library(paths, store).installed())
    return chosen_embedder_path(ModelChoices(store.db), [m.path for m in installed])


def _embedder(path: Path) -> Embedder:
    from desktop.core.documents.embedder import Embedder  # loads llama.cpp: only when needed

    return Embedder(path)


def _one_line(text: str) -> str:
    return " ".join(text.split())
