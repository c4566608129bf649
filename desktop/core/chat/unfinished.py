"""The end of a reply still being written, rendered as it will look once its blocks are
complete, so that the text does not jump when they are (``markdown.render`` renders it then)."""

from __future__ import annotations

import re
from html import escape

from desktop.core.chat.markdown import Prose, render

_MARKER_ONLY = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)]?|#{1,6}|>|[-=]+)?[ \t]*")
"""A last line with nothing shown yet: a list's or heading's mark, or an underline."""
_INLINE_CODE = re.compile(r"`[^`]*`")
_OPENING = {"*": re.compile(r"(?<![*\w])\*(?=[^\s*])"), "_": re.compile(r"(?<![_\w])_(?=[^\s_])")}
"""A single emphasis mark that may open emphasis (one before a word)."""


def render_unfinished(text: str) -> str:
    """*text*, the end of a reply still being written, as rich text that looks as it will
    when its blocks are complete: a list item is a bullet from its first word, a heading a
    heading, bold text bold before its closing marks have come.

    A last line that is only a list's marker so far is left out (it would read as a
    literal "*", or underline the line above as a heading), and emphasis or inline code
    opened on the last line is closed. Code, top-level or not, is plain, unhighlighted.
    """
    lines = text.split("\n")
    last = lines[-1]
    if _MARKER_ONLY.fullmatch(last):
        lines[-1] = ""
    else:
        lines[-1] = _closed_inline(last)
    return "".join(
        segment.html if isinstance(segment, Prose) else _plain_code(segment.code)
        for segment in render("\n".join(lines)).segments
    )


def _closed_inline(line: str) -> str:
    """*line*, the last of an unfinished reply, with the inline code and the strong or
    emphasised text it opened closed, and the marks at its end left out."""
    if line.count("`") % 2:
        return line + "`"
    line = line.rstrip("*_")  # marks that may open or close: which, the next piece says
    outside = _INLINE_CODE.sub("", line)
    closing = ""
    for mark in ("**", "__"):
        if outside.count(mark) % 2:
            outside = outside.replace(mark, "")
            closing += mark
    for mark in ("*", "_"):
        if len(_OPENING[mark].findall(outside)) % 2:
            closing = mark + closing
    return line + closing


def _plain_code(code: str) -> str:
    """Code still being written: plain, lines wrapped (as a block inside a list is)."""
    return f'<pre style="white-space:pre-wrap">\n{escape(code, quote=False)}</pre>\n'
