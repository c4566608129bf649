"""View → Language: the system's language, or one Sotto speaks, from the next start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop.core.app_settings import AppSettings
from desktop.core.errors import FileAccessError
from desktop.core.language import LANGUAGES, read_choice, save_choice
from desktop.text.messages import user_message


class LanguageMenu(QMenu):
    """The languages Sotto speaks, each under its own name, and "Same as the system".

    A choice is saved at once and takes effect when Sotto starts again, which it offers to do
    right away; conversations are in the vault, so a restart loses none.

    Signals:
        restart_requested(): the user asked to restart now.
    """

    restart_requested = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget) -> None:
        super().__init__(self.tr("&Language"), parent)
        self._settings = settings
        self._group = QActionGroup(self)
        choice = read_choice(settings)
        for language, name in [(None, self.tr("Same as the system")), *LANGUAGES.items()]:
            action = QAction(name, self._group)
            action.setCheckable(True)
            action.setChecked(language == choice)
            action.setData(language)
            self.addAction(action)
        self._group.triggered.connect(self._chosen)

    def _chosen(self, action: QAction) -> None:
        try:
            save_choice(self._settings, action.data())
        except OSError as error:
            QMessageBox.warning(
                self.parentWidget(), self.tr("Language"), user_message(FileAccessError.of(error))
            )
            return
        if ask_to_restart(self.parentWidget()):
            self.restart_requested.emit()


def ask_to_restart(parent: QWidget | None) -> bool:
    """Say that a new language shows from the next start, and ask whether to restart now."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("LanguageMenu", "Language"),
        QCoreApplication.translate(
            "LanguageMenu",
            "Sotto changes its language when it starts again. "
            "Your conversations are kept in your history.",
        ),
        parent=parent,
    )
    restart = box.addButton(
        QCoreApplication.translate("LanguageMenu", "Restart now"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole
    )
    box.exec()
    return box.clickedButton() is restart
