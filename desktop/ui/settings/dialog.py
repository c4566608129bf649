"""Edit → Settings… (Ctrl+,): every setting of Sotto in one window, each applied at once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.app_settings import AppSettings
from desktop.core.errors import UserError
from desktop.core.vault.preferences import ModelChoices
from desktop.text.messages import user_message
from desktop.ui.settings.documents_page import DocumentsPage
from desktop.ui.settings.general_page import GeneralPage
from desktop.ui.settings.models_page import ModelsPage
from desktop.ui.settings.page import SettingsPage
from desktop.ui.settings.page_list import PageList
from desktop.ui.settings.privacy_page import PrivacyPage
from desktop.ui.theme import SPACE_L, SPACE_M, Appearance, Status, show_status

_Page = TypeVar("_Page", bound=SettingsPage)


class SettingsDialog(QDialog):
    """Sotto's settings, a page each, listed on the left; closed with Close.

    As in the preference windows of macOS and GNOME there is no OK or Apply: every change
    is saved the moment it is made (in ``settings.json``, ``AppSettings``; the models chosen
    in the vault, ``ModelChoices``), and shows at once where it can (theme and text size,
    through the ``Appearance``; the window's own settings, through the signals below). A
    language shows from the next start; the load settings from the next model loaded. A
    setting that cannot be saved (a read-only data folder) still applies until Sotto quits,
    and the dialog says so below the pages.

    The main window makes it and connects its signals; it can be left open beside the
    window (``show``), and ``set_offline`` and ``set_send_with_ctrl_enter`` keep it in step
    with the menus.

    Args:
        settings: where the settings are kept.
        choices: the models chosen, which the vault keeps (they name the user's files).
        appearance: the application's theme and text size.
        models: the installed models, as (name shown, path), in the model picker's order.
        embedding_models: the installed embedding models, as (name shown, path).

    The list of pages is always as wide as its longest name, at every text size; a page
    scrolls rather than be cut where the window is small.

    Attributes:
        general, privacy, models, documents: the pages.
        pages: the list of the pages' names (``PageList``).
        stack: the pages, each in a scroll area of its own.

    Signals:
        send_with_ctrl_enter_changed(bool): True: Ctrl+Enter sends and Enter starts a line.
        restart_requested(): the user asked to restart now, for a new language.
        offline_changed(bool): offline mode was turned on (True) or off.
        network_activity_requested(): show the log of network attempts.
        forget_requested(): forget everything (the window asks for confirmation first).
        default_model_changed(Path): the model new chats and starts load.
        load_settings_changed(): threads, GPU layers or context length changed; they apply
            to the next model loaded.
    """

    send_with_ctrl_enter_changed = Signal(bool)
    restart_requested = Signal()
    offline_changed = Signal(bool)
    network_activity_requested = Signal()
    forget_requested = Signal()
    default_model_changed = Signal(Path)
    load_settings_changed = Signal()

    def __init__(
        self,
        settings: AppSettings,
        choices: ModelChoices,
        appearance: Appearance,
        models: Sequence[tuple[str, Path]],
        parent: QWidget | None = None,
        embedding_models: Sequence[tuple[str, Path]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.pages = PageList()
        self.stack = QStackedWidget()
        self._shown: list[SettingsPage] = []
        self.pages.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        body.setSpacing(SPACE_L)
        body.addWidget(self.pages)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE_M)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

        self.general = self.add_page(GeneralPage(settings, appearance), "gear-six")
        self.privacy = self.add_page(PrivacyPage(settings), "shield-check")
        self.models = self.add_page(ModelsPage(settings, choices, models), "cpu")
        self.documents = self.add_page(DocumentsPage(settings, choices, embedding_models), "files")

        self.general.send_with_ctrl_enter_changed.connect(self.send_with_ctrl_enter_changed)
        self.general.restart_requested.connect(self.restart_requested)
        self.privacy.offline_changed.connect(self.offline_changed)
        self.privacy.network_activity_requested.connect(self.network_activity_requested)
        self.privacy.forget_requested.connect(self.forget_requested)
        self.models.default_model_changed.connect(self.default_model_changed)
        self.models.load_settings_changed.connect(self.load_settings_changed)
        self.pages.setCurrentRow(0)

    def add_page(self, page: _Page, icon_name: str | None = None) -> _Page:
        """Add *page* at the end of the list, beside Phosphor's icon *icon_name* if given,
        and return it."""
        self.pages.add_page(page.windowTitle(), icon_name)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        self._shown.append(page)
        page.save_failed.connect(self._save_failed)
        return page

    def show_page(self, page: SettingsPage) -> None:
        """Turn to *page*, one of this dialog's."""
        self.pages.setCurrentRow(self._shown.index(page))

    def current_page(self) -> SettingsPage:
        """The page shown now."""
        return self._shown[self.stack.currentIndex()]

    def set_offline(self, offline: bool) -> None:
        """Show offline mode as turned on or off elsewhere, without saving it again."""
        self.privacy.set_offline(offline)

    def set_send_with_ctrl_enter(self, on: bool) -> None:
        """Show the send key as chosen elsewhere, without saving it again."""
        self.general.set_send_with_ctrl_enter(on)

    @Slot(object)
    def _save_failed(self, error: UserError) -> None:
        self.problem.setText(
            self.tr(
                "Sotto could not save this setting; it applies until Sotto quits. {why}"
            ).format(why=user_message(error))
        )
        show_status(self.problem, Status.BAD)
        self.problem.show()
