"""Working in a conversation: regenerate, edit and branch, settings and presets per
conversation, a context overflow, export and print, and the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.chat.presets import PresetStore
from desktop.core.chat.settings import ChatSettings
from desktop.core.vault.store import ConversationStore
from desktop.ui.chat.conversation_export import conversation_document
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS


def exchange(qtbot: QtBot, window: MainWindow, text: str) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send(text)


def shown(window: MainWindow) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in window.messages if m["role"] != "system"]


def test_regenerate_edit_and_switch_branches_survive_a_restart(
    qtbot: QtBot,
    window: MainWindow,
    store: ConversationStore,
    make_window: Callable[..., MainWindow],
) -> None:
    exchange(qtbot, window, "Name a bird")
    first_reply_id = window.session.ids[-1]
    assert first_reply_id is not None
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.chat_view.regenerate_requested.emit(first_reply_id)
    second_reply_id = window.session.ids[-1]
    question_id = window.session.ids[-2]
    assert question_id is not None and second_reply_id not in (None, first_reply_id)
    assert store.siblings(first_reply_id) == [first_reply_id, second_reply_id]

    exchange(qtbot, window, "Where does it live?")
    # Edit the first question: the old branch stays.
    window.chat_view.edit_requested.emit(question_id)
    assert window.composer.toPlainText() == "Name a bird"
    window.composer.clear()
    exchange(qtbot, window, "Name a fish")
    assert [text for role, text in shown(window) if role == "user"] == ["Name a fish"]
    conversation = window.conversation
    assert conversation is not None
    assert len(store.siblings(question_id)) == 2

    edited_id = window.session.ids[-2]
    assert edited_id is not None
    window.chat_view.branch_requested.emit(edited_id, -1)  # back to "Name a bird"
    assert [text for role, text in shown(window) if role == "user"] == [
        "Name a bird",
        "Where does it live?",
    ]
    assert window.chat_view.shows(second_reply_id)
    window.chat_view.branch_requested.emit(second_reply_id, -1)  # the first reply to it
    assert window.session.ids[-1] == first_reply_id and len(shown(window)) == 2

    restarted = make_window()  # the same vault, as after a restart
    restarted.open_conversation(conversation.id)
    assert restarted.session.ids[-1] == first_reply_id
    assert [text for role, text in shown(restarted) if role == "user"] == ["Name a bird"]


def test_delete_one_message_keeps_the_rest(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    exchange(qtbot, window, "One")
    exchange(qtbot, window, "Two")
    first_reply = (
        window.session.ids[2] if window.messages[0]["role"] == "system" else window.session.ids[1]
    )
    assert first_reply is not None
    window.chat_view.delete_requested.emit(first_reply)
    assert [role for role, _ in shown(window)] == ["user", "user", "assistant"]
    assert window.conversation is not None
    assert len(store.messages(window.conversation.id)) == 3


def test_the_first_chat_after_start_has_the_general_preset_and_its_prompt(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    general = window.settings_panel.preset_box.findData("general")
    prompt = window.settings_panel.prompt_edit.toPlainText()
    assert prompt.startswith("You are a helpful, honest assistant")
    assert window.settings_panel.preset_box.currentIndex() == general
    assert window.settings_panel.preset_box.currentText() == "General assistant"  # not edited

    exchange(qtbot, window, "Hello")

    assert window.messages[0] == {"role": "system", "content": prompt}
    assert window.conversation is not None
    saved = store.get_conversation(window.conversation.id)
    assert saved is not None and saved.system_prompt == prompt


def test_settings_and_presets_are_kept_per_conversation(
    qtbot: QtBot,
    window: MainWindow,
    store: ConversationStore,
    make_window: Callable[..., MainWindow],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exchange(qtbot, window, "Draft a short clause")
    legal = window.settings_panel.preset_box.findData("legal")
    window.settings_panel.preset_box.setCurrentIndex(legal)
    window.settings_panel.preset_box.activated.emit(legal)
    window.settings_panel.temperature.setValue(0.3)
    window.settings_panel.temperature.editingFinished.emit()
    assert window.conversation is not None
    saved = store.get_conversation(window.conversation.id)
    assert saved is not None and saved.preset == "legal"
    assert "citation" in saved.system_prompt.lower()
    assert ChatSettings.from_dict(saved.sampling).sampling.temperature == pytest.approx(0.3)
    assert window.messages[0] == {"role": "system", "content": saved.system_prompt}

    monkeypatch.setattr(
        "desktop.ui.chat.settings_panel.QInputDialog.getText",
        lambda *args, **kwargs: ("Lease reviewer", True),
    )
    window.settings_panel.prompt_edit.setPlainText("Review leases clause by clause.")
    window.settings_panel.save_button.click()
    custom = [p for p in PresetStore(store.db).custom() if p.name == "Lease reviewer"]
    assert custom and custom[0].system_prompt == "Review leases clause by clause."

    window.new_chat()  # a new chat starts from the defaults, not the last one's settings
    assert window.settings_panel.settings().preset_id == "general"

    restarted = make_window()
    restarted.open_conversation(saved.id)
    settings = restarted.settings_panel.settings()
    assert settings.preset_id == custom[0].id
    assert settings.sampling.temperature == pytest.approx(0.3)
    assert restarted.settings_panel.preset_box.findData(custom[0].id) >= 0


def test_a_conversation_longer_than_a_512_token_context_gets_replies_with_the_marker(
    qtbot: QtBot, window: MainWindow, store: ConversationStore
) -> None:
    conversation = store.create_conversation(model=window.loaded_model.name)  # type: ignore[union-attr]
    for number in range(25):
        store.add_message(conversation.id, "user", f"Tell me about storm number {number}.")
        store.add_message(
            conversation.id, "assistant", f"Storm {number} " + "brought wind and rain. " * 5
        )
    window.sidebar.refresh(conversation.id)
    window.open_conversation(conversation.id)
    # Short replies: what is proved is which turns the model reads, not how much it writes.
    shown_settings = window.settings_panel.settings().to_dict()
    small = ChatSettings.from_dict({**shown_settings, "n_ctx": 512, "max_tokens": 8})
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.chat_settings.apply(small)
    assert window.loaded_model is not None and window.loaded_model.n_ctx == 512
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS) as finished:
        window.send("Which storm was the worst?")
    reply = finished.args[0]
    assert reply.text and reply.left_out > 0
    marked = window.chat_view.memory_start()
    assert marked is not None and marked in window.session.ids
    offset = 1 if window.messages[0]["role"] == "system" else 0  # this one was saved without
    first_seen = window.messages[offset + reply.left_out]
    assert first_seen["role"] == "user" and window.session.ids[offset + reply.left_out] == marked
    exchange(qtbot, window, "And the mildest?")  # and it goes on answering


def test_export_to_markdown_and_word_and_print(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exchange(qtbot, window, "Write `print(1)` in Python")
    answers: list[str] = []

    def warn(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        answers.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", warn)
    target = tmp_path / "exported"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(target.with_suffix(".md")), "")
    )
    markdown = window.export_conversation()
    assert markdown is not None and "not encrypted" in answers[0]
    text = markdown.read_text()
    for _role, content in shown(window):
        assert content.strip() in text

    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(target.with_suffix(".docx")), "")
    )
    word = window.export_conversation()
    assert word is not None and word.suffix == ".docx"
    paragraphs = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert "Write print(1) in Python" in paragraphs or "print(1)" in paragraphs

    document = conversation_document(*window.export_turns())
    assert "Write print(1) in Python" in document.toPlainText()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document.print_(printer)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF")


def test_keyboard_ctrl_enter_preference_up_to_edit_and_escape(
    qtbot: QtBot, window: MainWindow, make_window: Callable[..., MainWindow]
) -> None:
    window.menus.send_with_ctrl_enter.setChecked(True)
    qtbot.keyClicks(window.composer, "first line")
    qtbot.keyClick(window.composer, Qt.Key.Key_Return)
    assert window.composer.toPlainText() == "first line\n"  # Enter is a new line now
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        qtbot.keyClick(window.composer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert make_window().menus.send_with_ctrl_enter.isChecked()  # kept in the vault

    qtbot.keyClick(window.composer, Qt.Key.Key_Up)
    assert window.composer.toPlainText() == "first line\n"
    assert window.editing_banner.isVisibleTo(window)
    qtbot.keyClick(window.composer, Qt.Key.Key_Escape)
    assert window.composer.toPlainText() == "" and not window.editing_banner.isVisibleTo(window)
    assert window.chat_view.shows(window.session.ids[-1])  # type: ignore[arg-type]


def test_each_reply_shows_its_speed_and_first_token_time(qtbot: QtBot, window: MainWindow) -> None:
    exchange(qtbot, window, "Hello")
    text = window.chat_view.toPlainText()
    assert "tokens/s" in text and "first token after" in text
