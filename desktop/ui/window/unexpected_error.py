"""A bug that nothing else caught, on any thread of the window's process: the user is told in
a sentence, with the details to copy, and the window stays usable.

Python hands such an exception to ``sys.excepthook`` (the GUI thread, and a Qt slot's on any
thread: PySide reports those there) or ``threading.excepthook`` (a Python thread). Both are
replaced here. The details are shown and nowhere else: never printed, logged or written to
disk, since an exception's message can hold what the user wrote.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class UnexpectedErrorDialog(QDialog):
    """Says that something went wrong inside Sotto, and shows what, to copy into a report.

    Attributes:
        details: the tracebacks of the errors caught while it was open, selectable.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Something went wrong"))
        sentence = QLabel(
            self.tr(
                "Something went wrong inside Sotto. Your conversations are safe, and you can "
                "go on working; a reply that was being written was stopped. If this happens "
                "again, copy the details below into a report to Sotto's developers."
            )
        )
        sentence.setWordWrap(True)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("Copy details"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(sentence)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(640, 360)

    def add(self, details: str) -> None:
        """Show *details* below those of the errors before (if it is still open)."""
        if not self.isVisible():
            self.details.clear()
        self.details.appendPlainText(details)

    @Slot()
    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


class UnexpectedErrors(QObject):
    """Catches the exceptions nothing else caught, shows them in one dialog at a time, and
    has the window recover (a reply in flight ends as failed).

    Attributes:
        dialog: the dialog, once an error was caught.

    Signals:
        caught(str): an error's traceback, delivered on the GUI thread.
    """

    caught = Signal(str)

    def __init__(self, window: QWidget, recover: Callable[[], None]) -> None:
        """Show the errors above *window*; call *recover* after each, so that nothing
        waits for what the error cut short."""
        super().__init__(window)
        self._window = window
        self._recover = recover
        self.dialog: UnexpectedErrorDialog | None = None
        self._previous = (sys.excepthook, threading.excepthook)
        # Queued even on the GUI thread: the dialog opens after the code that raised has
        # unwound, never inside it.
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Catch, from now on, what Python would otherwise print and forget."""
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._caught
        threading.excepthook = self._caught_in_thread

    def uninstall(self) -> None:
        """Put back the hooks there were before ``install``."""
        sys.excepthook, threading.excepthook = self._previous

    def _caught(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in a terminal still ends Sotto
            self._previous[0](kind, error, trace)
            return
        self.caught.emit("".join(traceback.format_exception(kind, error, trace)))

    def _caught_in_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # a thread that ended itself
        self._caught(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str)
    def _show(self, details: str) -> None:
        if self.dialog is None:
            self.dialog = UnexpectedErrorDialog(self._window)
        self.dialog.add(details)
        self.dialog.show()
        self.dialog.raise_()
        try:
            self._recover()
        except Exception:  # recovering failed too: shown, and not tried again in a loop
            self.dialog.add(traceback.format_exc())
