"""The welcome in the chat area: the promise, three prompts to try, and a better model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.ui.chat.welcome import Welcome


@pytest.fixture
def welcome(qtbot: QtBot) -> Welcome:
    widget = Welcome()
    qtbot.add_widget(widget)
    return widget


def test_a_card_offers_its_whole_prompt(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.show()
    assert "nothing you write is sent anywhere" in welcome.promise.text()
    assert len(welcome.cards) == 3
    draft = welcome.cards[0]
    assert "engagement letter by Friday" in draft.prompt
    with qtbot.wait_signal(welcome.prompt_chosen) as chosen:
        qtbot.mouseClick(draft, Qt.MouseButton.LeftButton)
    assert chosen.args == [draft.prompt]
    assert draft.accessibleDescription() == draft.prompt


def test_the_better_model_button_asks_for_one(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.show()
    with qtbot.wait_signal(welcome.better_model_requested):
        qtbot.mouseClick(welcome.better_model_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("width", "height"), [(560, 420), (800, 600), (1440, 900)])
def test_nothing_is_clipped_at_window_sizes(
    qtbot: QtBot, welcome: Welcome, width: int, height: int
) -> None:
    welcome.resize(width, height)
    welcome.show()
    qtbot.wait_exposed(welcome)
    page = welcome.widget()
    assert page.width() <= welcome.viewport().width()  # no sideways scrolling
    for widget in [*welcome.cards, welcome.better_model_button, *page.findChildren(QLabel)]:
        geometry = widget.geometry()
        assert geometry.width() >= widget.minimumSizeHint().width(), widget
        if widget.hasHeightForWidth():
            assert geometry.height() >= widget.heightForWidth(geometry.width()), widget
        left = widget.mapTo(page, QPoint(0, 0)).x()
        assert left >= 0 and left + widget.width() <= page.width(), widget


def test_the_cards_stand_in_a_row_when_there_is_room(qtbot: QtBot, welcome: Welcome) -> None:
    welcome.resize(1440, 900)
    welcome.show()
    qtbot.wait_exposed(welcome)
    tops = {card.geometry().top() for card in welcome.cards}
    assert len(tops) == 1
    welcome.resize(560, 420)
    qtbot.wait_until(lambda: len({card.geometry().top() for card in welcome.cards}) == 3)
