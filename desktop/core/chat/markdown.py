"""Replies in Markdown, as the rich text Qt's ``QTextDocument`` shows, and cut into blocks
while they stream.

Qt reads a subset of HTML 4 and CSS 2.1 (doc.qt.io, "Supported HTML Subset"), so the HTML
made here keeps to it: ``<pre>`` for code, colours as inline ``style``, ``<s>`` for
strikethrough (Qt reads ``<del>`` only from 6.12 on).

A reply is shown as written: a single line end is a line break, not a space (people and
models write numbered clauses and addresses one per line). Nothing in a reply can act on its
own: raw HTML is shown as text, a link as its text with the address after it in plain text,
an image as its description; the HTML has no anchors at all.

A reply is cut into segments: prose, and each top-level code block on its own, so that a
view can show a code block in a widget of its own (one that scrolls sideways, under a Copy
button). A code block inside a list or a quote stays in its prose, its long lines wrapped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markdown_it import MarkdownIt
from markdown_it.common.utils import unescapeAll
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from desktop.core.i18n import QT_TRANSLATE_NOOP

COPY_LABEL = QT_TRANSLATE_NOOP("ChatMarkdown", "Copy")
"""The label of a code block's Copy button."""

# Paper is white: a printed code block is shaded light whatever the window's colours are.
_PAPER_CODE_BACKGROUND = "#f6f8fa"
_PAPER_CODE_TEXT = "#1f2328"
_PAPER_LANGUAGE_TEXT = "#59636e"
_FORMATTERS = {
    False: HtmlFormatter(style="default", noclasses=True, nowrap=True),
    True: HtmlFormatter(style="github-dark", noclasses=True, nowrap=True),
}
_OPTIONS = {"html": False, "linkify": False, "typographer": False, "xhtmlOut": False}
_SHOWN_OPTIONS = {**_OPTIONS, "breaks": True}

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|\r?\n)")
_LIST_ITEM_START = re.compile(r"[-*+]|\d{1,9}[.)]?")
"""What a line that may yet become a list item begins with."""
_BLANK = " \t\r\n"
_CODE_TYPES = ("fence", "code_block")


@dataclass(frozen=True)
class Prose:
    """Markdown blocks other than top-level code, as rich text.

    Attributes:
        html: the blocks in the HTML subset Qt reads.
    """

    html: str


@dataclass(frozen=True)
class Code:
    """A top-level code block.

    Attributes:
        code: exactly as the reply wrote it (without the line end before the closing fence).
        language: the fence's language, as written; empty for none.
    """

    code: str
    language: str

    def html(self, dark: bool = False) -> str:
        """The code, coloured for a *dark* background or a light one, as a ``<pre>``."""
        return f"<pre>\n{highlighted(self.code, self.language, dark)}</pre>"


Segment = Prose | Code


@dataclass(frozen=True)
class Rendered:
    """A reply as rich text, in segments.

    Attributes:
        segments: prose and top-level code blocks, in order; two prose segments never
            follow each other.
    """

    segments: tuple[Segment, ...]

    @property
    def code_blocks(self) -> tuple[str, ...]:
        """The code of each top-level code block, in order."""
        return tuple(segment.code for segment in self.segments if isinstance(segment, Code))

    @property
    def html(self) -> str:
        """The whole reply as one document for paper: code shaded, long lines wrapped."""
        return "".join(
            segment.html if isinstance(segment, Prose) else _paper_code(segment)
            for segment in self.segments
        )


def render(text: str) -> Rendered:
    """*text*, Markdown, as rich text for ``QTextDocument``, in segments.

    Args:
        text: CommonMark, with tables and ``~~strikethrough~~``; a single line end is a
            line break.
    """
    env: EnvType = {"links": []}
    tokens = _SHOWN.parse(text, env)
    segments: list[Segment] = []
    prose: list[Token] = []
    for token in tokens:
        if token.type in _CODE_TYPES and token.level == 0:
            if prose:
                segments.append(Prose(_SHOWN.renderer.render(prose, _SHOWN.options, env)))
                prose = []
            segments.append(Code(token.content.removesuffix("\n"), _language(token)))
        else:
            prose.append(token)
    if prose:
        segments.append(Prose(_SHOWN.renderer.render(prose, _SHOWN.options, env)))
    return Rendered(tuple(segments))


def highlighted(code: str, language: str, dark: bool = False) -> str:
    """*code* as HTML for inside a ``<pre>``: coloured for *language* (for a *dark*
    background or a light one), or escaped plain text for an unknown one."""
    lexer = _lexer(language)
    if lexer is None:
        return escape(code, quote=False)
    return _highlighted(code, lexer, dark)


def parse(text: str) -> list[Token]:
    """The tokens of *text* as ``render`` reads it (for other renderings, such as Word):
    a single line end is a ``softbreak``, to be shown as a line break."""
    return _SHOWN.parse(text)


def shown_address(opening: Token, inside: Sequence[Token]) -> str | None:
    """The address to show after a link's text, readable; None when the text shows it.

    Args:
        opening: the link's ``link_open`` token.
        inside: the tokens of its text.
    """
    address = _SHOWN.normalizeLinkText(str(opening.attrs["href"]))
    if opening.markup == "autolink" or (
        all(token.type == "text" for token in inside)
        and "".join(token.content for token in inside) == address
    ):
        return None
    return address


class StreamSplitter:
    """Cuts a reply that is still arriving into runs of complete top-level Markdown blocks.

    A view shows each run as rendered Markdown once, and only the text after the last run,
    the tail, as plain text: each new piece then costs the same however long the reply is.
    The rendering of the runs one by one is that of the whole reply, except that a link
    cannot use a reference defined in another run.

    A run ends at a blank line outside fenced code, once the line after it shows that the
    blocks before it are closed: it does not continue them indented, nor as the next item
    of a list. A run is confirmed by parsing it as Markdown, so the cut is never inside a
    fence that the quick line scan missed (one inside a list item, say). Text is read once
    as it arrives, and each run parsed once: the cost is that of the new text.

    Attributes:
        tail: the text after the last run; when the reply is complete, render it too.
            Building it costs its length: a view should append pieces to what it shows
            and ask for the tail only when a run is complete.
    """

    def __init__(self) -> None:
        self._lines: list[str] = []  # complete lines after the last run
        self._partial: list[str] = []  # pieces of the line being written
        self._fence: tuple[str, int] | None = None  # open fence's character and length
        self._candidate: int | None = None  # lines up to a blank line that may end a run
        self._in_list = False  # whether a line since the last run began a list item

    @property
    def tail(self) -> str:
        return "".join(self._lines) + "".join(self._partial)

    def feed(self, piece: str) -> str | None:
        """Take the next *piece* of the reply; the run it completes, or None."""
        end: int | None = None
        *complete, rest = piece.split("\n")
        for part in complete:
            self._partial.append(part)
            self._partial.append("\n")
            line = "".join(self._partial)
            self._partial = []
            line_end = self._read(line)
            if line_end is not None:
                end = line_end
        if rest:
            self._partial.append(rest)
            if self._candidate is not None:
                early_end = self._settle("".join(self._partial), complete=False)
                if early_end is not None:
                    end = early_end
        if end is None:
            return None
        run = "".join(self._lines[:end])
        del self._lines[:end]
        if self._candidate is not None:
            self._candidate -= end
        return run

    def _read(self, line: str) -> int | None:
        """Take in one complete *line*; the number of lines before it that form a run."""
        end = None
        if self._fence is None and self._candidate is not None and line.strip(_BLANK):
            end = self._settle(line, complete=True)
        if self._fence is not None:
            fence = _FENCE.match(line)
            if (
                fence is not None
                and fence[1][0] == self._fence[0]
                and len(fence[1]) >= self._fence[1]
                and not fence[2].strip(_BLANK)
            ):
                self._fence = None
        elif not line.strip(_BLANK):
            self._candidate = len(self._lines) + 1
        else:
            fence = _FENCE.match(line)
            # A backtick fence's info string has no backtick: "```a`b" is inline code.
            if fence is not None and not (fence[1][0] == "`" and "`" in fence[2]):
                self._fence = (fence[1][0], len(fence[1]))
            else:
                indent = len(line) - len(line.lstrip(" "))
                if indent <= 3 and _LIST_ITEM.match(line, indent):
                    self._in_list = True
        self._lines.append(line)
        return end

    def _settle(self, start: str, complete: bool) -> int | None:
        """Decide, from *start*, the first line after a blank line (or its beginning if not
        *complete*), whether the lines up to the blank line form a run; their number if so.

        The candidate is kept while *start* is too short to tell.
        """
        assert self._candidate is not None
        if start[0] in " \t":
            if not start.strip(_BLANK):
                return None  # perhaps another blank line
            ends = False
        elif not self._in_list:
            ends = True
        elif _LIST_ITEM.match(start):
            ends = False
        elif not complete and _LIST_ITEM_START.fullmatch(start):
            return None
        else:
            ends = True
        end, self._candidate = self._candidate, None
        if not ends or not self._closed(end):
            return None
        self._in_list = False
        return end

    def _closed(self, end: int) -> bool:
        """Whether the first *end* lines leave no fence open, as Markdown reads them.

        A top-level fence left open is the quick scan's error: it follows the fence from here.
        """
        for token in _BLOCKS.parse("".join(self._lines[:end])):
            if token.type == "fence" and token.map is not None and token.map[1] >= end:
                if token.level == 0:
                    self._fence = (token.markup[0], len(token.markup))
                return False
        return True


class _QtRenderer(RendererHTML):
    """markdown-it's HTML renderer, made to write what Qt reads and nothing that acts."""

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return _nested_code(tokens[idx].content)

    def code_block(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return _nested_code(tokens[idx].content)

    def table_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        return '<table border="1" cellspacing="0" cellpadding="4">\n'

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        env["links"].append(idx)  # links do not nest
        return ""

    def link_close(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        start: int = env["links"].pop()
        address = shown_address(tokens[start], tokens[start + 1 : idx])
        return "" if address is None else f" ({escape(address)})"

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        return escape(self.renderInlineAsText(tokens[idx].children or [], options, env))


def _language(token: Token) -> str:
    info = unescapeAll(token.info).split(maxsplit=1)
    return info[0] if info else ""


def _nested_code(content: str) -> str:
    """A code block inside a list or quote: plain, in the text's colour, lines wrapped."""
    code = escape(content.removesuffix("\n"), quote=False)
    # Qt, like HTML, drops a line end just after <pre>: the one written here, not the code's.
    return f'<pre style="white-space:pre-wrap">\n{code}</pre>\n'


def _paper_code(code: Code) -> str:
    """A top-level code block on paper: its language above the code, on a shaded background,
    long lines wrapped (paper does not scroll)."""
    body = highlighted(code.code, code.language)
    return (
        f'<table width="100%" cellspacing="0" cellpadding="6" bgcolor="{_PAPER_CODE_BACKGROUND}">'
        f'<tr><td><small><span style="color:{_PAPER_LANGUAGE_TEXT}">'
        f"{escape(code.language)}</span></small></td></tr>"
        f'<tr><td><pre style="color:{_PAPER_CODE_TEXT}; white-space:pre-wrap">\n{body}</pre>'
        "</td></tr></table>\n"
    )


@functools.lru_cache(maxsize=256)
def _highlighted(code: str, lexer: Lexer, dark: bool) -> str:
    """Kept: a view makes a code block's widget again each time it scrolls into sight."""
    html: str = highlight(code, lexer, _FORMATTERS[dark])
    return html


@functools.lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer | None:
    """Pygments' lexer for the fence's *language*, None for plain text.

    Guessing a language costs a pass of every lexer over the code, so a fence without one
    stays plain.
    """
    if not language:
        return None
    try:
        return get_lexer_by_name(language.lower(), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


_SHOWN = MarkdownIt("commonmark", _SHOWN_OPTIONS, renderer_cls=_QtRenderer).enable(
    ["table", "strikethrough"]
)
# Blocks only, to check where runs end: inline parsing is the larger part of the work.
_BLOCKS = MarkdownIt("commonmark", _OPTIONS).enable("table").disable(["inline", "text_join"])
