"""What every page of the Settings dialog shares: a form whose changes are saved at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from desktop.core.app_settings import AppSettings
from desktop.core.errors import FileAccessError, UserError
from desktop.ui.theme import SPACE_M, SPACE_S


class SettingsPage(QWidget):
    """One page of the Settings dialog: a form of settings, each saved the moment it changes.

    A subclass sets its window title (the page's name in the dialog's list) and fills
    ``form``.

    Attributes:
        form: the page's rows, a label beside each setting.

    Signals:
        save_failed(UserError): a setting could not be saved; it applies until Sotto quits.
    """

    save_failed = Signal(object)

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Where a label and its field do not fit side by side (a small window, a large text),
        # the label stands above the field rather than squeeze it.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setContentsMargins(0, 0, SPACE_S, 0)  # the scroll bar's side
        self.form.setVerticalSpacing(SPACE_M)

    def save(self, key: str, value: Any) -> bool:
        """Remember *value* under *key*; if the data folder refuses, say so and return False."""
        try:
            self._settings.set(key, value)
        except OSError as error:
            self.save_failed.emit(FileAccessError.of(error))
            return False
        return True

    def save_in_vault(self, save: Callable[[], None]) -> bool:
        """Run *save*, which writes a choice into the vault (``ModelChoices``); if the vault
        refuses (a full disk, damage), say so and return False."""
        try:
            save()
        except UserError as error:  # StorageError, VaultDamagedError
            self.save_failed.emit(error)
            return False
        return True


def choose_data(box: QComboBox, value: object) -> None:
    """Select the entry of *box* whose data is *value* (the first if none is), quietly."""
    index = box.findData(value)
    blocked = box.blockSignals(True)
    box.setCurrentIndex(max(index, 0))
    box.blockSignals(blocked)


def note(text: str) -> QLabel:
    """A sentence that explains a setting, quieter than the settings themselves."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
