"""The slow parts of a revision, run by the ``TaskRunner``: reading the document, asking the
model, writing the copy. None touches a widget or the vault."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.core.library.digest import CancelledError
from desktop.core.revise.asking import Progress, chosen, revise
from desktop.core.revise.errors import NothingToReviseError
from desktop.core.revise.revision import Revision
from desktop.core.revise.source import Source, read_source
from desktop.core.revise.tracked import save_tracked

Report = Callable[[Any], None]


@dataclass(frozen=True)
class Revised:
    """A revision's outcome: the paragraphs changed, of those asked, and whether it was
    stopped before the end."""

    revisions: list[Revision]
    asked: int
    stopped: bool


def reading(path: Path) -> Callable[[Report, Callable[[], bool]], Source]:
    """The work of reading the document at *path*."""
    return lambda _report, cancelled: read_source(path, cancelled)


def asking(
    model: Path,
    source: Source,
    instruction: str,
    headings: Collection[str] | None,
    stop: threading.Event,
) -> Callable[[Report, Callable[[], bool]], Revised]:
    """The work of asking the model at *model* to revise the paragraphs of *source* under
    *headings* (all if None), reporting a ``Progress`` after each; *stop* ends it at the next
    token, with the revisions made so far.

    The model is loaded for this revision alone, beside the chat's: its weights are mapped
    from the same file, so only the context's memory is new.
    """
    from desktop.core.inference.engine import Engine

    def work(report: Report, cancelled: Callable[[], bool]) -> Revised:
        passages = chosen(source.passages, headings)
        if not passages:
            raise NothingToReviseError(source.name)

        def progress(value: Progress) -> None:
            if cancelled():  # the window is closing: stop, and keep nothing
                stop.set()
            report(value)

        engine = Engine(self_check=None)  # the chat's model has passed the check already
        try:
            context = engine.load(model).n_ctx
            revisions = revise(engine, instruction, passages, context, stop, progress)
        finally:
            engine.unload()
        if cancelled():
            raise CancelledError
        return Revised(revisions, len(passages), stop.is_set())

    return work


def saving(
    path: Path,
    source: Source,
    original: Path,
    revisions: list[Revision],
    author: str,
    comments: bool,
) -> Callable[[Report, Callable[[], bool]], Path]:
    """The work of writing the copy with *revisions* tracked to *path*."""

    def work(_report: Report, _cancelled: Callable[[], bool]) -> Path:
        save_tracked(
            path, source, original, revisions, author, datetime.now().astimezone(), comments
        )
        return path

    return work


def progress_share(progress: Progress) -> int:
    """*progress* in thousandths, for a progress bar."""
    return 1000 * progress.done // max(progress.total, 1)
