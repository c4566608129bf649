"""The composition root: builds the services and the main window, and runs the GUI."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.inference.engine import Engine, Sampling
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.library.installed import installed_models
from desktop.core.paths import APP_NAME, AppPaths
from desktop.core.vault.database import Database
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from desktop.ui.inference_worker import InferenceClient
from desktop.ui.main_window import MainWindow
from desktop.ui.vault_unlock import unlock_vault


def build_engine(paths: AppPaths) -> Engine:
    """The engine, with its self-check remembered under *paths*. Shared with the command line."""
    return Engine(SelfCheck(paths.cache_dir / "selfcheck.json"))


def open_store(db: Database) -> ConversationStore:
    """The history in an opened vault; replies cut off by a crash are marked interrupted."""
    store = ConversationStore(db)
    store.mark_interrupted()
    return store


def build_main_window(
    paths: AppPaths, store: ConversationStore, sampling: Sampling | None = None
) -> MainWindow:
    """The main window and its inference worker, with no model loaded yet."""
    client = InferenceClient(build_engine(paths))
    models = installed_models(paths.models_dir)
    window = MainWindow(client, store, models, sampling or Sampling())
    client.setParent(window)
    return window


def run_gui(paths: AppPaths) -> int:
    """Unlock the history, show the main window until the user quits; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    db = unlock_vault(paths, lambda: VaultOpener(paths))
    if db is None:
        return 0  # the user chose to quit
    try:
        window = build_main_window(paths, open_store(db))
        window.show()
        if window.model_picker.count():
            window.load_model(window.model_picker.itemData(0))
        return app.exec()
    finally:
        db.close()
