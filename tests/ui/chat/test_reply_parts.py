"""A reply's parts: a piece measures only the text it changed, and a reply written to its
end keeps what it showed, exactly as a reply shown whole from the history shows it."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.chat.markdown import render
from desktop.ui.chat import MessageView
from desktop.ui.chat.message_body import MessageBody
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.shown_message import MarkdownStream
from desktop.ui.theme import Appearance
from tests.ui.chat.test_chat_view import REPLY, long_reply, pieces_of, settle


def shown_view(qtbot: QtBot) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(700, 500)
    view.show()
    qtbot.wait_exposed(view)
    return view


def streamed(qtbot: QtBot, text: str, pieces: int) -> tuple[MessageView, MessageWidget]:
    """A view with *text* streamed into it in *pieces*, the reply not yet ended."""
    view = shown_view(qtbot)
    view.add_user_message("Tell me", 1)
    view.begin_reply("SmolLM2", 2)
    for number, piece in enumerate(pieces_of(text, pieces)):
        view.append_reply(piece)
        if number % 25 == 0:
            settle()
    settle()
    widget = view.message_widget(2)
    assert widget is not None
    return view, widget


def test_a_piece_late_in_a_long_reply_measures_only_the_text_it_changed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    view, widget = streamed(qtbot, long_reply(40), 1200)
    texts = widget.texts()
    assert len(texts) > 60  # prose and code blocks, then the tail
    asked: list[QWidget] = []
    measure = MessageBody.heightForWidth

    def spy(self: MessageBody, width: int) -> int:
        asked.append(self)
        return measure(self, width)

    monkeypatch.setattr(MessageBody, "heightForWidth", spy)
    for piece in ("and a new line of text\n", "that wraps " * 12, "\nthe end of it"):
        view.append_reply(piece)
        settle()
    tail = widget.texts()[-1]
    assert "the end of it" in tail.toPlainText()
    assert asked  # the tail grew, and was measured again
    assert {id(text) for text in asked} == {id(tail)}


@pytest.mark.parametrize(("text", "pieces"), [(long_reply(12), 400), (REPLY, 30)])
def test_a_reply_written_to_its_end_keeps_its_parts_and_shows_what_the_history_would(
    qtbot: QtBot, text: str, pieces: int
) -> None:
    view, widget = streamed(qtbot, text, pieces)
    before = widget.texts()[:-1]  # all but the tail
    view.end_reply("")
    settle()
    after = widget.texts()
    assert [id(part) for part in after[: len(before)]] == [id(part) for part in before]
    assert all(part.isVisible() for part in after)
    again = shown_view(qtbot)
    again.add_reply("SmolLM2", text, 2)
    settle()
    whole = again.message_widget(2)
    assert whole is not None
    assert [part.toHtml() for part in after] == [part.toHtml() for part in whole.texts()]
    assert widget.plain_text() == whole.plain_text()
    assert view.measured_height(2) == widget.heightForWidth(view.column_width())


def test_no_line_of_a_reply_ends_with_a_space_it_did_not_write(qtbot: QtBot) -> None:
    text = "First paragraph.\n\n## A heading\n\n- one\n- two\n\nLast words."
    view, widget = streamed(qtbot, text, 20)
    view.end_reply("")
    settle()
    assert widget.plain_text() == "First paragraph.\nA heading\none\ntwo\nLast words."


def test_a_reply_takes_its_new_height_when_the_text_size_grows(
    qtbot: QtBot, make_appearance: Callable[..., Appearance]
) -> None:
    appearance = make_appearance()
    view, widget = streamed(qtbot, long_reply(6), 120)
    view.end_reply("")
    settle()
    before = view.measured_height(2)
    assert before is not None
    appearance.set_font_size("larger")  # as Settings > Text size does
    qtbot.wait_until(lambda: (view.measured_height(2) or 0) > before)
    settle()
    assert widget.height() == view.measured_height(2)
    assert widget.height() == widget.heightForWidth(view.column_width())
    for text in widget.texts():  # none of them cut off
        assert text.height() >= math.ceil(text.document().size().height())


@pytest.mark.parametrize(
    "text",
    [
        long_reply(5) + "\n\nThe end, in a [link](https://example.org/a).",
        "See [the site][a] first.\n\n- one\n- two\n\n[a]: https://example.org/a\n\nDone.",
    ],
)
def test_a_reply_written_to_its_end_is_rendered_as_it_would_be_whole(text: str) -> None:
    stream = MarkdownStream()
    for piece in pieces_of(text, 40):
        stream.feed(piece)
    assert stream.whole() == render(text)
