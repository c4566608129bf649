"""Markdown that does not jump while it streams: the block being written already looks as
it will once complete."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from desktop.core.chat.unfinished import render_unfinished
from desktop.ui.chat import MessageView
from tests.ui.chat.test_chat_view import settle, widget_of

REPLY = (
    "Here is what to bring:\n\n"
    "* your **passport** and a *copy* of it\n"
    "* two photos\n"
    "- the form, signed\n\n"
    "## Then\n\n"
    "1. book a slot\n"
    "2. pay the fee\n\n"
    "That is all."
)
_MARK_AT_START = re.compile(r"^\s*(?:[-*+]|#+)(?:\s|$)", re.MULTILINE)


def test_no_prefix_of_a_reply_shows_a_list_or_heading_mark_as_text(qtbot: QtBot) -> None:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(640, 600)
    view.show()
    qtbot.wait_exposed(view)
    view.add_user_message("What do I bring?", 1)
    view.begin_reply("SmolLM2", 2)
    for end in range(1, len(REPLY) + 1):
        view.append_reply(REPLY[end - 1])
        settle()
        shown = widget_of(view, 2).plain_text()
        assert not _MARK_AT_START.search(shown), (REPLY[:end], shown)
        assert "**" not in shown, (REPLY[:end], shown)
    streaming = widget_of(view, 2).plain_text()
    view.end_reply("")
    settle()
    assert widget_of(view, 2).plain_text() == streaming


def test_an_unfinished_block_is_rendered_as_it_will_be_complete() -> None:
    assert "<li>tw</li>" in render_unfinished("* one\n* tw")
    assert "<strong>bol</strong>" in render_unfinished("Some **bol")
    assert "<em>it</em>" in render_unfinished("Some *it")
    assert "<code>x = 1</code>" in render_unfinished("Run `x = 1")
    assert "<h2>Then</h2>" in render_unfinished("## Then")
    # A marker alone is left out: it would underline the line above as a heading.
    assert "<h2>" not in render_unfinished("Some text\n-")
    assert render_unfinished("2 * 3 = 6") == "<p>2 * 3 = 6</p>\n"
