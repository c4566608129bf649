"""The sidebar's list: chats under date headings, pinned first, actions on hover, keys."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.vault.store import ConversationStore
from desktop.ui.history.conversation_delegate import ROW_PX, RowAction
from desktop.ui.history.conversation_list import ConversationIdRole
from desktop.ui.history.date_groups import DateGroup, date_group
from desktop.ui.history.grouped_conversations import HeadingRole
from desktop.ui.history.sidebar import Sidebar

NOW = datetime(2026, 12, 7, 0, 0, 5)  # five seconds after midnight, local time


def ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


@pytest.mark.parametrize(
    ("when", "group"),
    [
        (NOW, DateGroup.TODAY),
        (datetime(2026, 12, 7, 0, 0, 0), DateGroup.TODAY),  # midnight itself
        (datetime(2026, 12, 6, 23, 59, 59), DateGroup.YESTERDAY),  # a second before
        (datetime(2026, 12, 6, 0, 0, 0), DateGroup.YESTERDAY),
        (datetime(2026, 12, 5, 23, 59, 59), DateGroup.WEEK),
        (datetime(2026, 11, 30, 0, 0, 0), DateGroup.WEEK),  # 7 calendar days ago
        (datetime(2026, 11, 29, 23, 59, 59), DateGroup.MONTH),  # 8
        (datetime(2026, 11, 7, 12, 0, 0), DateGroup.MONTH),  # 30
        (datetime(2026, 11, 6, 12, 0, 0), DateGroup.OLDER),  # 31
        (NOW + timedelta(hours=3), DateGroup.TODAY),  # a clock put back
    ],
)
def test_a_chat_falls_in_the_group_of_its_last_activitys_day(
    when: datetime, group: DateGroup
) -> None:
    assert date_group(ms(when), False, NOW) == group


def test_a_pinned_chat_is_pinned_whatever_its_day() -> None:
    assert date_group(ms(NOW - timedelta(days=400)), True, NOW) == DateGroup.PINNED


def chats(store: ConversationStore, *ages_days: float) -> list[int]:
    """Conversations titled "chat 0", "chat 1"… last active *ages_days* before NOW."""
    made = []
    for number, age in enumerate(ages_days):
        conversation = store.create_conversation()
        store.rename(conversation.id, f"chat {number}")
        updated = ms(NOW - timedelta(days=age))
        store.db.execute(
            "UPDATE conversations SET updated_at = ? WHERE id = ?", (updated, conversation.id)
        )
        made.append(conversation.id)
    return made


def make_sidebar(qtbot: QtBot, store: ConversationStore) -> Sidebar:
    sidebar = Sidebar(store)
    sidebar.groups._now = lambda: NOW  # the clock, pinned
    qtbot.add_widget(sidebar)
    sidebar.resize(280, 600)
    sidebar.show()
    sidebar.refresh(None)
    return sidebar


def shown(sidebar: Sidebar) -> list[str]:
    """The list as read: headings in capitals."""
    rows = []
    for row in range(sidebar.groups.rowCount()):
        index = sidebar.groups.index(row)
        rows.append(str(index.data()).upper() if index.data(HeadingRole) else str(index.data()))
    return rows


def test_chats_are_listed_under_their_headings_pinned_first(
    qtbot: QtBot, store: ConversationStore
) -> None:
    ids = chats(store, 0.0, 1.0, 3.0, 12.0, 90.0, 2.0)
    sidebar = make_sidebar(qtbot, store)
    sidebar.set_pinned(ids[4], True)
    assert shown(sidebar) == [
        "PINNED", "chat 4",
        "TODAY", "chat 0",
        "YESTERDAY", "chat 1",
        "PREVIOUS 7 DAYS", "chat 5", "chat 2",
        "PREVIOUS 30 DAYS", "chat 3",
    ]  # fmt: skip
    heading = sidebar.groups.index(0)
    assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
    assert sidebar.model.rowCount() == len(ids)  # the model itself holds chats alone


def test_rows_are_comfortable_and_headings_are_never_chosen(
    qtbot: QtBot, store: ConversationStore
) -> None:
    chats(store, 0.0)
    sidebar = make_sidebar(qtbot, store)
    view = sidebar.list_view
    heading, chat = sidebar.groups.index(0), sidebar.groups.index(1)
    assert ROW_PX <= view.visualRect(chat).height() <= ROW_PX + 8
    with qtbot.assert_not_emitted(sidebar.conversation_chosen):
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(heading).center()
        )
    assert not view.selectionModel().isSelected(heading)
    with qtbot.wait_signal(sidebar.conversation_chosen) as chosen:
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(chat).center()
        )
    assert chosen.args == [chat.data(ConversationIdRole)]


def test_the_arrow_keys_step_over_headings(qtbot: QtBot, store: ConversationStore) -> None:
    ids = chats(store, 0.0, 1.0, 1.1)
    sidebar = make_sidebar(qtbot, store)
    view = sidebar.list_view
    view.setFocus()
    sidebar.select(ids[0])  # Today's only chat
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().data(ConversationIdRole) == ids[1]  # past "Yesterday"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().data(ConversationIdRole) == ids[2]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().data(ConversationIdRole) == ids[0]
    qtbot.keyClick(view, Qt.Key.Key_Up)  # the heading above it is no stop
    assert view.currentIndex().data(ConversationIdRole) == ids[0]


def action_point(sidebar: Sidebar, conversation_id: int, action: RowAction) -> QPoint:
    """Where the pointer is on *action*'s icon, after it entered *conversation_id*'s row."""
    index = sidebar.groups.mapFromSource(sidebar.model.index(sidebar.model.row_of(conversation_id)))
    row = sidebar.list_view.visualRect(index)
    return sidebar._rows.action_rects(row)[action].center()


def test_the_pin_on_hover_pins_as_the_menu_does_without_opening_the_chat(
    qtbot: QtBot, store: ConversationStore
) -> None:
    ids = chats(store, 0.0, 3.0)
    sidebar = make_sidebar(qtbot, store)
    viewport = sidebar.list_view.viewport()
    point = action_point(sidebar, ids[1], RowAction.PIN)
    qtbot.mouseMove(viewport, point)
    with qtbot.assert_not_emitted(sidebar.conversation_chosen):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert store.get_conversation(ids[1]).pinned
    assert shown(sidebar)[:2] == ["PINNED", "chat 1"]
    point = action_point(sidebar, ids[1], RowAction.PIN)  # now an Unpin, at the top
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    assert not store.get_conversation(ids[1]).pinned


def test_the_bin_on_hover_asks_then_deletes(
    qtbot: QtBot, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = chats(store, 0.0, 3.0)
    sidebar = make_sidebar(qtbot, store)
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    viewport = sidebar.list_view.viewport()
    sidebar.writing = ids[0]  # its reply is being saved: the bin does nothing
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=action_point(sidebar, ids[0], RowAction.DELETE)
    )
    assert asked == [] and store.get_conversation(ids[0]) is not None
    sidebar.writing = None
    with qtbot.wait_signal(sidebar.conversation_deleted) as deleted:
        qtbot.mouseClick(
            viewport, Qt.MouseButton.LeftButton, pos=action_point(sidebar, ids[0], RowAction.DELETE)
        )
    assert deleted.args == [ids[0]] and "chat 0" in asked[0]
    assert shown(sidebar) == ["PREVIOUS 7 DAYS", "chat 1"]


def test_the_delete_key_asks_to_delete_the_chosen_chat(
    qtbot: QtBot, store: ConversationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = chats(store, 0.0)
    sidebar = make_sidebar(qtbot, store)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    sidebar.select(ids[0])
    sidebar.list_view.setFocus()
    qtbot.keyClick(sidebar.list_view, Qt.Key.Key_Delete)
    assert store.get_conversation(ids[0]) is None


def test_search_shows_results_in_place_of_the_list(qtbot: QtBot, store: ConversationStore) -> None:
    (chat,) = chats(store, 0.0)
    store.add_message(chat, "user", "Where do flamingos sleep?")
    sidebar = make_sidebar(qtbot, store)
    list_top = sidebar.list_view.mapTo(sidebar, QPoint(0, 0)).y()
    assert sidebar.search_box.geometry().bottom() < list_top  # the search field at the top
    qtbot.keyClicks(sidebar.search_box, "flamingo")
    qtbot.wait_until(lambda: sidebar.results.isVisible())
    assert "flamingos" in sidebar.results.item(0).text()
    sidebar.search_box.clear()
    qtbot.wait_until(lambda: sidebar.list_view.isVisible())


def test_the_headings_move_on_at_midnight(qtbot: QtBot, store: ConversationStore) -> None:
    chats(store, 0.0)  # active at NOW, five seconds after midnight
    sidebar = make_sidebar(qtbot, store)
    groups = sidebar.groups
    assert shown(sidebar) == ["TODAY", "chat 0"]
    timer = groups._midnight
    assert timer.isActive() and timer.interval() == (24 * 3600 - 5 + 1) * 1000
    groups._now = lambda: NOW + timedelta(days=1)
    timer.timeout.emit()  # as it fires, a second after the next midnight
    assert shown(sidebar) == ["YESTERDAY", "chat 0"]
