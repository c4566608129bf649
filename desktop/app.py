"""The composition root: builds the services and the main window, and runs the GUI."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.core.inference.engine import Engine, Sampling
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.library.installed import installed_models
from desktop.core.paths import APP_NAME, AppPaths
from desktop.ui.inference_worker import InferenceClient
from desktop.ui.main_window import MainWindow


def build_engine(paths: AppPaths) -> Engine:
    """The engine, with its self-check remembered under *paths*. Shared with the command line."""
    return Engine(SelfCheck(paths.cache_dir / "selfcheck.json"))


def build_main_window(paths: AppPaths, sampling: Sampling | None = None) -> MainWindow:
    """The main window and its inference worker, with no model loaded yet."""
    client = InferenceClient(build_engine(paths))
    window = MainWindow(client, installed_models(paths.models_dir), sampling or Sampling())
    client.setParent(window)
    return window


def run_gui(paths: AppPaths) -> int:
    """Show the main window until the user quits; return the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = build_main_window(paths)
    window.show()
    if window.model_picker.count():
        window.load_model(window.model_picker.itemData(0))
    return app.exec()
