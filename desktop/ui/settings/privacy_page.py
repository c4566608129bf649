"""Settings → Privacy: offline mode, the network log, and forgetting everything."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from desktop.core.app_settings import OFFLINE, AppSettings
from desktop.ui.settings.page import SettingsPage, note


class PrivacyPage(SettingsPage):
    """Offline mode, saved here; the network log and forgetting everything, which the main
    window shows and does.

    Attributes:
        offline: the offline mode switch.
        network_activity, forget: the buttons that ask the window.

    Signals:
        offline_changed(bool): offline mode was turned on (True) or off.
        network_activity_requested(): the user asked to see every connection attempted.
        forget_requested(): the user asked to forget everything (the window confirms).
    """

    offline_changed = Signal(bool)
    network_activity_requested = Signal()
    forget_requested = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Privacy"))
        self.offline = QCheckBox(self.tr("&Offline mode"))
        self.offline.setChecked(settings.get(OFFLINE))
        self.offline.toggled.connect(self._offline_toggled)
        self.form.addRow(self.offline)
        self.form.addRow(
            note(
                self.tr(
                    "Sotto never sends your conversations anywhere. It goes online only when "
                    "you search or download models in the library; offline mode refuses even that."
                )
            )
        )
        self.network_activity = QPushButton(self.tr("&Network activity…"))
        self.network_activity.clicked.connect(self.network_activity_requested)
        self.form.addRow(self.network_activity)
        self.form.setAlignment(self.network_activity, Qt.AlignmentFlag.AlignLeft)
        self.forget = QPushButton(self.tr("&Forget everything…"))
        self.forget.clicked.connect(self.forget_requested)
        self.form.addRow(self.forget)
        self.form.setAlignment(self.forget, Qt.AlignmentFlag.AlignLeft)
        self.form.addRow(
            note(
                self.tr(
                    "Removes every conversation and setting from this computer for good, "
                    "after asking once. Offline mode alone stays on if it is on, so that "
                    "Sotto does not go online until you turn it off."
                )
            )
        )

    def add_api_section(self, section: QWidget) -> None:
        """Show the local API's section (``ApiSection``), after offline mode's note."""
        self.form.insertRow(2, section)

    def set_offline(self, offline: bool) -> None:
        """Show *offline* as turned on or off elsewhere (the Privacy menu), without saving it."""
        blocked = self.offline.blockSignals(True)
        self.offline.setChecked(offline)
        self.offline.blockSignals(blocked)

    @Slot(bool)
    def _offline_toggled(self, offline: bool) -> None:
        self.save(OFFLINE, offline)
        self.offline_changed.emit(offline)
