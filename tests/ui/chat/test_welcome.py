"""The welcome in the chat area: the promise, four prompts to try, and a better model."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.chat.welcome import Welcome
from desktop.ui.theme import Appearance


@pytest.fixture
def welcome(qtbot: QtBot) -> Welcome:
    widget = Welcome()
    qtbot.add_widget(widget)
    return widget


def test_a_card_offers_its_whole_prompt(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.show()
    assert "nothing you write is sent anywhere" in welcome.promise.text()
    assert len(welcome.cards) == 4
    draft = welcome.cards[0]
    assert "engagement letter by Friday" in draft.prompt
    with qtbot.wait_signal(welcome.prompt_chosen) as chosen:
        qtbot.mouseClick(draft, Qt.MouseButton.LeftButton)
    assert chosen.args == [draft.prompt]
    assert draft.accessibleDescription() == draft.prompt
    with qtbot.wait_signal(welcome.prompt_chosen) as chosen:
        welcome.cards[1].setFocus()
        qtbot.keyClick(welcome.cards[1], Qt.Key.Key_Space)
    assert chosen.args == [welcome.cards[1].prompt]


def test_the_better_model_button_asks_for_one(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.show()
    with qtbot.wait_signal(welcome.better_model_requested):
        qtbot.mouseClick(welcome.better_model_button, Qt.MouseButton.LeftButton)


def assert_whole(widget: QWidget, page: QWidget) -> None:
    """*widget* has the room its text needs, inside *page*."""
    geometry = widget.geometry()
    assert geometry.width() >= widget.minimumSizeHint().width(), widget
    if widget.hasHeightForWidth():
        assert geometry.height() >= widget.heightForWidth(geometry.width()), widget
    left = widget.mapTo(page, QPoint(0, 0)).x()
    assert left >= 0 and left + widget.width() <= page.width(), widget


@pytest.mark.parametrize(("width", "height"), [(560, 420), (800, 600), (1440, 900)])
def test_nothing_is_clipped_at_window_sizes(
    qtbot: QtBot, welcome: Welcome, width: int, height: int
) -> None:
    welcome.resize(width, height)
    welcome.show()
    qtbot.wait_exposed(welcome)
    page = welcome.widget()
    qtbot.wait_until(lambda: page.width() <= welcome.viewport().width())  # never sideways
    for widget in [*welcome.cards, welcome.better_model_button, *page.findChildren(QLabel)]:
        assert_whole(widget, page)


def test_the_cards_stand_two_by_two_when_there_is_room(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.resize(1440, 900)
    welcome.show()
    qtbot.wait_exposed(welcome)
    assert len({card.geometry().top() for card in welcome.cards}) == 2
    assert len({card.geometry().left() for card in welcome.cards}) == 2
    welcome.resize(300, 420)
    qtbot.wait_until(lambda: len({card.geometry().top() for card in welcome.cards}) == 4)


@pytest.mark.parametrize(("width", "height"), [(580, 560), (800, 600), (1280, 800)])
def test_every_text_follows_the_text_size_and_stays_whole(
    qtbot: QtBot,
    welcome: Welcome,
    make_appearance: Callable[..., Appearance],
    width: int,
    height: int,
) -> None:
    appearance = make_appearance("light")
    welcome.resize(width, height)
    welcome.show()
    qtbot.wait_exposed(welcome)
    labels = [welcome.title, *(card.title for card in welcome.cards), welcome.cards[0].line]
    before = [label.fontInfo().pixelSize() for label in labels]
    card_height = welcome.cards[0].height()
    appearance.set_font_size("larger")
    qtbot.wait_until(lambda: welcome.cards[0].height() > card_height)
    after = [label.fontInfo().pixelSize() for label in labels]
    assert all(new > old for old, new in zip(before, after, strict=True)), (before, after)
    assert after[0] > after[1] > after[-1]  # the heading, a card's title, its line
    page = welcome.widget()
    qtbot.wait_until(lambda: page.width() <= welcome.viewport().width())  # never sideways
    # Each card's layout is redone in a pass of its own, after the first card grew.
    qtbot.wait_until(
        lambda: all(card.height() >= card.heightForWidth(card.width()) for card in welcome.cards)
    )
    for card in welcome.cards:
        assert_whole(card, page)
        for label in (card.title, card.line):
            assert label.geometry().right() <= card.contentsRect().right(), label
            assert label.height() >= label.heightForWidth(label.width()), label.text()
            widest = max(
                label.fontMetrics().horizontalAdvance(word) for word in label.text().split()
            )
            assert widest <= label.width(), label.text()
