"""The messages' layout holds still: under the pointer, when a reply ends, and when the text
size changes, nothing moves or is cut off."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.chat.pasted import with_pasted
from desktop.ui.chat import MessageView
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.question_bubble import Bubble
from desktop.ui.theme import Appearance
from desktop.ui.widgets.icon_button import IconButton
from tests.ui.chat.test_chat_view import long_reply, pieces_of, settle, widget_of


def shown_view(qtbot: QtBot, width: int = 700, height: int = 600) -> MessageView:
    view = MessageView()
    qtbot.add_widget(view)
    view.resize(width, height)
    view.show()
    qtbot.wait_exposed(view)
    return view


def in_view(view: MessageView, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def controls(widget: MessageWidget) -> list[IconButton]:
    """The branch switcher's parts and every action button the message offers."""
    switcher = widget.branch_switcher()
    assert switcher is not None
    actions = widget.show_actions()
    buttons = [actions.button(action) for action in actions.offered()]
    widget.leaveEvent(None)  # type: ignore[arg-type]  # as before the pointer came
    return [switcher[0], switcher[2], *buttons]


def test_nothing_in_a_message_moves_when_the_pointer_comes_over_it(
    qtbot: QtBot,
) -> None:
    view = shown_view(qtbot)
    view.add_user_message("First question, with a second version", 1)
    view.add_reply("SmolLM2", "An answer.", 2)
    view.add_user_message("Another question", 3)
    view.add_reply("SmolLM2", "Another answer.", 4)
    view.set_branch(1, 1, 2)
    view.set_branch(2, 1, 2)
    settle()
    QTest.mouseMove(view.viewport(), QPoint(2, view.viewport().height() - 2))
    for message_id in (1, 2):
        widget = widget_of(view, message_id)
        parts = controls(widget)
        before = [in_view(view, part) for part in parts]
        # The pointer comes over the message, then leaves it.
        QTest.mouseMove(widget, QPoint(widget.width() // 2, widget.height() // 2))
        qtbot.wait_until(widget.underMouse)
        settle()
        actions = widget.show_actions()
        assert actions.isVisible()
        assert [in_view(view, part) for part in parts] == before
        QTest.mouseMove(view.viewport(), QPoint(2, view.viewport().height() - 2))
        qtbot.wait_until(lambda w=widget: not w.underMouse())
        settle()
        assert not actions.isVisible()
        assert [in_view(view, part) for part in parts] == before
    icons = [part.icon_name() for part in controls(widget_of(view, 1))]
    assert icons == ["caret-left", "caret-right", "copy", "pencil-simple", "trash"]


def test_a_click_aimed_at_the_branch_arrow_reaches_it_after_the_pointer_came_in(
    qtbot: QtBot,
) -> None:
    view = shown_view(qtbot)
    view.add_user_message("A question", 1)
    view.add_reply("SmolLM2", "An answer.", 2)
    view.set_branch(1, 1, 2)
    settle()
    widget = widget_of(view, 1)
    switcher = widget.branch_switcher()
    assert switcher is not None
    previous = switcher[0]
    aim = previous.mapTo(view.viewport(), previous.rect().center())
    QTest.mouseMove(view.viewport(), aim)
    qtbot.wait_until(widget.underMouse)
    settle()
    with qtbot.wait_signal(view.branch_requested) as asked:
        QTest.mouseClick(view.viewport().childAt(aim), Qt.MouseButton.LeftButton)
    assert asked.args == [1, -1]


@pytest.mark.parametrize("earlier", [0, 3])
def test_the_reply_header_stays_where_it_is_when_the_reply_ends(qtbot: QtBot, earlier: int) -> None:
    view = shown_view(qtbot)
    for number in range(earlier):  # enough to scroll: the view follows the reply
        view.add_user_message(f"Question {number}", 10 + 2 * number)
        view.add_reply("SmolLM2", long_reply(1), 11 + 2 * number, footer="3 tokens")
    view.add_user_message("Tell me", 1)
    view.begin_reply("SmolLM2", 2)
    view.show_reply_progress("Reading your message… 44%")
    settle()
    view.show_reply_progress("")
    for piece in pieces_of("Some words.\n\n- one\n- two\n\nThe end.", 12):
        view.append_reply(piece)
        settle()
    widget = widget_of(view, 2)
    streaming = in_view(view, widget.heading).y()
    view.end_reply("12 tokens · 4.0 tokens/s · first token after 0.3 s")
    settle()
    assert in_view(view, widget_of(view, 2).heading).y() == streaming


def assert_laid_out(view: MessageView) -> None:
    """Each message as tall as it needs at the column's width, and none over the next."""
    widgets = sorted(
        (w for w in view.viewport().findChildren(MessageWidget) if w.isVisible()),
        key=lambda w: w.y(),
    )
    assert len(widgets) >= 2
    for widget in widgets:
        assert widget.height() == widget.heightForWidth(view.column_width())
        for text in widget.texts():
            assert text.height() >= text.heightForWidth(text.width())
    for upper, lower in itertools.pairwise(widgets):
        assert upper.geometry().bottom() < lower.geometry().top()


def test_questions_and_replies_are_laid_out_again_when_the_text_size_changes(
    qtbot: QtBot, make_appearance: Callable[..., Appearance]
) -> None:
    appearance = make_appearance()
    view = shown_view(qtbot, 800, 900)
    view.add_user_message("A question long enough to wrap over a line or two. " * 4, 1)
    view.add_reply("SmolLM2", long_reply(1), 2, footer="40 tokens · 8.1 tokens/s")
    view.add_user_message("And one more, short", 3)
    view.add_reply("SmolLM2", "Short.", 4, footer="2 tokens · 8.0 tokens/s")
    settle()
    assert_laid_out(view)
    heights = [widget_of(view, n).height() for n in (1, 2, 3, 4)]
    bubbles = [in_view(view, widget_of(view, n).findChild(Bubble)) for n in (1, 3)]
    for size in ("larger", "small", "normal"):
        appearance.set_font_size(size)
        settle()
        assert_laid_out(view)
        if size == "larger":
            assert all(
                widget_of(view, n).height() > old
                for n, old in zip((1, 2, 3, 4), heights, strict=True)
            )
    # Back at the normal size, each question's bubble is where and as wide as it was.
    assert [in_view(view, widget_of(view, n).findChild(Bubble)) for n in (1, 3)] == bubbles


def test_a_long_paste_is_folded_in_its_question_as_a_chip(qtbot: QtBot) -> None:
    pasted = "The tenant shall pay the rent. " * 400  # 2,400 words
    view = shown_view(qtbot)
    view.add_user_message(with_pasted("What does this say?", [pasted]), 1)
    view.add_reply("SmolLM2", "It says the tenant pays.", 2)
    settle()
    widget = widget_of(view, 1)
    assert widget.plain_text() == "What does this say?"
    chips = [label for label in widget.findChildren(QLabel, "pasted_chip") if label.isVisible()]
    assert len(chips) == 1 and QLocale().toString(2400) in chips[0].text()
    assert widget.height() < 200  # folded: not a bubble of the whole paste
    assert chips[0].width() >= chips[0].sizeHint().width()  # not cut
    assert_laid_out(view)
