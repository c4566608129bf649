"""Help → About: what Sotto is, its version and promise, and the self-check on a button."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.diagnostics import CheckResult, run_checks
from desktop.core.errors import UserError
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.text.messages import user_message
from desktop.text.self_check_lines import check_line
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets.app_icon import app_icon

ICON_SIZE = 64


class AboutDialog(QDialog):
    """Sotto's name, version and privacy promise, and a button that runs the self-check
    (the same checks as ``sotto --self-check``) on a worker thread and shows its lines.

    Attributes:
        run_button: starts the self-check; disabled while it runs.
        results: the self-check's lines, one per check.
        summary: whether every check passed.

    Signals:
        checked(bool): the self-check finished; True if every check passed.
    """

    checked = Signal(bool)

    def __init__(
        self, tasks: TaskRunner, scratch_dir: Path | None = None, parent: QWidget | None = None
    ) -> None:
        """*tasks* runs the self-check; its throwaway history is made in a new folder inside
        *scratch_dir* (default: the system's temporary folder)."""
        super().__init__(parent)
        self._tasks = tasks
        self._scratch_dir = scratch_dir
        self.setWindowTitle(self.tr("About Sotto"))
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        version = self.tr("Version {version}").format(version=__version__)
        name = QLabel(f"<h2>Sotto</h2>{version}")
        promise = QLabel(
            self.tr(
                "Your conversations never leave this computer, are never written to disk in "
                "readable form, and can be forgotten completely with one click."
            )
        )
        promise.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(name, 1)
        self.run_button = QPushButton(self.tr("Run self-check"))
        self.run_button.setToolTip(
            self.tr(
                "Checks that the inference library runs on this processor, that the starter "
                "model writes, and that an encrypted history can be written and read back."
            )
        )
        self.run_button.clicked.connect(self.run_self_check)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.results = QPlainTextEdit()
        self.results.setReadOnly(True)
        self.results.setPlaceholderText(
            self.tr("Its lines appear here. They hold nothing of your conversations.")
        )
        self.results.setMinimumHeight(self.results.fontMetrics().lineSpacing() * 6)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(promise)
        layout.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(buttons)
        self.resize(600, 340)

    @Slot()
    def run_self_check(self) -> None:
        """Start the checks on a worker thread; the lines appear when they end."""
        self.run_button.setEnabled(False)
        self.results.clear()
        self.summary.setText(self.tr("Checking… this takes a few seconds."))
        scratch_dir = self._scratch_dir
        task = self._tasks.run(
            lambda report, cancelled: run_checks(STARTER_MODEL_PATH, scratch_dir)
        )
        task.done.connect(self._show)
        task.failed.connect(self._failed)

    @Slot(object)
    def _show(self, results: list[CheckResult]) -> None:
        self.results.setPlainText("\n".join(check_line(result) for result in results))
        passed = all(result.passed for result in results)
        if passed:
            self.summary.setText(self.tr("Every check passed."))
        else:
            self.summary.setText(
                self.tr("Some checks failed. Copy these lines for whoever helps you.")
            )
        self.run_button.setEnabled(True)
        self.checked.emit(passed)

    @Slot(object)
    def _failed(self, error: UserError) -> None:  # a bug in the checks: they report failures
        self.summary.setText(user_message(error))
        self.run_button.setEnabled(True)
        self.checked.emit(False)
