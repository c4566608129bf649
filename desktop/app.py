"""The composition root: builds the services and the main window, and runs the GUI.

The window's own modules (the chat, the documents, the model library: most of what a start
imports) are imported while the vault's pages are checked on a thread of their own, so the
two take the time of the longer one: here, not at the top of this module.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QProcess, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.app_settings import AppSettings
from desktop.core.errors import UserError
from desktop.core.inference.types import Sampling
from desktop.core.language import ENGLISH
from desktop.core.paths import APP_NAME, AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.program import sotto_command
from desktop.core.services import open_store
from desktop.core.vault.database import Database
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from desktop.text.messages import user_message
from desktop.text.translation import apply_language, chosen_language
from desktop.ui.privacy.vault_unlock import forget_with_report, unlock_vault
from desktop.ui.theme import Appearance
from desktop.ui.widgets.app_icon import app_icon
from desktop.ui.widgets.bring_to_front import bring_to_front
from desktop.ui.window.single_instance import SingleInstance

if TYPE_CHECKING:
    from desktop.ui.window.main_window import MainWindow


REFUSED = 1
"""The window's exit code when it would not open the history: the command line's
``EXIT_FAILED``, so that a script that started it sees it did not start."""


def build_main_window(
    paths: AppPaths,
    store: ConversationStore,
    guard: NetworkGuard,
    sampling: Sampling | None = None,
    language: str = ENGLISH,
    appearance: Appearance | None = None,
) -> MainWindow:
    """The main window and its inference worker, with no model loaded yet; the catalog and
    presets in *language* (the interface's translators are the application's); the theme
    and text size of *appearance* (by default, as the user's settings have them)."""
    from desktop.core.chat.presets import load_presets
    from desktop.core.documents.library import DocumentLibrary
    from desktop.core.hardware.sampler import HardwareSampler
    from desktop.core.library.catalog import load_catalog
    from desktop.core.library.hub import HubClient
    from desktop.core.library.names import use_catalog
    from desktop.core.services import build_engine, open_library, open_servers
    from desktop.ui.api.local_api import LocalApi
    from desktop.ui.models.inference_worker import InferenceClient
    from desktop.ui.privacy.network_activity import GuardBridge
    from desktop.ui.window.language_menu import LanguageMenu
    from desktop.ui.window.main_window import MainWindow

    settings = AppSettings(paths.settings_path)
    catalog = load_catalog(language=language)
    use_catalog(catalog)  # models named as the catalog names them, in the user's language
    if appearance is None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        appearance = Appearance.restore(app, settings)
    client = InferenceClient(build_engine(paths))
    bridge = GuardBridge(guard)
    window = MainWindow(
        client,
        store,
        bridge,
        HardwareSampler(),
        open_library(paths, store),
        open_servers(paths, store),
        DocumentLibrary.of(paths, store.db),
        HubClient(guard),
        catalog,
        load_presets(language=language),
        sampling or Sampling(),
        settings,
        appearance,
    )
    client.setParent(window)
    bridge.setParent(window)
    window.restart_requested.connect(lambda: restart(window))
    languages = LanguageMenu(settings, window)
    languages.restart_requested.connect(window.restart_requested)
    window.menus.view_menu.addSeparator()
    window.menus.view_menu.addMenu(languages)
    window.local_api = LocalApi(paths, store, settings, client, guard, window)
    failure = window.local_api.restore(window.library.installed())
    if failure is not None:  # once the window is shown, so that the toast sits on it
        QTimer.singleShot(0, window, lambda: window.toast.show_message(user_message(failure)))
    return window


def restart(window: MainWindow) -> None:
    """Start Sotto again, with the same arguments, once *window* has closed (which asks
    before ending an incognito chat)."""
    if window.close():
        program, *arguments = [*sotto_command(), *sys.argv[1:]]
        QProcess.startDetached(program, arguments)


class History:
    """The open vault of the running app, replaced when the user forgets everything."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self.db: Database | None = None

    def unlock(self) -> ConversationStore | None:
        self.db = unlock_vault(self.paths, lambda: VaultOpener(self.paths), _import_window)
        if self.db is None:
            return None
        return open_store(self.db, settings=AppSettings(self.paths.settings_path))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def _import_window() -> None:
    """Load the window's modules, while the vault's pages are checked."""
    import desktop.ui.window.main_window  # noqa: F401


def forget_and_start_over(window: MainWindow, history: History, include_models: bool) -> None:
    """Forget everything, then give the window a new history, as on first launch."""
    from desktop.core.documents.library import DocumentLibrary
    from desktop.core.services import open_library, open_servers

    if window.local_api is not None:  # its token goes with the vault's key
        window.local_api.stop()
    history.close()
    forgotten = forget_with_report(history.paths, include_models, window)
    store = history.unlock()
    if store is None:
        window.close()
        return
    if window.local_api is not None:
        window.local_api.set_store(store)
    window.set_history(
        store,
        open_library(history.paths, store),
        open_servers(history.paths, store),
        DocumentLibrary.of(history.paths, store.db),
    )
    if forgotten:
        window.toast.show_message(
            QCoreApplication.translate("Forget", "Everything was forgotten: Sotto starts afresh")
        )


def run_gui(paths: AppPaths, guard: NetworkGuard) -> int:
    """Unlock the history, show the main window until the user quits; return the exit code."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("sotto")  # Wayland matches the window to sotto.desktop's icon
    language = chosen_language(paths)
    apply_language(app, language)
    settings = AppSettings(paths.settings_path)
    appearance = Appearance.restore(app, settings)  # before the first window
    instance = SingleInstance(paths, app)
    refused = _claim(instance, paths)
    if refused is not None:
        return refused
    history = History(paths)
    store = history.unlock()
    if store is None:
        return 0  # the user chose to quit
    window = build_main_window(paths, store, guard, language=language, appearance=appearance)
    from desktop.ui.window.unexpected_error import UnexpectedErrors

    errors = UnexpectedErrors(window, window.chat.recover)  # a bug: said, and the chat usable
    errors.install()
    window.forget_requested.connect(
        lambda include_models: forget_and_start_over(window, history, include_models)
    )
    instance.activation_requested.connect(lambda: bring_to_front(window))
    try:
        window.show()
        installed = [path for _name, path in window.model_picker.local_models()]
        window.start(window.model_choices.default_model(installed))
        return app.exec()
    finally:
        errors.uninstall()
        history.close()
        instance.release()


def _claim(instance: SingleInstance, paths: AppPaths) -> int | None:
    """Take the data folder for this window: None, or the exit code to quit with. If another
    Sotto has it, its window comes to the front (or the user is told why there is none); if
    the folder's lock cannot be taken or checked, the user is told what to remove, and no
    history is opened: another window might be writing to it."""
    try:
        paths.ensure()  # the lock file lives in the folder: a first start makes it here
        if instance.claim():
            return None
    except UserError as error:  # LockUnavailableError, StorageError
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("SingleInstance", "Sotto"),
            user_message(error),
        )
        if error.details:
            box.setDetailedText(error.details)
        box.exec()
        return REFUSED
    if not instance.ask_first_to_show():
        QMessageBox.information(
            None,
            QCoreApplication.translate("SingleInstance", "Sotto"),
            QCoreApplication.translate(
                "SingleInstance",
                "Another Sotto command is using this history right now (for example, "
                "forgetting everything from a terminal). Open Sotto again when it has finished.",
            ),
        )
    return 0
