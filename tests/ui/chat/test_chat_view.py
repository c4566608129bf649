"""The chat view: Markdown, copying, streaming at a constant cost, actions, long chats."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QAbstractSlider,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.chat import markdown
from desktop.ui.chat import MessageView, Turn
from desktop.ui.chat import shown_message as shown_message_module
from desktop.ui.chat.code_block import CodeBlock
from desktop.ui.chat.height_index import HeightIndex
from desktop.ui.chat.message_widget import MessageWidget

CODE = "def double(x):\n\treturn x  *  2   \n\n# <b>not bold</b> & 'quotes'"
REPLY = f"""# Doubling

Some **bold** text, then a list:

- first item
- second item

| Name | Value |
|------|-------|
| left cell | right cell |

```python
{CODE}
```

That is all.
"""


@pytest.fixture
def view(qtbot: QtBot) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(640, 480)
    view.show()
    return view


def settle() -> None:
    """Let the view lay out what it was given (it does so once per turn of the event loop),
    and delete the widgets it let go."""
    for _ in range(3):
        QCoreApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def widget_of(view: MessageView, message_id: int) -> MessageWidget:
    settle()
    for widget in view.viewport().findChildren(MessageWidget):
        if widget.message.message_id == message_id and widget.isVisible():
            return widget
    raise AssertionError(f"message {message_id} has no widget on screen")


def button(widget: MessageWidget, name: str) -> QToolButton:
    """The action's button, shown as when the pointer comes over the message."""
    found = widget.show_actions().findChild(QToolButton, f"{name}_button")
    assert found is not None
    return found


def plain_text_of(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def shown_text_of(text: str) -> str:
    """The plain text a finished reply of Markdown *text* shows: prose (with no space left
    at its end by the line end after its last block), and code as written."""
    return "\n".join(
        plain_text_of(segment.html).rstrip(" ")
        if isinstance(segment, markdown.Prose)
        else segment.code
        for segment in markdown.render(text).segments
    )


def code_blocks(widget: MessageWidget) -> list[CodeBlock]:
    return [block for block in widget.findChildren(CodeBlock) if block.isVisible()]


@pytest.fixture
def render_spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The length of every text the view renders as Markdown, in order."""
    lengths: list[int] = []

    def spy(text: str, **options: object) -> markdown.Rendered:
        lengths.append(len(text))
        return markdown.render(text, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(shown_message_module, "render", spy)
    yield lengths


# Markdown and copying


def test_markdown_is_rendered_and_its_copy_button_copies_the_code_exactly(
    qtbot: QtBot, view: MessageView
) -> None:
    view.add_reply("SmolLM2", REPLY, 7)
    widget = widget_of(view, 7)
    shown = widget.plain_text()
    for text in ("Doubling", "first item", "second item", "left cell", "right cell", "return x"):
        assert text in shown
    assert "**" not in shown and "```" not in shown and "| Name" not in shown
    assert "Copy" not in shown  # a button, not text that would be selected or printed
    (block,) = code_blocks(widget)
    assert block.text.toPlainText() == CODE
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(block.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == CODE
    assert "Copied" in [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_copy_puts_the_exact_source_text_of_a_message_on_the_clipboard(view: MessageView) -> None:
    question = "What does **this** do?\n\n    indented  \n`x` < y & z"
    view.add_user_message(question, 1)
    view.add_reply("SmolLM2", REPLY, 2)
    button(widget_of(view, 1), "copy").click()
    assert QGuiApplication.clipboard().text() == question
    labels = widget_of(view, 1).findChildren(QLabel)
    assert [label.text() for label in labels if label.isVisible()] == ["Copied"]
    button(widget_of(view, 2), "copy").click()
    assert QGuiApplication.clipboard().text() == REPLY


def test_a_users_message_is_shown_as_typed(view: MessageView) -> None:
    view.add_user_message("# not a heading\n**not bold**", 1)
    assert widget_of(view, 1).plain_text() == "# not a heading\n**not bold**"


# Streaming


def long_reply(sections: int) -> str:
    parts = []
    for number in range(sections):
        parts.append(f"## Part {number}\n\nSome *text* about part {number}, long enough to wrap.\n")
        parts.append(f"1. step {number}.a\n2. step {number}.b\n")
        parts.append(f"```\nvalue_{number} = {number} * 2\n```\n")
    return "\n".join(parts)


def pieces_of(text: str, count: int) -> list[str]:
    """*text* cut into *count* pieces of (nearly) the same length."""
    ends = [len(text) * number // count for number in range(count + 1)]
    return [text[start:end] for start, end in itertools.pairwise(ends)]


def test_streaming_renders_each_run_once_and_ends_as_the_whole_reply(
    view: MessageView, render_spy: list[int]
) -> None:
    text = long_reply(60)
    pieces = pieces_of(text, 2000)
    assert len(pieces) == 2000 and len(text) > 2 * len(pieces)
    view.add_user_message("Tell me", 1)
    view.begin_reply("SmolLM2", 2)
    for number, piece in enumerate(pieces):
        view.append_reply(piece)
        if number % 50 == 0:
            settle()
    widget = widget_of(view, 2)
    assert "step 59.b" in widget.plain_text()  # runs shown as they came, the tail as text
    assert len(code_blocks(widget)) >= 59  # each code block in a widget of its own
    streamed = sum(render_spy)
    view.end_reply("12.3 tokens/s · first token after 0.20 s")
    settle()
    assert widget.plain_text() == shown_text_of(text)
    assert "## Part" not in widget.plain_text()
    assert "12.3 tokens/s" in view.toPlainText()
    # Every run rendered once while streaming, then the whole reply once: no piece re-renders.
    assert streamed <= len(text)
    assert sum(render_spy) < 3 * len(text)
    assert len(render_spy) < len(pieces) / 4


def test_code_blocks_of_a_reply_being_written_copy_exactly(view: MessageView) -> None:
    view.begin_reply("SmolLM2", 2)
    for piece in pieces_of(f"First:\n\n```\n{CODE}\n```\n\nSecond:\n\n```\nb = 2\n```\n\nEnd", 40):
        view.append_reply(piece)
    first, second = code_blocks(widget_of(view, 2))
    second.copy_button.click()
    assert QGuiApplication.clipboard().text() == "b = 2"
    first.copy_button.click()
    assert QGuiApplication.clipboard().text() == CODE


def test_a_reply_streamed_before_the_view_lays_out_is_shown_whole(view: MessageView) -> None:
    view.begin_reply("SmolLM2", 2)
    for piece in pieces_of(REPLY, 30):
        view.append_reply(piece)
    view.end_reply("")
    assert widget_of(view, 2).plain_text() == shown_text_of(REPLY)


def test_streaming_follows_the_bottom_unless_the_user_scrolled_up(view: MessageView) -> None:
    for number in range(40):
        view.add_user_message(f"question {number}\nwith a second line", number)
    view.begin_reply("SmolLM2", 100)
    settle()
    bar = view.verticalScrollBar()
    for piece in pieces_of(long_reply(4), 200):
        view.append_reply(piece)
    settle()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(bar.maximum() // 2)
    settle()
    kept = bar.value()
    on_screen = [
        widget
        for widget in view.viewport().findChildren(MessageWidget)
        if widget.isVisible() and view.viewport().rect().intersects(widget.geometry())
    ]
    places = {widget.message.message_id: widget.geometry().top() for widget in on_screen}
    assert places and 100 not in places
    for piece in pieces_of(long_reply(4), 200):
        view.append_reply(piece)
    settle()
    assert bar.value() == kept and bar.maximum() > kept
    assert {number: widget_of(view, number).geometry().top() for number in places} == places
    bar.setValue(bar.maximum())
    view.append_reply("\n\nOne more paragraph.\n\n")
    settle()
    assert bar.value() == bar.maximum()


# Actions and marks


def test_actions_carry_the_message_ids(qtbot: QtBot, view: MessageView) -> None:
    view.add_user_message("first question", 1)
    view.add_reply("SmolLM2", "first answer", 2)
    view.add_user_message("second question", 3)
    view.add_reply("SmolLM2", "second answer", 4)
    with qtbot.wait_signal(view.edit_requested) as edit:
        button(widget_of(view, 3), "edit").click()
    assert edit.args == [3]
    with qtbot.wait_signal(view.regenerate_requested) as regenerate:
        button(widget_of(view, 4), "regenerate").click()
    assert regenerate.args == [4]
    assert not button(widget_of(view, 2), "regenerate").isVisible()  # only the last reply
    assert not button(widget_of(view, 4), "edit").isVisible()
    with qtbot.wait_signal(view.delete_requested) as delete:
        button(widget_of(view, 2), "delete").click()
    assert delete.args == [2]


def test_branch_arrows_ask_for_the_sibling_before_or_after(qtbot: QtBot, view: MessageView) -> None:
    view.add_user_message("question", 1)
    view.add_reply("SmolLM2", "answer", 2)
    view.set_branch(2, 1, 3)
    widget = widget_of(view, 2)
    switcher = widget.branch_switcher()
    assert switcher is not None
    arrows = [switcher[0], switcher[2]]
    assert [arrow.icon_name() for arrow in arrows] == ["caret-left", "caret-right"]
    assert len(arrows) == 2 and all(arrow.isVisible() for arrow in arrows)
    assert "2 / 3" in [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    for arrow, step in zip(arrows, (-1, +1), strict=True):
        with qtbot.wait_signal(view.branch_requested) as branch:
            arrow.click()
        assert branch.args == [2, step]
    view.set_branch(2, 0, 1)
    assert not any(arrow.isVisible() for arrow in arrows)


def test_an_incognito_message_can_be_copied_but_offers_nothing_that_needs_its_key(
    view: MessageView,
) -> None:
    view.add_user_message("secret question")
    view.add_reply("SmolLM2", "secret answer")
    settle()
    widgets = view.viewport().findChildren(MessageWidget)
    assert len(widgets) == 2
    for widget in widgets:
        names = ("copy", "edit", "regenerate", "delete")
        shown = [name for name in names if button(widget, name).isVisible()]
        assert shown == ["copy"]
    (reply,) = [widget for widget in widgets if not widget.message.is_user]
    button(reply, "copy").click()
    assert QGuiApplication.clipboard().text() == "secret answer"


def test_the_memory_line_stands_above_the_message_it_names(view: MessageView) -> None:
    for number in range(1, 7):
        view.add_user_message(f"message {number}", number)

    def dividers() -> dict[int, QWidget]:
        settle()
        found = {}
        for widget in view.viewport().findChildren(MessageWidget):
            divider = widget.findChild(QWidget, "memory_divider")
            if divider is not None and divider.isVisible():
                found[widget.message.message_id] = divider
        return found

    assert dividers() == {} and view.memory_start() is None
    view.set_memory_start(4)
    assert view.memory_start() == 4
    (marked,) = dividers().items()
    assert marked[0] == 4
    widget = widget_of(view, 4)
    text = widget.texts()[0]
    assert marked[1].geometry().bottom() < text.mapTo(widget, QPoint(0, 0)).y()
    assert widget_of(view, 3).geometry().bottom() < widget.geometry().top() + 1
    view.set_memory_start(5)
    assert list(dividers()) == [5]
    view.set_memory_start(None)
    assert dividers() == {}


# Long conversations


def add_numbered(view: MessageView, start: int, count: int) -> None:
    for number in range(start, start + count):
        if number % 2:
            view.add_reply("SmolLM2", f"Answer **{number}**\n\n- a point\n- another", number)
        else:
            view.add_user_message(f"Question {number}", number)


def test_scrolling_to_the_top_asks_for_earlier_messages_which_come_in_above(
    qtbot: QtBot, view: MessageView
) -> None:
    with qtbot.assert_not_emitted(view.earlier_requested):
        view.set_has_earlier(True)
        add_numbered(view, 100, 60)
        settle()
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() > 0
    assert view.shows(159) and not view.shows(99)
    with qtbot.wait_signal(view.earlier_requested):
        bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    settle()
    top = widget_of(view, 100)
    place = top.mapTo(view, top.rect().topLeft())
    view.prepend_messages(
        [
            Turn("user" if number % 2 == 0 else "assistant", f"Earlier {number}", number)
            for number in range(40, 100)
        ]
    )
    view.set_has_earlier(False)
    settle()
    top = widget_of(view, 100)
    assert top.mapTo(view, top.rect().topLeft()) == place  # nothing moved on screen
    assert view.shows(40) and bar.value() > 0
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMinimum)
    settle()
    assert widget_of(view, 40).isVisible()


def test_the_show_earlier_button_asks_too(qtbot: QtBot, view: MessageView) -> None:
    view.add_user_message("the only message", 1)
    view.set_has_earlier(True)
    settle()
    (earlier,) = [
        found
        for found in view.viewport().findChildren(QPushButton)
        if found.isVisible() and found.text() == "Show earlier messages"
    ]
    with qtbot.wait_signal(view.earlier_requested):
        earlier.click()
    assert "Show earlier messages" in view.toPlainText()


def test_highlight_scrolls_to_the_message_and_selects_the_word(view: MessageView) -> None:
    add_numbered(view, 0, 200)
    view.add_user_message("Where do flamingos live?", 500)
    add_numbered(view, 1000, 200)
    view.highlight(500, "nowhere flamin")
    widget = widget_of(view, 500)
    assert view.viewport().rect().contains(widget.geometry().center())
    assert view.selected_text().lower() == "flamin"


def test_only_the_messages_near_the_screen_have_widgets_however_many_there_are(
    view: MessageView,
) -> None:
    # That adding one costs the same however many there are is measured by
    # tests/bench/bench_render.py (adding 100 messages at a time).
    for start in range(0, 2000, 100):
        add_numbered(view, start, 100)
        settle()
        assert len(view.viewport().findChildren(MessageWidget)) < 40
    assert view.shows(1999) and widget_of(view, 1999).isVisible()


def test_widgets_are_let_go_and_made_again_as_the_user_scrolls(view: MessageView) -> None:
    add_numbered(view, 0, 1000)
    settle()
    bar = view.verticalScrollBar()
    bar.setValue(0)
    settle()
    assert widget_of(view, 0).isVisible()
    while bar.value() < bar.maximum():
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        settle()
        assert len(view.viewport().findChildren(MessageWidget)) < 60
    assert widget_of(view, 999).isVisible()


def test_replacing_a_branch_keeps_the_messages_above_in_place(view: MessageView) -> None:
    add_numbered(view, 0, 30)
    settle()
    above = widget_of(view, 27)
    place = above.geometry().top()
    longer = "New answer\n\n" + "\n\n".join(f"Paragraph {n}" for n in range(12))
    view.replace_from(28, [Turn("user", "Another question", 40), Turn("assistant", longer, 41)])
    settle()
    assert widget_of(view, 27).geometry().top() == place
    assert view.shows(41) and not view.shows(29)
    assert "New answer" in view.toPlainText() and "Question 28" not in view.toPlainText()


def test_a_view_filled_while_hidden_shows_everything_once_shown(qtbot: QtBot) -> None:
    view = MessageView()
    qtbot.add_widget(view)
    view.add_user_message("Tell me", 1)
    view.begin_reply("SmolLM2", 2)
    for piece in pieces_of(REPLY, 25):
        view.append_reply(piece)
    settle()
    assert view.viewport().findChildren(MessageWidget) == []
    view.resize(640, 480)
    view.show()
    assert widget_of(view, 1).plain_text() == "Tell me"
    view.end_reply("done")
    assert widget_of(view, 2).plain_text() == shown_text_of(REPLY)


def test_a_narrower_window_keeps_the_message_read_in_place(view: MessageView) -> None:
    add_numbered(view, 0, 300)
    settle()
    view.highlight(150, "Question")
    top = widget_of(view, 150).geometry().top()
    view.resize(420, 480)
    settle()
    narrow = widget_of(view, 150)
    assert narrow.geometry().top() == top and narrow.width() == view.viewport().width()


@pytest.mark.parametrize("seed", range(5))
def test_the_height_index_agrees_with_plain_sums(seed: int) -> None:
    chance = random.Random(seed)
    heights = [chance.randrange(0, 50) for _ in range(chance.randrange(1, 300))]
    index = HeightIndex(heights[:10])
    for height in heights[10:]:
        index.append(height)
    for _ in range(100):
        row = chance.randrange(len(heights))
        heights[row] = chance.randrange(0, 50)
        index.set(row, heights[row])
    assert [index.offset(row) for row in range(len(heights) + 1)] == [
        sum(heights[:row]) for row in range(len(heights) + 1)
    ]
    for y in range(-3, sum(heights) + 3):
        expected = max((row for row in range(len(heights)) if sum(heights[:row]) <= y), default=0)
        assert index.row_at(y) == expected
