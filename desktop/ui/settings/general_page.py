"""Settings → General: language, the key that sends, text size and theme."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.core.app_settings import (
    FONT_SIZE,
    FONT_SIZES,
    LANGUAGE,
    SEND_WITH_CTRL_ENTER,
    THEME,
    THEME_DARK,
    THEME_LIGHT,
    THEME_SYSTEM,
    AppSettings,
)
from desktop.core.language import LANGUAGES, read_choice
from desktop.ui.settings.page import SettingsPage, choose_data
from desktop.ui.theme import Appearance
from desktop.ui.window.language_menu import ask_to_restart


class GeneralPage(SettingsPage):
    """How Sotto speaks, sends and looks.

    A theme or text size shows at once (through the ``Appearance``); a language from the
    next start, which the page offers to do now.

    Attributes:
        language, send_key, font_size, theme: the page's choices (``QComboBox``; each
            entry's data is the value saved).

    Signals:
        send_with_ctrl_enter_changed(bool): True: Ctrl+Enter sends, Enter starts a line.
        restart_requested(): the user asked to restart now, for a new language.
    """

    send_with_ctrl_enter_changed = Signal(bool)
    restart_requested = Signal()

    def __init__(
        self, settings: AppSettings, appearance: Appearance, parent: QWidget | None = None
    ) -> None:
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("General"))
        self._appearance = appearance

        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), None)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        choose_data(self.language, read_choice(settings))
        self.language.setToolTip(self.tr("Sotto speaks the new language from its next start."))
        self.language.activated.connect(self._language_chosen)
        self.form.addRow(self.tr("&Language:"), self.language)

        self.send_key = QComboBox()
        self.send_key.addItem(self.tr("Enter (Shift+Enter starts a new line)"), False)
        self.send_key.addItem(self.tr("Ctrl+Enter (Enter starts a new line)"), True)
        choose_data(self.send_key, settings.get(SEND_WITH_CTRL_ENTER))
        self.send_key.activated.connect(self._send_key_chosen)
        self.form.addRow(self.tr("&Send a message with:"), self.send_key)

        self.font_size = QComboBox()
        names = (self.tr("Small"), self.tr("Normal"), self.tr("Large"), self.tr("Larger"))
        for size, name in zip(FONT_SIZES, names, strict=True):
            self.font_size.addItem(name, size)
        choose_data(self.font_size, appearance.font_size)
        self.font_size.activated.connect(self._font_size_chosen)
        self.form.addRow(self.tr("&Text size:"), self.font_size)

        self.theme = QComboBox()
        self.theme.addItem(self.tr("Same as the system"), THEME_SYSTEM)
        self.theme.addItem(self.tr("Light"), THEME_LIGHT)
        self.theme.addItem(self.tr("Dark"), THEME_DARK)
        choose_data(self.theme, appearance.theme)
        self.theme.activated.connect(self._theme_chosen)
        self.form.addRow(self.tr("T&heme:"), self.theme)

    def set_send_with_ctrl_enter(self, on: bool) -> None:
        """Show *on* as the send key chosen elsewhere (the View menu), without saving it."""
        choose_data(self.send_key, on)

    @Slot()
    def _language_chosen(self) -> None:
        language = self.language.currentData()
        if language == read_choice(self._settings):
            return
        if not self.save(LANGUAGE, language):
            choose_data(self.language, read_choice(self._settings))
        elif ask_to_restart(self.window()):
            self.restart_requested.emit()

    @Slot()
    def _send_key_chosen(self) -> None:
        on = bool(self.send_key.currentData())
        self.save(SEND_WITH_CTRL_ENTER, on)
        self.send_with_ctrl_enter_changed.emit(on)

    @Slot()
    def _font_size_chosen(self) -> None:
        size = str(self.font_size.currentData())
        self.save(FONT_SIZE, size)
        self._appearance.set_font_size(size)

    @Slot()
    def _theme_chosen(self) -> None:
        theme = str(self.theme.currentData())
        self.save(THEME, theme)
        self._appearance.set_theme(theme)
