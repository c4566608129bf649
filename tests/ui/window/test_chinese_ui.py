"""Under the Chinese translation, every screen shows Chinese: no sentence bypasses translation.

Each main screen is built under the real zh_CN translators (ours and Qt's), and every text a
user can see is collected: window titles, menus and actions, buttons, labels, tooltips,
placeholders, tabs, headers, list and tree items. None may still be an English source
sentence, and none may hold an English word beyond names kept in every language and the
names of models (data).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QProcess, Qt
from PySide6.QtGui import QAction, QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.app import build_main_window, restart
from desktop.core.app_settings import AppSettings
from desktop.core.documents.embedder import EMBEDDER_NAME
from desktop.core.language import CHINESE, ENGLISH, LANGUAGES, read_choice
from desktop.core.library.hub import SEARCH_ACTION
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard, OfflineModeError
from desktop.core.remote.server import Server
from desktop.core.services import open_servers
from desktop.core.vault.store import ConversationStore
from desktop.text.messages import user_message
from desktop.text.translation import TRANSLATIONS_DIR, apply_language
from desktop.ui.chat.message_widget import MessageWidget
from desktop.ui.chat.welcome import Welcome
from desktop.ui.hardware.hardware_details import HardwareDetails
from desktop.ui.help.about_dialog import AboutDialog
from desktop.ui.help.help_window import HelpWindow
from desktop.ui.help.shortcuts_sheet import ShortcutsSheet
from desktop.ui.models.servers_dialog import ServersDialog
from desktop.ui.privacy.network_activity import NetworkActivityDialog
from desktop.ui.privacy.vault_unlock import PassphraseDialog
from desktop.ui.window.language_menu import LanguageMenu
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import TIMEOUT_MS, when_modal

KEPT_NAMES = {
    # Names and units every language writes this way.
    "Sotto", "GGUF", "GPU", "CPU", "RAM", "VRAM", "NVIDIA", "CUDA", "Metal", "Hugging", "Face",
    "Hub", "Markdown", "Word", "llama", "cpp", "SQLCipher", "SHA", "top",
    "min", "Ctrl", "Shift", "Enter", "Esc", "GB", "MB", "KB", "md", "docx", "gguf", "Q4_1",
    "KV", "Top", "Min", "GNOME", "Keyring", "KWallet", "vLLM", "API", "F1", "PDF", "HTML",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]+")
ADDRESS = re.compile(r"https?://[^\s，。、；：（）]+")
"""A web address (the local API's, an example origin), written alike in every language."""


@pytest.fixture
def chinese_window(
    qtbot: QtBot,
    chinese: None,
    paths: AppPaths,
    store: ConversationStore,
    starter_model: Path,
) -> Iterator[MainWindow]:
    conversation = store.create_conversation(model="", system_prompt="", sampling={})
    store.add_message(conversation.id, "user", "你好")
    store.add_message(conversation.id, "assistant", "你好, 有什么可以帮你")
    firm = Server("firm", "https://llm.firm.example", models=("llama-70b",))
    open_servers(paths, store).add(firm, "key")  # listed in the picker, never connected to
    window = build_main_window(paths, store, NetworkGuard(), language=CHINESE)
    qtbot.add_widget(window)
    window.show()
    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS):
        window.load_model(starter_model)
    window.open_conversation(conversation.id)
    yield window
    window.close()


def english_sources() -> set[str]:
    root = ET.parse(TRANSLATIONS_DIR / "sotto_zh_CN.ts").getroot()
    return {_plain(source.text or "") for source in root.iter("source")}


def _plain(text: str) -> str:
    if "<" in text:
        document = QTextDocument()
        document.setHtml(text)
        text = document.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of *root* and its children that a user can see."""
    for widget in [root, *root.findChildren(QWidget)]:
        where = type(widget).__name__
        texts = [widget.windowTitle() if widget.isWindow() else "", widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QAbstractSpinBox):
            texts += [widget.specialValueText(), getattr(widget, "suffix", str)()]
        if isinstance(widget, QTreeWidget):
            texts += list(_item_texts(widget.headerItem()))
            for i in range(widget.topLevelItemCount()):
                texts += list(_item_texts(widget.topLevelItem(i)))
        if isinstance(widget, QListView) and widget.model() is not None:  # the sidebar's headings
            model = widget.model()
            for row in range(model.rowCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    texts.append(str(model.index(row, 0).data(role) or ""))
        for text in texts:
            yield where, text
        for action in widget.actions():
            yield from _action_texts(action)


def _item_texts(item: QTreeWidgetItem) -> Iterator[str]:
    for column in range(item.columnCount()):
        yield item.text(column)
        yield item.toolTip(column)
    for i in range(item.childCount()):
        yield from _item_texts(item.child(i))


def _action_texts(action: QAction) -> Iterator[tuple[str, str]]:
    yield "QAction", action.text()
    yield "QAction", action.toolTip()
    if action.menu() is not None:
        yield "QMenu", action.menu().title()
        for inner in action.menu().actions():
            yield from _action_texts(inner)


def still_english(screens: list[QWidget], data_names: set[str]) -> list[str]:
    """Texts of *screens* holding an English word that is not a name: each with its words,
    and whether it is still an English source sentence as a whole."""
    sources = english_sources()
    allowed = KEPT_NAMES | set(LANGUAGES.values()) | data_names
    found = []
    for screen in screens:
        for where, text in shown_texts(screen):
            plain = _plain(text)
            words = set(ENGLISH_WORD.findall(ADDRESS.sub("", plain))) - allowed
            if words:
                source = " (untranslated source)" if plain in sources else ""
                found.append(f"{where}: {plain!r} {sorted(words)}{source}")
    return sorted(set(found))


def names_in(*texts: str) -> set[str]:
    return {word for text in texts for word in ENGLISH_WORD.findall(text)}


def test_the_translations_load_and_translate(chinese: None, qapp: QApplication) -> None:
    assert qapp.translate("MainMenus", "&File") == "文件(&F)"
    assert qapp.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own buttons
    assert QLocale().name() == "zh_CN"
    # Simplified Chinese glyphs first (setup installs Noto CJK), not a Japanese fallback.
    assert qapp.font().families()[0] == "Noto Sans CJK SC"
    assert QFontMetrics(qapp.font()).inFont("语")


def test_every_screen_of_the_window_speaks_chinese(
    chinese_window: MainWindow, paths: AppPaths, qtbot: QtBot
) -> None:
    window = chinese_window
    for message in window.chat_view.findChildren(MessageWidget):
        message.show_actions()
    library = window.show_library()
    gauge = window.gauge
    snapshot = gauge.snapshot or gauge.sampler.sample()
    details = HardwareDetails(gauge.sampler.machine(), snapshot, window.loaded_model, 12.5, window)
    activity = NetworkActivityDialog(window.guard, window)
    creating = PassphraseDialog(creating=True, try_open=lambda _: None)
    unlocking = PassphraseDialog(creating=False, try_open=lambda _: None)
    about = AboutDialog(window.tasks, parent=window)
    servers = ServersDialog(window.models.servers, window.guard.guard, window.tasks, window)
    settings = window.dialogs.show_settings()
    help_window = HelpWindow(CHINESE, window)
    shortcuts = ShortcutsSheet(window.findChildren(QAction), parent=window)
    welcome = Welcome()
    window.column.show_remote_host("llm.firm.example")
    for dialog in (details, activity, creating, unlocking, about, servers, help_window, shortcuts):
        qtbot.add_widget(dialog)
    qtbot.add_widget(welcome)
    data = names_in(
        *(model.name for model in window.library.installed()),
        EMBEDDER_NAME,
        *(f"{m.name} {m.family} {m.license} {m.parameters}" for m in library.catalog.models),
        *(v.quant for m in library.catalog.models for v in m.variants),
        gauge.sampler.machine().cpu_name,
        *gauge.sampler.machine().instruction_sets,
        str(window.library.installed()[0].path),
        library.hub.client.endpoint,
        servers.address.placeholderText(),  # an example address
        *(f"{m.name} {m.host}" for m in window.models.servers.remote_models()),
    )
    screens = [window, library, details, activity, creating, unlocking, about, servers, settings]
    screens += [help_window, shortcuts, welcome, window.documents.show()]

    english = still_english(screens, data)

    assert english == [], "\n".join(english)


def test_the_walk_finds_english_where_nothing_is_translated(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()  # no translator installed: the English sources show

    english = still_english([window], set())

    assert any("'File'" in text and "(untranslated source)" in text for text in english)


def test_an_error_names_its_action_in_chinese(chinese: None) -> None:
    sentence = user_message(OfflineModeError(SEARCH_ACTION))

    assert QCoreApplication.translate("NetworkAction", SEARCH_ACTION) in sentence
    assert set(ENGLISH_WORD.findall(sentence)) <= KEPT_NAMES


def choose(qtbot: QtBot, menu: LanguageMenu, language: str | None, answer: str) -> None:
    def press(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        next(button for button in box.buttons() if button.text() == answer).click()

    when_modal(qtbot, press)
    next(action for action in menu.actions() if action.data() == language).trigger()


def test_choosing_a_language_saves_it_and_offers_a_restart(
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    menu = window.findChild(LanguageMenu)
    assert [action.text() for action in menu.actions()][1:] == list(LANGUAGES.values())
    started: list[list[str]] = []
    # A restart would start a second Sotto on this desktop; the command is what is checked.
    monkeypatch.setattr(
        QProcess, "startDetached", lambda program, args: started.append([program, *args])
    )

    choose(qtbot, menu, CHINESE, "Later")
    assert read_choice(AppSettings(paths.settings_path)) == CHINESE
    assert started == [] and window.isVisible()

    choose(qtbot, menu, None, "Restart now")
    assert read_choice(AppSettings(paths.settings_path)) is None
    qtbot.wait_until(lambda: not window.isVisible())
    assert started == [[sys.executable, "-m", "desktop", *sys.argv[1:]]]


def test_a_restart_asks_before_ending_an_incognito_chat(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[str] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append(program))
    window.new_incognito_chat()
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("Hi")

    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    restart(window)
    assert started == [] and window.isVisible()

    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    restart(window)
    assert started == [sys.executable] and not window.isVisible()


def test_an_english_interface_says_one_file_and_draws_chinese_with_simplified_glyphs(
    qapp: QApplication,
) -> None:
    font, locale = qapp.font(), QLocale()
    installed = []
    try:
        installed = apply_language(qapp, ENGLISH)
        assert len(installed) == 1  # English's singular and plural of counts, no more
        assert QCoreApplication.translate("IndexingService", "%n file(s) read", "", 1) == (
            "1 file read"
        )
        families = qapp.font().families()
        assert families[-1] == "Noto Sans CJK SC" and families[0] != "Noto Sans CJK SC"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        QLocale.setDefault(locale)
        qapp.setFont(font)
