"""A conversation written out to keep or to share: as Markdown, or as a Word document.

The user asks for it, and the file is not encrypted: the window says so before it is written.
A file lands whole or not at all (written beside its place, then renamed onto it), readable by
the user alone, as everything Sotto writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from desktop.core.chat.markdown import parse, shown_address
from desktop.core.chat.written_out import (
    Translate,
    Turn,
    one_line,
    source_heading,
    sources_title,
)
from desktop.core.durable import write_whole
from desktop.core.i18n import QT_TRANSLATE_NOOP

_CONTEXT = "ChatExport"
UNTITLED = QT_TRANSLATE_NOOP("ChatExport", "Conversation")
YOU = QT_TRANSLATE_NOOP("ChatExport", "You")
ASSISTANT = QT_TRANSLATE_NOOP("ChatExport", "Assistant")
SYSTEM_PROMPT = QT_TRANSLATE_NOOP("ChatExport", "System prompt")
EXPORTED = QT_TRANSLATE_NOOP("ChatExport", "Exported from Sotto on {date}.")
EXPORTED_WITH_MODEL = QT_TRANSLATE_NOOP(
    "ChatExport", "Exported from Sotto on {date}. Model: {model}."
)

CODE_FONT = "Courier New"
"""Monospace on every system: LibreOffice maps it to Liberation Mono, same widths."""

_CODE_SIZE = Pt(10)
_DEEPEST_LIST = 3  # Word's template has list styles for three levels
_ALIGNMENTS = {
    "text-align:left": WD_ALIGN_PARAGRAPH.LEFT,
    "text-align:center": WD_ALIGN_PARAGRAPH.CENTER,
    "text-align:right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Characters XML 1.0 forbids: python-docx refuses them, and a reply may hold one.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What Markdown would read as markup in a passage quoted from a document, which is plain text.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|~!&])")
_LIST_MARK = re.compile(r"^(\d+)(?=[.)])|^(?=[-+=])")  # a list item's mark, a heading's line


def to_markdown(
    title: str,
    turns: Sequence[Turn],
    model: str,
    exported_at: datetime,
    *,
    translate: Translate = QT_TRANSLATE_NOOP,
) -> str:
    """The conversation as one Markdown document: its title, when and with which *model* it
    was exported, then each message under its speaker's name, its text as written (less
    line ends at its start and end, so that one blank line separates the messages; a single
    line end inside a paragraph is made a Markdown line break, as ``line_breaks_kept``), and
    under a reply its sources: "[1] file, page 3", then the passage quoted as plain text."""
    parts = [
        f"# {title or translate(_CONTEXT, UNTITLED)}",
        _exported(model, exported_at, translate),
    ]
    for turn in turns:
        parts.append(f"## {_speaker(turn.role, model, translate)}")
        parts.append(line_breaks_kept(turn.text.strip("\n")))
        if turn.sources:
            parts.append(f"**{sources_title(translate)}**")
        for source in turn.sources:
            parts.append(_markdown_literal(source_heading(source, translate)))
            parts.append("> " + _markdown_literal(one_line(source.text)))
    return "\n\n".join(parts) + "\n"


def _markdown_literal(text: str) -> str:
    """*text*, one line, as Markdown that shows it as it is: its markup characters escaped."""
    return _LIST_MARK.sub(r"\g<0>\\", _MARKUP.sub(r"\\\1", text), count=1)


def line_breaks_kept(text: str) -> str:
    """*text*, Markdown, with two spaces (Markdown's line break) at the end of each line that
    a paragraph goes on after, so that any Markdown reader breaks the line there as Sotto
    shows it, not join it to the next; nothing else changes, and the spaces are not seen."""
    lines = text.split("\n")
    for token in parse(text):
        if token.type != "paragraph_open" or token.map is None:
            continue
        start, end = token.map
        for number in range(start, end - 1):
            line = lines[number]
            body = line.removesuffix("\r")
            if not body.endswith(("  ", "\\")):
                lines[number] = body + "  " + line[len(body) :]
    return "\n".join(lines)


def write_markdown(
    path: Path,
    title: str,
    turns: Sequence[Turn],
    model: str,
    exported_at: datetime,
    *,
    translate: Translate = QT_TRANSLATE_NOOP,
) -> None:
    """Write ``to_markdown`` of the conversation to *path*, UTF-8, whole or not at all.

    Raises:
        OSError: the file could not be written; nothing is left behind.
    """
    text = to_markdown(title, turns, model, exported_at, translate=translate)
    write_whole(path, lambda file: file.write(text.encode("utf-8")))


def write_docx(
    path: Path,
    title: str,
    turns: Sequence[Turn],
    model: str,
    exported_at: datetime,
    *,
    translate: Translate = QT_TRANSLATE_NOOP,
) -> None:
    """Write the conversation to *path* as a Word document, whole or not at all.

    Each speaker is a level 2 heading; the Markdown of each message becomes Word's own
    headings (from level 3), paragraphs, lists, quotes and tables, with code in a
    monospace font; a single line end is a line break, as Sotto shows it. A reply's sources
    follow it under a heading of their own, each named in bold and its passage quoted.

    Raises:
        OSError: the file could not be written; nothing is left behind.
    """
    document = docx.Document()
    document.add_heading(_xml_safe(title or translate(_CONTEXT, UNTITLED)), level=0)
    exported = document.add_paragraph().add_run(_xml_safe(_exported(model, exported_at, translate)))
    exported.italic = True
    for turn in turns:
        document.add_heading(_xml_safe(_speaker(turn.role, model, translate)), level=2)
        _WordWriter(document).write(parse(turn.text))
        if turn.sources:
            document.add_heading(_xml_safe(sources_title(translate)), level=3)
        for source in turn.sources:
            named = document.add_paragraph().add_run(_xml_safe(source_heading(source, translate)))
            named.bold = True
            document.add_paragraph(_xml_safe(one_line(source.text)), style="Quote")
    write_whole(path, document.save)


def _exported(model: str, exported_at: datetime, translate: Translate) -> str:
    date = exported_at.strftime("%Y-%m-%d %H:%M")
    if not model:
        return translate(_CONTEXT, EXPORTED).format(date=date)
    return translate(_CONTEXT, EXPORTED_WITH_MODEL).format(date=date, model=model)


def _speaker(role: str, model: str, translate: Translate) -> str:
    if role == "user":
        return translate(_CONTEXT, YOU)
    if role == "assistant":
        return model or translate(_CONTEXT, ASSISTANT)
    if role == "system":
        return translate(_CONTEXT, SYSTEM_PROMPT)
    raise ValueError(f"unknown role {role!r}")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


@dataclass
class _List:
    """A list being written.

    Attributes:
        ordered: whether its items are numbered.
        number: the number of its current item.
    """

    ordered: bool
    number: int


class _WordWriter:
    """Writes the Markdown tokens of one message into a Word document.

    Attributes:
        document: the document written to.
        lists: the lists the writer is in, outermost first.
        quotes: how many block quotes the writer is in.
        item_started: whether the current list item has had its first paragraph, which
            carries the item's bullet or number.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.lists: list[_List] = []
        self.quotes = 0
        self.item_started = False

    def write(self, tokens: Sequence[Token]) -> None:
        """Add the blocks of *tokens*, a message's Markdown, to the document."""
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                level = min(int(token.tag[1:]) + 2, 9)  # below the speaker's heading
                _add_inline(self.document.add_heading(level=level), tokens[index + 1])
            elif kind == "paragraph_open":
                self._paragraph(tokens[index + 1])
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrGet("start") or 1)
                self.lists.append(_List(kind == "ordered_list_open", start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.item_started = False
            elif kind == "list_item_close":
                self.lists[-1].number += 1
            elif kind == "blockquote_open":
                self.quotes += 1
            elif kind == "blockquote_close":
                self.quotes -= 1
            elif kind in ("fence", "code_block"):
                run = self.document.add_paragraph().add_run(
                    _xml_safe(token.content.removesuffix("\n"))
                )
                run.font.name = CODE_FONT
                run.font.size = _CODE_SIZE
            elif kind == "hr":
                self.document.add_paragraph("* * *").alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == "table_open":
                index = self._table(tokens, index)
            index += 1

    def _paragraph(self, inline: Token) -> None:
        if not self.lists:
            style = "Quote" if self.quotes else None
            _add_inline(self.document.add_paragraph(style=style), inline)
            return
        depth = min(len(self.lists), _DEEPEST_LIST)
        suffix = "" if depth == 1 else f" {depth}"
        if self.item_started:
            paragraph = self.document.add_paragraph(style="List Continue" + suffix)
        elif self.lists[-1].ordered:
            # Written out: Word's automatic numbering would run on from one list to the next.
            paragraph = self.document.add_paragraph(style="List" + suffix)
            paragraph.add_run(f"{self.lists[-1].number}. ")
        else:
            paragraph = self.document.add_paragraph(style="List Bullet" + suffix)
        self.item_started = True
        _add_inline(paragraph, inline)

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        """Write the table that starts at *index*; the index of its ``table_close``."""
        rows: list[list[tuple[Token, Token]]] = []  # each cell's opening and inline tokens
        header_rows = 0
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "thead_close":
                header_rows = len(rows)
            elif token.type in ("th_open", "td_open"):
                rows[-1].append((token, tokens[index + 1]))
            index += 1
        table = self.document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
        table.style = "Table Grid"
        for row_number, row in enumerate(rows):
            for column, (cell, inline) in enumerate(row):
                paragraph = table.cell(row_number, column).paragraphs[0]
                paragraph.alignment = _ALIGNMENTS.get(str(cell.attrGet("style") or ""))
                _add_inline(paragraph, inline, bold=row_number < header_rows)
        return index


def _add_inline(paragraph: Paragraph, inline: Token, bold: bool = False) -> None:
    """Add the runs of one Markdown ``inline`` token to *paragraph*."""
    strong = emphasis = struck = 0
    links: list[int] = []
    children = inline.children or []
    for index, token in enumerate(children):
        kind = token.type
        text = None
        code = False
        if kind in ("text", "code_inline"):
            text, code = token.content, kind == "code_inline"
        elif kind in ("softbreak", "hardbreak"):  # a line break, as the reply is shown
            text = "\n"
        elif kind == "image":
            text = "".join(child.content for child in token.children or [])
        elif kind == "link_open":
            links.append(index)
        elif kind == "link_close":
            start = links.pop()
            address = shown_address(children[start], children[start + 1 : index])
            text = None if address is None else f" ({address})"
        elif kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            emphasis += 1 if kind == "em_open" else -1
        elif kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        if text:
            run = paragraph.add_run(_xml_safe(text))
            run.bold = bool(strong) or bold or None
            run.italic = bool(emphasis) or None
            run.font.strike = bool(struck) or None
            if code:
                run.font.name = CODE_FONT
