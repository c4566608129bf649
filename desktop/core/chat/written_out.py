"""A conversation as it is written out, by the exports, the printout and ``sotto history
show``: its messages with the sources of each reply, each source numbered as the reply cites
it, with the file's whole path, its page, whether it was read from a scan, and the passage.

Apart from ``export.py``, which loads python-docx: the window builds these before it knows
whether the user exports at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.vault.sources import Source

Translate = Callable[[str, str], str]
"""Turns a marked sentence into the user's language: ``QCoreApplication.translate``."""


class Turn(NamedTuple):
    """A message as written out.

    Attributes:
        role: "system", "user" or "assistant".
        text: what it says, Markdown.
        sources: the passages of the user's documents a reply cites [1], [2], in their order.
    """

    role: str
    text: str
    sources: tuple[Source, ...] = ()


_CONTEXT = "Sources"
SOURCES = QT_TRANSLATE_NOOP("Sources", "Sources")
PAGE = QT_TRANSLATE_NOOP("Sources", "page {page}")
SCANNED = QT_TRANSLATE_NOOP("Sources", "read from a scan: words may be misread")


def source_heading(source: Source, translate: Translate = QT_TRANSLATE_NOOP) -> str:
    """The source's number, file, page, and whether its page was a scan:
    ``[1] /path/to/file.pdf, page 3``."""
    heading = f"[{source.number}] {source.file}"
    if source.page is not None:
        heading += ", " + translate(_CONTEXT, PAGE).format(page=source.page)
    if source.scanned:
        heading += f" ({translate(_CONTEXT, SCANNED)})"
    return heading


def sources_title(translate: Translate = QT_TRANSLATE_NOOP) -> str:
    """The title above a reply's sources."""
    return translate(_CONTEXT, SOURCES)


def one_line(text: str) -> str:
    """*text* with each run of white space, line ends included, made one space."""
    return " ".join(text.split())
