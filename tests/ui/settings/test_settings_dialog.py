"""The Settings dialog: each choice saved at once, shown again after a restart, and applied."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.core.app_settings import (
    FONT_SIZES,
    LANGUAGE,
    MODEL_CONTEXT,
    MODEL_GPU_LAYERS,
    MODEL_THREADS,
    OFFLINE,
    SEND_WITH_CTRL_ENTER,
    AppSettings,
)
from desktop.core.inference.load_overrides import LoadOverrides
from desktop.core.paths import AppPaths
from desktop.core.vault.preferences import ModelChoices
from desktop.core.vault.store import ConversationStore
from desktop.ui.settings import SettingsDialog
from desktop.ui.settings.api_section import ApiSection
from desktop.ui.settings.page import SettingsPage
from desktop.ui.theme import Appearance, is_dark, text_px
from desktop.ui.window.main_window import MainWindow
from tests.ui.conftest import when_modal

MODELS = [("Starter", Path("/models/starter.gguf")), ("Big one", Path("/models/big.gguf"))]


@pytest.fixture
def restore_app(qapp: QApplication) -> Iterator[None]:
    """Put the application's palette, font and style sheet back after the test."""
    palette, font, sheet = QPalette(qapp.palette()), qapp.font(), qapp.styleSheet()
    yield
    qapp.styleHints().unsetColorScheme()
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.fixture
def start(
    qapp: QApplication, qtbot: QtBot, restore_app: None, store: ConversationStore
) -> Iterator[Callable[[Path], SettingsDialog]]:
    """Start Sotto's appearance and open the dialog as a start would, from a settings file."""
    appearances: list[Appearance] = []

    def start(path: Path) -> SettingsDialog:
        settings = AppSettings(path)
        appearances.append(Appearance.restore(qapp, settings))
        appearances[-1].setParent(None)  # this test's, not the application's for good
        dialog = SettingsDialog(settings, ModelChoices(store.db), appearances[-1], MODELS)
        qtbot.add_widget(dialog)
        dialog.show()
        return dialog

    yield start
    for appearance in appearances:
        shiboken6.delete(appearance)


def choose(box: QComboBox, data: object) -> None:
    """Pick the entry of *box* with *data*, as the user does."""
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_settings_are_remembered_across_a_restart(
    paths: AppPaths, qapp: QApplication, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    choose(dialog.general.theme, "dark")
    choose(dialog.general.font_size, "larger")
    choose(dialog.general.send_key, True)
    dialog.privacy.offline.click()
    choose(dialog.models.default_model, str(MODELS[1][1]))
    dialog.models.threads.setValue(1)
    dialog.models.gpu_layers.setValue(0)
    choose(dialog.models.context, 8192)
    dialog.close()
    qapp.setPalette(QPalette())  # as a new process starts
    qapp.setFont(QApplication.font(QLabel()))

    again = start(paths.settings_path)
    assert again.general.theme.currentData() == "dark"
    assert again.general.font_size.currentData() == "larger"
    assert again.general.send_key.currentData() is True
    assert again.privacy.offline.isChecked()
    assert again.models.default_model.currentData() == str(MODELS[1][1])
    assert again.models.threads.value() == 1
    assert again.models.gpu_layers.value() == 0
    assert again.models.context.currentData() == 8192
    assert is_dark(qapp.palette())
    assert qapp.font().pixelSize() == text_px("larger")
    assert LoadOverrides.read(AppSettings(paths.settings_path)) == LoadOverrides(
        n_ctx=8192, n_threads=1, n_gpu_layers=0
    )


def test_theme_and_text_size_apply_at_once(
    paths: AppPaths, qapp: QApplication, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    choose(dialog.general.theme, "dark")
    assert is_dark(qapp.palette())
    assert is_dark(dialog.palette())
    choose(dialog.general.theme, "light")
    assert not is_dark(dialog.palette())
    choose(dialog.general.font_size, "large")
    assert qapp.font().pixelSize() == text_px("large")
    assert dialog.font().pixelSize() == text_px("large")


def test_automatic_load_settings_are_saved_as_nothing(
    paths: AppPaths, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    dialog.models.threads.setValue(2)
    dialog.models.threads.setValue(0)
    dialog.models.gpu_layers.setValue(5)
    dialog.models.gpu_layers.setValue(-1)
    choose(dialog.models.context, 4096)
    choose(dialog.models.context, 0)
    saved = AppSettings(paths.settings_path).read().values
    for key in (MODEL_THREADS, MODEL_GPU_LAYERS, MODEL_CONTEXT):
        assert key not in saved
    assert dialog.models.threads.text() == "Automatic (one per processor core)"


def test_the_window_hears_of_every_change_it_shows(
    paths: AppPaths,
    qtbot: QtBot,
    start: Callable[[Path], SettingsDialog],
    store: ConversationStore,
) -> None:
    dialog = start(paths.settings_path)
    with qtbot.wait_signal(dialog.offline_changed) as offline:
        dialog.privacy.offline.click()
    assert offline.args == [True]
    with qtbot.wait_signal(dialog.send_with_ctrl_enter_changed) as send_key:
        choose(dialog.general.send_key, True)
    assert send_key.args == [True]
    with qtbot.wait_signal(dialog.default_model_changed) as model:
        choose(dialog.models.default_model, str(MODELS[1][1]))
    assert model.args == [MODELS[1][1]]
    paths_of = [path for _, path in MODELS]
    assert ModelChoices(store.db).default_model(paths_of) == MODELS[1][1]  # in the vault
    assert str(MODELS[1][1]) not in paths.settings_path.read_text(encoding="utf-8")
    with qtbot.wait_signal(dialog.load_settings_changed):
        dialog.models.threads.setValue(3)
    with qtbot.wait_signal(dialog.network_activity_requested):
        dialog.privacy.network_activity.click()
    with qtbot.wait_signal(dialog.forget_requested):
        dialog.privacy.forget.click()


def test_changes_made_in_the_menus_show_without_being_echoed(
    paths: AppPaths, qtbot: QtBot, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    with qtbot.assert_not_emitted(dialog.offline_changed):
        dialog.set_offline(True)
    with qtbot.assert_not_emitted(dialog.send_with_ctrl_enter_changed):
        dialog.set_send_with_ctrl_enter(True)
    assert dialog.privacy.offline.isChecked()
    assert dialog.general.send_key.currentData() is True


@pytest.mark.parametrize(("answer", "restarts"), [("Restart now", True), ("Later", False)])
def test_a_new_language_is_saved_and_a_restart_offered(
    paths: AppPaths,
    qtbot: QtBot,
    start: Callable[[Path], SettingsDialog],
    answer: str,
    restarts: bool,
) -> None:
    dialog = start(paths.settings_path)

    def reply(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == answer)
        button.click()

    when_modal(qtbot, reply)
    with qtbot.wait_signal(dialog.restart_requested, timeout=2000, raising=restarts) as restart:
        choose(dialog.general.language, "zh_CN")
    assert restart.signal_triggered == restarts
    assert AppSettings(paths.settings_path).get(LANGUAGE) == "zh_CN"


def test_an_unwritable_folder_is_explained_and_the_choice_still_applies(
    tmp_path: Path, qapp: QApplication, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(tmp_path / "gone" / "settings.json")
    assert dialog.problem.isHidden()
    choose(dialog.general.theme, "dark")
    assert not dialog.problem.isHidden()
    assert "could not save" in dialog.problem.text()
    assert is_dark(qapp.palette())


def test_values_of_the_wrong_kind_show_as_the_defaults(
    paths: AppPaths, qapp: QApplication, start: Callable[[Path], SettingsDialog]
) -> None:
    paths.settings_path.write_text('{"theme": "purple", "font_size": 12, "model_threads": "x"}')
    dialog = start(paths.settings_path)
    assert dialog.general.theme.currentData() == "system"
    assert dialog.general.font_size.currentData() == "normal"
    assert dialog.models.threads.value() == 0
    assert dialog.models.default_model.currentData() == str(MODELS[0][1])
    assert not dialog.privacy.offline.isChecked()
    assert AppSettings(paths.settings_path).get(SEND_WITH_CTRL_ENTER) is False


def test_a_settings_file_cut_short_shows_the_defaults_and_offline_mode_on(
    paths: AppPaths, qapp: QApplication, start: Callable[[Path], SettingsDialog]
) -> None:
    paths.settings_path.write_text('{"theme": "dark", "offline": false, "font_size": "la')
    dialog = start(paths.settings_path)
    assert dialog.general.theme.currentData() == "system"
    assert dialog.privacy.offline.isChecked()  # nobody can tell it was off
    assert AppSettings(paths.settings_path).get(OFFLINE) is True


def test_a_page_is_added_in_one_line(
    paths: AppPaths, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    extra = SettingsPage(AppSettings(paths.settings_path))
    extra.setWindowTitle("Extra")
    page = dialog.add_page(extra)
    assert [dialog.pages.item(i).text() for i in range(dialog.pages.count())] == [
        "General",
        "Privacy",
        "Models",
        "Documents",
        "Extra",
    ]
    dialog.show_page(page)
    assert dialog.current_page() is page
    assert dialog.pages.currentRow() == 4


def test_close_closes(
    paths: AppPaths, qtbot: QtBot, start: Callable[[Path], SettingsDialog]
) -> None:
    dialog = start(paths.settings_path)
    with qtbot.wait_signal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize("size", FONT_SIZES)
def test_the_page_list_keeps_every_name_whole_at_every_text_size(
    paths: AppPaths, qtbot: QtBot, start: Callable[[Path], SettingsDialog], size: str
) -> None:
    dialog = start(paths.settings_path)
    choose(dialog.general.font_size, size)
    pages = dialog.pages
    qtbot.wait_until(lambda: pages.width() == pages.sizeHint().width())
    assert not pages.horizontalScrollBar().isVisible()
    for row in range(pages.count()):
        item = pages.item(row)
        text = pages.fontMetrics().horizontalAdvance(item.text())
        room = pages.visualItemRect(item).width() - pages.iconSize().width()
        assert text <= room <= pages.viewport().width(), (size, item.text())


def visible_texts(page: QWidget) -> Iterator[tuple[QWidget, str, int]]:
    """Each text shown on *page* as one line, with the room it has."""
    for label in page.findChildren(QLabel):
        if label.isVisibleTo(page) and not label.wordWrap() and label.text():
            yield label, label.text().replace("&", ""), label.contentsRect().width()
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(page) and button.text():
            style = button.style().subElementRect(
                QStyle.SubElement.SE_PushButtonContents
                if isinstance(button, QPushButton)
                else QStyle.SubElement.SE_CheckBoxContents,
                _option(button),
                button,
            )
            yield button, button.text().replace("&", ""), style.width()


def _option(button: QAbstractButton) -> QStyleOptionButton:
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    return option


def assert_fits_800_by_600(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """At the largest text in 800 by 600, no page of *dialog* scrolls sideways or cuts a
    text short."""
    choose(dialog.general.font_size, "larger")
    dialog.resize(800, 600)
    for row in range(dialog.pages.count()):
        dialog.pages.setCurrentRow(row)
        page = dialog.current_page()
        scroll = dialog.stack.currentWidget()
        assert isinstance(scroll, QScrollArea)
        qtbot.wait_until(lambda page=page: page.isVisible())
        qtbot.wait_until(lambda page=page, scroll=scroll: page.width() <= scroll.viewport().width())
        for widget, text, room in visible_texts(page):
            assert widget.fontMetrics().horizontalAdvance(text) <= room, text
            assert widget.mapTo(page, widget.rect().topRight()).x() <= page.width(), text
        for box in page.findChildren(QComboBox):
            assert box.width() >= box.minimumSizeHint().width(), box.currentText()


def test_every_page_fits_800_by_600_at_the_largest_text(
    paths: AppPaths, qtbot: QtBot, start: Callable[[Path], SettingsDialog]
) -> None:
    assert_fits_800_by_600(qtbot, start(paths.settings_path))


def test_the_windows_settings_fit_800_by_600_too(
    qtbot: QtBot, restore_app: None, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = window.dialogs.show_settings()
    assert dialog.privacy.findChild(ApiSection) is not None  # the widest page, the window's
    assert_fits_800_by_600(qtbot, dialog)
