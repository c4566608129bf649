"""The composer's box: a long paste becomes a chip that goes with the question whole, the box
grows with its text, and each chat keeps its own draft."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.core.chat.pasted import FOLDED_FROM, split_pasted
from desktop.core.vault.store import ConversationStore
from desktop.ui.chat.chip_box import ChipBox
from desktop.ui.chat.composer import LINES_SHOWN, Composer
from desktop.ui.chat.composer_box import ComposerBox
from desktop.ui.window.main_window import MainWindow

CLAUSE = "The Supplier shall deliver the Goods on the agreed date. "


def make_box(qtbot: QtBot) -> ComposerBox:
    box = ComposerBox(ChipBox(), ChipBox())
    qtbot.add_widget(box)
    box.resize(600, 200)
    box.show()
    return box


def paste(composer: Composer, text: str) -> None:
    QApplication.clipboard().setText(text)
    composer.paste()


def test_a_long_paste_is_a_chip_and_is_sent_whole(qtbot: QtBot) -> None:
    box = make_box(qtbot)
    composer = box.composer
    sent: list[str] = []
    composer.submitted.connect(sent.append)
    pasted = CLAUSE * 40
    assert len(pasted) > FOLDED_FROM
    qtbot.keyClicks(composer, "Sum this up")
    paste(composer, pasted)
    assert composer.typed_text() == "Sum this up"  # the box keeps only what was typed
    chips = box.pasted.chips()
    assert len(chips) == 1 and box.pasted.isVisible()
    words = QLocale().toString(len(pasted.split()))
    assert f"Pasted text, {words} words" in [
        label.text() for label in chips[0].findChildren(QLabel)
    ]

    paste(composer, "a short paste")  # short pastes go in the box as ever
    assert composer.typed_text() == "Sum this upa short paste"

    box.send_button.click()
    assert len(sent) == 1
    assert split_pasted(sent[0]) == ("Sum this upa short paste", [pasted])  # the model reads it all
    assert composer.toPlainText() == "" and not box.pasted.isVisibleTo(box)


def test_a_pasted_text_can_be_taken_out_again(qtbot: QtBot) -> None:
    box = make_box(qtbot)
    paste(box.composer, CLAUSE * 40)
    with qtbot.wait_signal(box.composer.textChanged):  # counted again without it
        qtbot.mouseClick(
            box.pasted.chips()[0].findChildren(type(box.send_button))[0], Qt.MouseButton.LeftButton
        )
    assert box.composer.pasted == [] and box.composer.toPlainText() == ""
    QCoreApplication.processEvents()
    assert box.pasted.chips() == [] and not box.pasted.isVisibleTo(box)


def test_a_message_given_back_keeps_its_pasted_text_as_a_chip(qtbot: QtBot) -> None:
    box = make_box(qtbot)
    paste(box.composer, CLAUSE * 40)
    box.composer.insertPlainText("Question")
    message = box.composer.toPlainText()
    box.composer.clear()
    box.composer.setPlainText(message)  # as the chat does with a question not sent
    assert box.composer.typed_text() == "Question"
    assert box.composer.pasted == [CLAUSE * 40] and len(box.pasted.chips()) == 1


def test_the_box_grows_with_its_text_then_scrolls(qtbot: QtBot) -> None:
    box = make_box(qtbot)
    composer = box.composer
    composer.setPlaceholderText("")
    composer.setPlainText("one line")
    one = composer.height()
    composer.setPlainText("1\n2\n3")
    three = composer.height()
    assert three > one
    composer.setPlainText("\n".join(str(n) for n in range(40)))
    most = composer.height()
    assert most < 40 * composer.fontMetrics().lineSpacing()
    assert most >= LINES_SHOWN * composer.fontMetrics().lineSpacing()
    assert composer.verticalScrollBar().maximum() > 0  # the rest scrolls


def test_each_chat_keeps_its_own_draft(
    qtbot: QtBot, make_window: Callable[..., MainWindow], store: ConversationStore
) -> None:
    window = make_window()
    first = store.create_conversation()
    store.add_message(first.id, "user", "Hello")
    second = store.create_conversation()
    store.add_message(second.id, "user", "Bonjour")
    window.open_conversation(first.id)
    qtbot.keyClicks(window.composer, "A draft for the first chat")
    window.column.context_warning.setText("a warning about this draft")
    window.column.context_warning.show()

    window.new_chat()  # Ctrl+N: an empty composer, and no warning about another chat's draft
    assert window.composer.toPlainText() == ""
    assert not window.column.context_warning.isVisibleTo(window)
    qtbot.keyClicks(window.composer, "Lost with the new chat")

    window.open_conversation(second.id)
    assert window.composer.toPlainText() == ""
    qtbot.keyClicks(window.composer, "Second")
    window.open_conversation(first.id)
    assert window.composer.toPlainText() == "A draft for the first chat"
    window.open_conversation(second.id)
    assert window.composer.toPlainText() == "Second"
    window.new_chat()
    assert window.composer.toPlainText() == ""
    assert len(window.column.drafts) == 2  # both saved chats'; the new chat's went with it


def test_the_chat_settings_button_is_an_icon_that_follows_its_action(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    button = window.column.settings_button
    assert not button.icon().isNull() and button.icon_name() == "sliders-horizontal"
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert button.toolTip() and button.accessibleName()
    button.click()
    assert window.menus.chat_settings.isChecked() and window.settings_panel.isVisible()
    assert button.isChecked() and not button.icon().isNull()  # kept as the action changes
