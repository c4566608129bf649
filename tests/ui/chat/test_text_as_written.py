"""Text exactly as written, in a window that looks like the chat apps people know: line
breaks kept everywhere, code that scrolls sideways under a Copy button, the user's message in
a bubble, a centred reading column, actions at the end of a long message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from desktop.core.chat.written_out import Turn
from desktop.core.vault.sources import Source
from desktop.ui.chat import MessageView
from desktop.ui.chat.conversation_export import conversation_document
from desktop.ui.chat.message_colours import bubble_colour, code_colour
from desktop.ui.chat.message_column import COLUMN_EM
from desktop.ui.chat.message_widget import BUBBLE_SHARE, MessageWidget
from desktop.ui.theme import is_dark, palette_for
from tests.ui.chat.test_chat_view import button, code_blocks, settle, widget_of

CLAUSES = "1. The tenant shall pay.\n2. The landlord shall repair.\nSigned"
LONG_LINE = "result = compute(" + ", ".join(f"argument_{n}" for n in range(40)) + ")"
CODE_REPLY = f"Here it is:\n\n```python\n{LONG_LINE}\n```\n\nThat is all."


def shown_view(qtbot: QtBot, width: int, height: int = 600) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(width, height)
    view.show()
    qtbot.wait_exposed(view)
    return view


def inside_viewport(view: MessageView, widget: QToolButton) -> bool:
    place = QRect(widget.mapTo(view.viewport(), QPoint(0, 0)), widget.size())
    return view.viewport().rect().contains(place)


def test_single_line_ends_are_kept_in_the_view(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 800)
    view.add_user_message("Clause 1\nClause 2", 1)
    view.add_reply("SmolLM2", f"Clause 1\nClause 2\n\n{CLAUSES}", 2)
    assert widget_of(view, 1).plain_text() == "Clause 1\nClause 2"
    reply = widget_of(view, 2)
    (prose,) = reply.texts()
    assert prose.toPlainText().startswith("Clause 1\nClause 2\n")
    assert "The landlord shall repair.\nSigned" in prose.toPlainText()
    block = prose.document().begin()
    assert block.layout().lineCount() == 2  # "Clause 1", then "Clause 2": not run together


def test_line_ends_are_kept_while_a_reply_streams(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 800)
    view.begin_reply("SmolLM2", 2)
    for piece in ("Clause", " 1\nClause 2\n", "\nAnd", " then\n"):
        view.append_reply(piece)
    assert "Clause 1\nClause 2" in widget_of(view, 2).plain_text()
    view.end_reply("")
    assert widget_of(view, 2).texts()[0].toPlainText().startswith("Clause 1\nClause 2\nAnd then")


def test_the_printout_keeps_line_breaks_and_has_no_copy_links(tmp_path: Path) -> None:
    turns = [Turn("user", "Clause 1\nClause 2"), Turn("assistant", f"{CLAUSES}\n\n{CODE_REPLY}")]
    document = conversation_document("Lease", turns, "SmolLM2")
    text = document.toPlainText()
    assert "Clause 1\nClause 2" in text
    assert "The landlord shall repair.\nSigned" in text
    assert LONG_LINE.replace(", ", ",") in text.replace(", ", ",").replace("\n", "")
    assert "Copy" not in text
    assert not document.toHtml().count("href")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "chat.pdf"))
    document.print_(printer)
    assert (tmp_path / "chat.pdf").stat().st_size > 0


def test_a_long_code_line_scrolls_sideways_under_a_copy_button_in_view(qtbot: QtBot) -> None:
    line = "x = '" + "a" * 500 + "'"
    assert len(line) > 500
    view = shown_view(qtbot, 1024)
    view.add_user_message("Write a long line", 1)
    view.add_reply("SmolLM2", f"Here:\n\n```python\n{line}\n```\n\nDone.", 2)
    reply = widget_of(view, 2)
    (block,) = code_blocks(reply)
    assert block.text.toPlainText() == line
    assert block.width() <= reply.width()
    bar = block.text.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.isVisible()
    assert block.copy_button.isVisible() and inside_viewport(view, block.copy_button)
    assert block.copy_button.mapTo(reply, QPoint(0, 0)).x() + block.copy_button.width() <= (
        reply.width()
    )
    bar.setValue(bar.maximum())  # scrolled to the line's end, the button stays
    assert block.copy_button.isVisible() and inside_viewport(view, block.copy_button)
    block.copy_button.click()
    assert QGuiApplication.clipboard().text() == line


def test_search_finds_and_selects_words_in_code(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 900)
    view.add_reply("SmolLM2", CODE_REPLY, 2)
    view.highlight(2, "argument_17")
    assert view.selected_text() == "argument_17"


def test_the_users_message_is_a_bubble_on_the_right(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 700)
    view.add_user_message("Short question", 1)
    view.add_user_message("A long question " * 40, 2)
    view.add_reply("SmolLM2", "An answer on the window's background.", 3)
    short, long, reply = widget_of(view, 1), widget_of(view, 2), widget_of(view, 3)
    for widget in (short, long):
        (text,) = widget.texts()
        bubble = text.parentWidget()
        assert bubble is not None
        right = bubble.mapTo(widget, QPoint(bubble.width(), 0)).x()
        assert widget.width() - right < 20  # against the right edge
        assert bubble.width() <= BUBBLE_SHARE * widget.width()
    assert short.texts()[0].parentWidget().width() < 0.5 * short.width()
    left_of_reply = reply.texts()[0].mapTo(reply, QPoint(0, 0)).x()
    assert left_of_reply < 20  # a reply starts at the column's left edge


@pytest.mark.parametrize("dark", [False, True])
def test_message_colours_come_from_the_palette(dark: bool) -> None:
    palette = QPalette()
    base, text = (QColor("#1e1e1e"), QColor("#e0e0e0")) if dark else ("#ffffff", "#000000")
    for background in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
        palette.setColor(background, QColor(base))
    for foreground in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText):
        palette.setColor(foreground, QColor(text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3d7bd9"))
    assert is_dark(palette) is dark
    for colour in (bubble_colour(palette), code_colour(palette)):
        assert (colour.lightness() < 100) is dark


def test_code_is_coloured_for_a_dark_palette(qtbot: QtBot, qapp: QApplication) -> None:
    view = shown_view(qtbot, 800)
    before = qapp.palette()
    qapp.setPalette(palette_for(Qt.ColorScheme.Dark))  # as the dark theme shows it
    try:
        view.add_reply("SmolLM2", CODE_REPLY, 2)
        (block,) = code_blocks(widget_of(view, 2))
        light = QTextDocument()
        light.setHtml(f"<pre>{LONG_LINE}</pre>")
        assert block.text.toHtml() != light.toHtml()
        assert is_dark(block.palette())
    finally:
        qapp.setPalette(before)


def test_messages_stand_in_a_centred_column_on_a_wide_window(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 1600)
    view.add_reply("SmolLM2", "A reply " * 200, 2)
    reply = widget_of(view, 2)
    assert reply.width() <= COLUMN_EM * max(17, reply.fontMetrics().height())
    assert reply.width() < view.viewport().width() - 400
    left = reply.geometry().left()
    right = view.viewport().width() - reply.geometry().right() - 1
    assert abs(left - right) <= 1
    view.resize(500, 600)
    settle()
    assert widget_of(view, 2).width() == view.viewport().width()


def test_actions_are_at_the_end_of_a_long_reply(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 800, 400)
    view.add_user_message("Tell me a lot", 1)
    view.add_reply("SmolLM2", "\n\n".join(f"Paragraph {n}." for n in range(60)), 2)
    view.add_user_message("And more", 3)
    view.add_reply("SmolLM2", "\n\n".join(f"Point {n}." for n in range(60)), 4)
    settle()
    last = widget_of(view, 4)
    assert last.height() > view.viewport().height()
    copy = button(last, "copy")
    (text,) = last.texts()
    assert copy.mapTo(last, QPoint(0, 0)).y() > text.mapTo(last, QPoint(0, text.height())).y() - 1
    # At the bottom of the conversation, the last reply's actions show without the pointer.
    assert copy.isVisible() and inside_viewport(view, copy)
    view.highlight(2, "Paragraph 59")  # the end of an earlier long reply
    earlier = widget_of(view, 2)
    regenerate_free = button(earlier, "copy")
    assert regenerate_free.mapTo(earlier, QPoint(0, 0)).y() > earlier.height() // 2


def test_a_reply_written_to_its_end_takes_the_height_of_its_text_at_once(qtbot: QtBot) -> None:
    view = shown_view(qtbot, 900)
    view.add_user_message("List the clauses.", 1)
    view.begin_reply("SmolLM2", 2)
    for piece in ("1. The tenant pays.\n", "2. The landlord repairs.\n\n", "```\ncode\n```\n"):
        settle()  # the pieces arrive one event loop turn apart
        view.append_reply(piece)
    view.end_reply("3 tokens")
    view.set_sources(2, [Source(1, "/matter/lease.txt", None, 0, 20, "The tenant pays rent.")])
    # Measured now, before the event loop runs again: nothing of it cut off or overlapping.
    (message,) = [
        m for m in view.viewport().findChildren(MessageWidget) if m.message.message_id == 2
    ]
    assert view.measured_height(2) == message.heightForWidth(view.column_width())
    settle()
    assert message.height() == message.heightForWidth(view.column_width())
