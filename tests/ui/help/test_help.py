"""Help: the local help page (F1) in the user's language, and the keyboard shortcuts sheet."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.core.language import CHINESE, ENGLISH
from desktop.ui.help.help_window import HELP_DIR, HelpWindow, help_page
from desktop.ui.help.shortcuts_sheet import ShortcutsSheet, plain_text


def test_help_opens_in_english_with_every_section(qtbot: QtBot) -> None:
    window = HelpWindow(ENGLISH)
    qtbot.add_widget(window)
    window.show()
    text = window.browser.toPlainText()
    for heading in (
        "Getting started",
        "Models",
        "Your privacy",
        "Keyboard shortcuts",
        "When something goes wrong",
    ):
        assert heading in text
    assert "encrypted" in text and "Offline mode" in text and "Forget everything" in text
    assert not window.browser.openExternalLinks()


def test_help_opens_in_chinese(qtbot: QtBot) -> None:
    window = HelpWindow(CHINESE)
    qtbot.add_widget(window)
    assert help_page(CHINESE).name == "help.zh_CN.html"
    text = window.browser.toPlainText()
    assert "快速上手" in text and "你的隐私" in text and "忘掉一切" in text
    assert "Getting started" not in text


def test_a_language_without_a_page_gets_the_english_one() -> None:
    assert help_page("fr") == HELP_DIR / "help.html"


def test_help_pages_link_only_within_themselves() -> None:
    for page in HELP_DIR.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "http:" not in html and "https:" not in html and "src=" not in html, page.name
        for anchor in ("start", "models", "privacy", "keys", "trouble"):
            assert f'href="#{anchor}"' in html and f'name="{anchor}"' in html, page.name


def test_a_link_in_the_page_scrolls_and_any_other_is_ignored(qtbot: QtBot) -> None:
    window = HelpWindow(ENGLISH)
    qtbot.add_widget(window)
    window.resize(400, 300)
    window.show()
    source = window.browser.source()
    scroll = window.browser.verticalScrollBar()
    window.browser.anchorClicked.emit(QUrl("#trouble"))
    assert scroll.value() > 0
    window.browser.anchorClicked.emit(QUrl("https://example.com/"))
    assert window.browser.source() == source


def test_the_shortcuts_sheet_lists_the_windows_actions_and_the_message_keys(
    qtbot: QtBot,
) -> None:
    owner = QWidget()
    qtbot.add_widget(owner)
    new_chat = QAction("&New chat", owner)
    new_chat.setShortcut(QKeySequence("Ctrl+N"))
    chinese = QAction("导出对话(&E)…", owner)
    chinese.setShortcut(QKeySequence("Ctrl+E"))
    no_keys = QAction("&Network activity…", owner)
    sheet = ShortcutsSheet([new_chat, chinese, no_keys])
    qtbot.add_widget(sheet)
    native = QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert sheet.keys_of("New chat") == native
    assert sheet.keys_of("导出对话") is not None
    assert sheet.keys_of("Network activity") is None
    assert sheet.keys_of("Send the message") == "Enter"
    assert sheet.keys_of("Stop the reply") == "Esc"
    assert sheet.keys_of("Edit your last question (in an empty message box)") == "Up"
    ctrl_sends = ShortcutsSheet([], send_with_ctrl_enter=True)
    qtbot.add_widget(ctrl_sends)
    assert ctrl_sends.keys_of("Send the message") == QKeySequence("Ctrl+Enter").toString(
        QKeySequence.SequenceFormat.NativeText
    )


def test_plain_text_drops_mnemonics_but_keeps_a_real_ampersand() -> None:
    assert plain_text(QAction("Save && &close…")) == "Save & close"
