"""``sotto revise``: a Word document revised by a model, saved as a copy with tracked changes."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop.cli.exit_codes import EXIT_USAGE
from desktop.cli.output import print_error, print_no_such_model, shown
from desktop.cli.vault import open_store
from desktop.core.paths import AppPaths

if TYPE_CHECKING:
    from desktop.core.revise.asking import Progress


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """Add ``revise`` to *commands*."""
    revise = commands.add_parser(
        "revise",
        parents=[common],
        help=QCoreApplication.translate(
            "cli", "revise a Word document and save a copy with the changes tracked"
        ),
    )
    revise.add_argument("input", type=Path, metavar="IN.docx")
    revise.add_argument(
        "output",
        type=Path,
        metavar="OUT.docx",
        help=QCoreApplication.translate("cli", "the copy to write; the original is not changed"),
    )
    revise.add_argument(
        "--instruction",
        required=True,
        metavar="TEXT",
        help=QCoreApplication.translate(
            "cli",
            'what to change, e.g. "cap liability at the fees paid"; - reads it from standard input',
        ),
    )
    revise.add_argument(
        "--model",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli", "an installed model's name or a GGUF file's path (default: the starter model)"
        ),
    )
    revise.add_argument(
        "--under",
        action="append",
        metavar="HEADING",
        help=QCoreApplication.translate(
            "cli", "revise only the paragraphs under this heading (may be given more than once)"
        ),
    )
    revise.add_argument(
        "--author",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli",
            "whom the tracked changes are by (default: the name last given in the window, or "
            "Sotto)",
        ),
    )
    revise.add_argument(
        "--comments",
        action="store_true",
        help=QCoreApplication.translate("cli", "add a comment with its reason to each change"),
    )
    revise.add_argument(
        "--docs",
        metavar="NAME",
        help=QCoreApplication.translate(
            "cli", "give the model passages of collection NAME to draw on (your standard clauses)"
        ),
    )


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    """Revise the document of *args*, save the copy, print a summary; return the exit code."""
    from desktop.cli import docs
    from desktop.core.library.installed import find_model
    from desktop.core.revise.asking import chosen, revise
    from desktop.core.revise.errors import NothingToReviseError, SameFileError
    from desktop.core.revise.record import record_revision
    from desktop.core.revise.revision import summary
    from desktop.core.revise.source import read_source
    from desktop.core.revise.tracked import DEFAULT_AUTHOR, save_tracked
    from desktop.core.services import build_engine, open_library
    from desktop.core.vault.preferences import REVISION_AUTHOR, preference

    if args.output.exists() and args.output.resolve() == args.input.resolve():
        raise SameFileError(args.input.name)
    source = read_source(args.input)
    passages = chosen(source.passages, args.under)
    if not passages:
        raise NothingToReviseError(source.name)
    instruction = sys.stdin.read() if args.instruction == "-" else args.instruction
    store = open_store(paths)
    models = open_library(paths, store).installed()
    model = find_model(models, args.model) if args.model else (models[0] if models else None)
    if model is None or not model.path.exists():
        print_no_such_model(args.model or "", (m.name for m in models))
        return EXIT_USAGE
    engine = build_engine(paths)
    try:
        context = engine.load(model.path).n_ctx
        reference = ""
        if args.docs:
            found = docs.found_passages(paths, store, args.docs, instruction, context)
            reference = "\n\n".join(hit.text for hit in found)
        revisions = revise(
            engine, instruction, passages, context, threading.Event(), _show, reference
        )
    finally:
        engine.unload()
    print(file=sys.stderr)
    # The history first: where the copy cannot be written, the changes are still there.
    record_revision(store, source.name, instruction, revisions, model.name)
    whole = [revision for revision in revisions if not revision.cut_off]
    author = args.author or preference(store.db, REVISION_AUTHOR) or DEFAULT_AUTHOR
    save_tracked(args.output, source, args.input, whole, author, comments=args.comments)
    if len(whole) < len(revisions):
        print_error(
            QCoreApplication.translate(
                "cli",
                "{count} paragraphs were left as they were: the model's reply was cut off "
                "before its end. The history shows them.",
            ).format(count=len(revisions) - len(whole))
        )
    totals = summary(whole)
    print(
        QCoreApplication.translate(
            "cli",
            "{paragraphs} of {total} paragraphs changed: {inserted} words inserted, "
            "{deleted} deleted. Saved with tracked changes to {path}.",
        ).format(
            paragraphs=totals.paragraphs,
            total=len(passages),
            inserted=totals.inserted,
            deleted=totals.deleted,
            path=shown(str(args.output)),
        )
    )
    return 0


def _show(progress: Progress) -> None:
    """The paragraph being revised, on one line of standard error rewritten in place."""
    print(
        "\r"
        + QCoreApplication.translate("cli", "Revising paragraph {done} of {total}…").format(
            done=min(progress.done + 1, progress.total), total=progress.total
        ),
        end="",
        file=sys.stderr,
        flush=True,
    )
