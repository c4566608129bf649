"""A reply's citations: "[n]" drawn as a chip that, clicked, asks for the passage cited, and
a reply's header: the model's human name."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.core.vault.sources import Source
from desktop.ui.chat import MessageView
from desktop.ui.chat.message_body import MessageBody
from tests.ui.chat.test_chat_view import settle, widget_of

SOURCES = (
    Source(1, "/matters/acme/contract.pdf", 3, 10, 40, "The buyer pays within thirty days."),
    Source(2, "/matters/acme/letter.txt", None, 0, 20, "Dear Sir, we write"),
)
REPLY = (
    "The buyer pays within thirty days [1], as the letter says [2].\n\n"
    "In code: `x[1]`; [7] is not cited."
)


def shown_view(qtbot: QtBot) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(700, 500)
    view.show()
    qtbot.wait_exposed(view)
    return view


def chips(text: MessageBody) -> dict[str, QPoint]:
    """Each link in *text*, at the middle of its first character (in the viewport's
    coordinates)."""
    found: dict[str, QPoint] = {}
    block = text.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            href = fragment.charFormat().anchorHref()
            if href and href not in found:
                cursor = QTextCursor(text.document())
                cursor.setPosition(fragment.position() + 1)
                rect = text.cursorRect(cursor)
                found[href] = QPoint(rect.left() - 2, rect.center().y())
            iterator += 1
        block = block.next()
    return found


def test_a_citation_is_a_chip_that_asks_for_its_passage(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.add_user_message("When is it due?", 1)
    view.add_reply("SmolLM2", REPLY, 2, sources=SOURCES)
    settle()
    widget = widget_of(view, 2)
    text = widget.texts()[0]
    links = chips(text)
    assert set(links) == {"cite:1", "cite:2"}  # not inside code, not a number with no source
    shown = widget.plain_text()
    assert "days [1]" not in shown and "[2]" not in shown
    assert "x[1]" in shown and "[7]" in shown
    with qtbot.wait_signal(view.source_requested) as clicked:  # what the sources list sends
        QTest.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=links["cite:2"])
    assert clicked.args == [SOURCES[1]]


def test_citations_stay_text_until_the_reply_has_sources(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.add_user_message("When is it due?", 1)
    view.begin_reply("SmolLM2", 2)
    view.append_reply(REPLY)
    view.end_reply("")
    settle()
    widget = widget_of(view, 2)
    assert not chips(widget.texts()[0])
    assert "days [1]" in widget.plain_text()
    view.set_sources(2, SOURCES)  # as the controller does once the reply is written
    settle()
    assert set(chips(widget_of(view, 2).texts()[0])) == {"cite:1", "cite:2"}


def test_a_reply_is_headed_with_its_models_human_name(qtbot: QtBot) -> None:
    view = shown_view(qtbot)
    view.add_user_message("Hi", 1)
    view.add_reply("SmolLM2-135M-Instruct.Q4_1", "Hello.", 2)
    view.begin_reply("lan-server/llama3:8b", 3)
    settle()
    assert widget_of(view, 2).heading.text() == "SmolLM2 135M Instruct"
    assert widget_of(view, 3).heading.text() == "llama3:8b"
