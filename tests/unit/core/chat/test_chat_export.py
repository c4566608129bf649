"""Exporting a conversation: Markdown as written, and a Word document read back."""

from __future__ import annotations

import errno
import os
import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import docx
import pytest
from docx.table import Table
from docx.text.paragraph import Paragraph
from markdown_it import MarkdownIt

from desktop.core.chat.export import line_breaks_kept, to_markdown, write_docx, write_markdown
from desktop.core.chat.written_out import Turn
from desktop.core.vault.sources import Source

WHEN = datetime(2025, 3, 4, 10, 15)
CODE = 'def greet(name):\n\tif name < "z":\n        return "\\\\n" + name'
TURNS = [
    Turn("system", "You are a careful assistant."),
    Turn("user", "Write a greeting function, please.\n\nIn Python."),
    Turn(
        "assistant",
        "# Greeting\n\n"
        "Here it is:\n\n"
        f"```python\n{CODE}\n```\n\n"
        "It has two steps:\n\n"
        "1. compare the name;\n"
        "2. return the greeting.\n\n"
        "- a bullet\n"
        "  - a nested bullet\n\n"
        "> Keep it short.\n\n"
        "| Name | Greeting |\n|------|---------:|\n| Ann | Hi |\n\n"
        "See [the guide](https://example.com/guide).",
    ),
    Turn("user", "Thanks — 谢谢!"),
]


def test_markdown_holds_every_turn_verbatim_in_order() -> None:
    text = to_markdown("Greetings", TURNS, "SmolLM2", WHEN)
    assert text.startswith("# Greetings\n\n")
    assert "2025-03-04 10:15" in text and "SmolLM2" in text
    position = 0
    for heading, (_, content, _sources) in zip(
        ["System prompt", "You", "SmolLM2", "You"], TURNS, strict=True
    ):
        position = text.index(f"## {heading}\n\n{content}\n", position) + len(content)


def test_markdown_names_the_assistant_without_a_model() -> None:
    text = to_markdown("", [Turn("assistant", "Hello.")], "", WHEN)
    assert text.startswith("# Conversation\n\n")
    assert "## Assistant\n\nHello.\n" in text


def test_markdown_speakers_are_translated() -> None:
    def translate(context: str, text: str) -> str:
        return f"{context}«{text}»"

    text = to_markdown("T", TURNS[:2], "m", WHEN, translate=translate)
    assert "## ChatExport«System prompt»\n" in text and "## ChatExport«You»\n" in text
    assert "ChatExport«Exported from Sotto on 2025-03-04 10:15. Model: m.»" in text


def test_write_markdown_writes_the_export(tmp_path: Path) -> None:
    path = tmp_path / "chat.md"
    write_markdown(path, "Greetings", TURNS, "SmolLM2", WHEN)
    assert path.read_text(encoding="utf-8") == to_markdown("Greetings", TURNS, "SmolLM2", WHEN)
    assert [entry.name for entry in tmp_path.iterdir()] == ["chat.md"]
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600  # the user's alone, as the vault


def _blocks(path: Path) -> list[Paragraph | Table]:
    return list(docx.Document(str(path)).iter_inner_content())


def test_word_document_holds_every_turn_in_order(tmp_path: Path) -> None:
    path = tmp_path / "chat.docx"
    write_docx(path, "Greetings", TURNS, "SmolLM2", WHEN)
    blocks = _blocks(path)
    paragraphs = [block for block in blocks if isinstance(block, Paragraph)]
    styled = [
        (paragraph.style.name if paragraph.style else "", paragraph.text)
        for paragraph in paragraphs
    ]
    assert styled[0] == ("Title", "Greetings")
    assert "2025-03-04 10:15" in styled[1][1]
    headings = [text for style, text in styled if style == "Heading 2"]
    assert headings == ["System prompt", "You", "SmolLM2", "You"]
    expected = [
        ("Heading 2", "System prompt"),
        ("Normal", "You are a careful assistant."),
        ("Heading 2", "You"),
        ("Normal", "Write a greeting function, please."),
        ("Normal", "In Python."),
        ("Heading 2", "SmolLM2"),
        ("Heading 3", "Greeting"),
        ("Normal", "Here it is:"),
        ("Normal", CODE),
        ("Normal", "It has two steps:"),
        ("List", "1. compare the name;"),
        ("List", "2. return the greeting."),
        ("List Bullet", "a bullet"),
        ("List Bullet 2", "a nested bullet"),
        ("Quote", "Keep it short."),
        ("Normal", "See the guide (https://example.com/guide)."),
        ("Heading 2", "You"),
        ("Normal", "Thanks — 谢谢!"),
    ]
    assert styled[2:] == expected
    code = next(paragraph for paragraph in paragraphs if paragraph.text == CODE)
    assert {run.font.name for run in code.runs} == {"Courier New"}
    tables = [block for block in blocks if isinstance(block, Table)]
    assert len(tables) == 1
    assert [[cell.text for cell in row.cells] for row in tables[0].rows] == [
        ["Name", "Greeting"],
        ["Ann", "Hi"],
    ]
    # The table stands where it was written: after the quote, before the link.
    assert (
        blocks.index(tables[0])
        == blocks.index(next(p for p in paragraphs if p.text == "Keep it short.")) + 1
    )


def test_word_document_keeps_text_xml_cannot_hold_out(tmp_path: Path) -> None:
    path = tmp_path / "chat.docx"
    write_docx(path, "Bell\x07", [Turn("user", "Ring\x07 the bell `\x01`")], "", WHEN)
    texts = [block.text for block in _blocks(path) if isinstance(block, Paragraph)]
    assert texts[0] == "Bell"
    assert "Ring the bell " in texts


@pytest.mark.parametrize("write", [write_docx, write_markdown])
def test_a_missing_folder_raises_and_leaves_nothing(
    tmp_path: Path, write: Callable[..., None]
) -> None:
    with pytest.raises(OSError):
        write(tmp_path / "gone" / "chat.out", "T", TURNS, "m", WHEN)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "chat.docx"
    path.write_bytes(b"the earlier export")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_docx(path, "T", TURNS, "m", WHEN)
    assert [entry.name for entry in tmp_path.iterdir()] == ["chat.docx"]
    assert path.read_bytes() == b"the earlier export"


def test_an_unknown_role_is_a_bug(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown role 'robot'"):
        write_docx(tmp_path / "chat.docx", "T", [Turn("robot", "beep")], "m", WHEN)
    assert list(tmp_path.iterdir()) == []


LINES = "Clause 1\nClause 2\n\n1. The tenant shall pay.\n2. The landlord shall repair.\nSigned"


def test_markdown_keeps_single_line_ends_as_line_breaks() -> None:
    text = to_markdown("Lease", [Turn("assistant", LINES)], "m", WHEN)
    assert "Clause 1  \nClause 2\n" in text
    assert "2. The landlord shall repair.  \nSigned\n" in text
    assert "1. The tenant shall pay.\n" in text  # list items were separate lines already
    # Any Markdown reader (here a strict CommonMark one) breaks the lines where Sotto does.
    html = MarkdownIt("commonmark").render(text)
    assert "Clause 1<br />\nClause 2" in html
    assert "The landlord shall repair.<br />\nSigned" in html


def test_markdown_line_breaks_leave_code_and_written_breaks_alone() -> None:
    text = "a\\\nb  \nc\n\n```\nx\ny\n```\n\n| a |\n|---|\n| b |"
    assert line_breaks_kept(text) == "a\\\nb  \nc\n\n```\nx\ny\n```\n\n| a |\n|---|\n| b |"


def test_word_document_keeps_single_line_ends_as_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "chat.docx"
    write_docx(path, "Lease", [Turn("assistant", LINES)], "m", WHEN)
    texts = [block.text for block in _blocks(path) if isinstance(block, Paragraph)]
    assert "Clause 1\nClause 2" in texts  # python-docx reads a <w:br/> as a line end
    assert "2. The landlord shall repair.\nSigned" in texts
    with zipfile.ZipFile(path) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert re.search(r"Clause 1</w:t>.*?<w:br/>.*?Clause 2", body)


SOURCES = (
    Source(1, "/matter/lease.pdf", 3, 10, 60, "The tenant shall pay\nthe rent by the 5th.", False),
    Source(2, "/matter/notes_v2.txt", None, 0, 40, "1. Deposit: *two* months [held]", False),
    Source(3, "/matter/scan.pdf", 1, 0, 20, "签字 Signed by the parties", True),
)
CITED = [
    Turn("user", "When is the rent due?"),
    Turn("assistant", "By the 5th [1], with a deposit [2], signed [3].", SOURCES),
]


def test_markdown_lists_a_replys_sources_numbered_with_file_page_and_passage() -> None:
    text = to_markdown("Lease", CITED, "m", WHEN)

    reply = text.index("By the 5th [1]")
    assert text.index("**Sources**", reply) > reply
    assert (
        "\\[1\\] /matter/lease.pdf, page 3\n\n> The tenant shall pay the rent by the 5th.\n" in text
    )
    # A passage is plain text: its Markdown characters are shown, not read as markup.
    html = MarkdownIt("commonmark").render(text)
    assert "<p>[2] /matter/notes_v2.txt</p>" in html
    assert "<blockquote>\n<p>1. Deposit: *two* months [held]</p>\n</blockquote>" in html
    assert "<p>[3] /matter/scan.pdf, page 1 (read from a scan: words may be misread)</p>" in html
    assert "签字 Signed by the parties" in html


def test_word_document_lists_a_replys_sources_after_it(tmp_path: Path) -> None:
    path = tmp_path / "lease.docx"
    write_docx(path, "Lease", CITED, "m", WHEN)

    styled = [
        (block.style.name if block.style else "", block.text)
        for block in _blocks(path)
        if isinstance(block, Paragraph)
    ]
    reply = styled.index(("Normal", "By the 5th [1], with a deposit [2], signed [3]."))
    assert styled[reply + 1 :] == [
        ("Heading 3", "Sources"),
        ("Normal", "[1] /matter/lease.pdf, page 3"),
        ("Quote", "The tenant shall pay the rent by the 5th."),
        ("Normal", "[2] /matter/notes_v2.txt"),
        ("Quote", "1. Deposit: *two* months [held]"),
        ("Normal", "[3] /matter/scan.pdf, page 1 (read from a scan: words may be misread)"),
        ("Quote", "签字 Signed by the parties"),
    ]
    named = docx.Document(str(path)).paragraphs
    assert all(run.bold for p in named if p.text.startswith("[") for run in p.runs)
