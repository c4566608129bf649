"""The main window's dialogs: Settings, model servers, hardware details, network activity,
help, the keyboard shortcuts and About. Each is made when the user asks for it (Settings
once, then kept, in step with the menus)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QLocale, QObject, SignalInstance, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.core.app_settings import AppSettings
from desktop.core.documents.embedding_choice import embedding_models
from desktop.core.inference.types import LoadedModel
from desktop.core.library.library import ModelLibrary
from desktop.core.vault.preferences import ModelChoices
from desktop.ui.api.local_api import LocalApi
from desktop.ui.chat.chat_controller import ChatController
from desktop.ui.documents.chat_documents import ChatDocuments
from desktop.ui.hardware.gauge import HardwareGauge
from desktop.ui.hardware.hardware_details import HardwareDetails
from desktop.ui.help.about_dialog import AboutDialog
from desktop.ui.help.help_window import HelpWindow
from desktop.ui.help.shortcuts_sheet import ShortcutsSheet
from desktop.ui.models.model_choice import ModelChoice
from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.models.servers_dialog import ServersDialog
from desktop.ui.privacy.network_activity import GuardBridge, NetworkActivityDialog
from desktop.ui.settings.api_section import ApiSection
from desktop.ui.settings.dialog import SettingsDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import Appearance
from desktop.ui.widgets.bring_to_front import bring_to_front
from desktop.ui.window.main_menus import MainMenus


class DialogHost(Protocol):
    """What the dialogs read from the main window, and are parented to."""

    model_picker: ModelPicker
    library: ModelLibrary
    app_settings: AppSettings
    model_choices: ModelChoices
    menus: MainMenus
    documents: ChatDocuments
    chat: ChatController
    models: ModelChoice
    guard: GuardBridge
    local_api: LocalApi | None
    tasks: TaskRunner
    gauge: HardwareGauge
    restart_requested: SignalInstance

    @property
    def loaded_model(self) -> LoadedModel | None: ...

    def ask_forget_everything(self) -> None: ...

    def window(self) -> QWidget: ...


class WindowDialogs(QObject):
    """Opens the dialogs of *host* (the main window), which it reads what they show from.

    Attributes:
        settings: the Settings dialog, once made.
    """

    def __init__(self, host: DialogHost, appearance: Appearance) -> None:
        super().__init__(host.window())
        self._window = host
        self._parent = host.window()
        self._appearance = appearance
        self.settings: SettingsDialog | None = None

    @Slot()
    def show_settings(self) -> SettingsDialog:
        """The Settings dialog (made on first use), beside the window."""
        window = self._window
        if self.settings is None:
            models = window.model_picker.local_models()
            installed = embedding_models(window.library.installed())
            dialog = SettingsDialog(
                window.app_settings,
                window.model_choices,
                self._appearance,
                models,
                self._parent,
                embedding_models=[(model.name, model.path) for model in installed],
            )
            menus = window.menus
            dialog.documents.embedding_model_changed.connect(window.documents.use_embedder)
            dialog.documents.passages_changed.connect(window.chat.set_passages)
            dialog.offline_changed.connect(menus.offline.setChecked)
            dialog.send_with_ctrl_enter_changed.connect(menus.send_with_ctrl_enter.setChecked)
            dialog.network_activity_requested.connect(self.show_network_activity)
            dialog.forget_requested.connect(window.ask_forget_everything)
            dialog.restart_requested.connect(window.restart_requested)
            menus.offline.toggled.connect(dialog.set_offline)
            menus.send_with_ctrl_enter.toggled.connect(dialog.set_send_with_ctrl_enter)
            if window.local_api is not None:
                section = ApiSection(window.local_api, window.library.installed)
                dialog.privacy.add_api_section(section)
            self.settings = dialog
        bring_to_front(self.settings)
        return self.settings

    @Slot()
    def show_servers(self) -> None:
        """The user's model servers: add, check, remove."""
        window = self._window
        models = window.models
        dialog = ServersDialog(models.servers, window.guard.guard, window.tasks, self._parent)
        dialog.servers_changed.connect(models.servers_changed)
        dialog.exec()

    @Slot()
    def show_hardware_details(self) -> None:
        window = self._window
        gauge = window.gauge
        snapshot = gauge.snapshot or gauge.sampler.sample()
        machine = gauge.sampler.machine()
        HardwareDetails(machine, snapshot, window.loaded_model, gauge.speed, self._parent).exec()

    @Slot()
    def show_network_activity(self) -> None:
        NetworkActivityDialog(self._window.guard, self._parent).exec()

    @Slot()
    def show_help(self) -> None:
        HelpWindow(QLocale().name(), self._parent).show()

    @Slot()
    def show_shortcuts(self) -> None:
        window = self._window
        ctrl_enter = window.menus.send_with_ctrl_enter.isChecked()
        ShortcutsSheet(self._parent.findChildren(QAction), ctrl_enter, self._parent).exec()

    @Slot()
    def show_about(self) -> None:
        """The About box, whose button runs the self-check."""
        AboutDialog(self._window.tasks, parent=self._parent).exec()
