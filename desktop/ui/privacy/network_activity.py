"""The record of every attempt to reach beyond this machine, for the user to read."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.privacy.network import Attempt, NetworkGuard
from desktop.text.messages import user_message


class GuardBridge(QObject):
    """Carries the guard's records to the GUI thread, whichever thread made the attempt.

    Signals:
        recorded(Attempt): an attempt was just recorded.
    """

    recorded = Signal(object)

    def __init__(self, guard: NetworkGuard, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        guard.add_listener(self.recorded.emit)


class NetworkActivityDialog(QDialog):
    """Shows each attempt: when, which host, for which action, allowed or refused."""

    def __init__(self, bridge: GuardBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Network activity"))
        self.resize(640, 360)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Host"), self.tr("For"), self.tr("Result")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._guard = bridge.guard
        self._show()
        bridge.recorded.connect(self._show)

    @Slot()
    def _show(self) -> None:
        """Show every attempt as it stands now: an action that ended since has its result."""
        attempts = self._guard.attempts()
        self.table.setRowCount(len(attempts))
        for row, attempt in enumerate(attempts):
            when = QDateTime.fromMSecsSinceEpoch(int(attempt.when * 1000))  # local time
            result, details = self._result(attempt)
            cells = (
                QLocale().toString(when.time(), QLocale.FormatType.LongFormat),
                attempt.host or self.tr("an app on this computer"),
                # Actions are marked for translation where they are named (the hub client,
                # the model servers' client).
                QCoreApplication.translate("NetworkAction", attempt.action)
                if attempt.action
                else self.tr("nothing you asked for"),
                result,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(details or text)
                self.table.setItem(row, column, item)
        self._update_summary()

    def _result(self, attempt: Attempt) -> tuple[str, str]:
        """The result column's text, and the system's own words for a failure."""
        if attempt.local:  # a request of another app on this computer (the local API)
            if attempt.detail:
                return self.tr("local, with {model}").format(model=attempt.detail), ""
            return self.tr("local"), ""
        if not attempt.allowed:
            return self.tr("refused"), ""
        failure = attempt.outcome.failure if attempt.outcome else None
        if failure is None:
            return self.tr("allowed"), ""
        if isinstance(failure, UserError):
            sentence = user_message(failure)
            return self.tr("allowed, then failed: {why}").format(why=sentence), failure.details
        return self.tr("allowed, then stopped"), str(failure) or type(failure).__name__

    def _update_summary(self) -> None:
        attempts = self._guard.attempts()
        count = sum(not attempt.local for attempt in attempts)
        local = len(attempts) - count
        if local:
            self.summary.setText(
                self.tr(
                    "Attempts to reach beyond this computer this session: {count}. Requests "
                    "from apps on this computer: {local}."
                ).format(count=count, local=local)
            )
        elif count == 0:
            self.summary.setText(
                self.tr(
                    "No connections this session. Sotto reaches the network only when you "
                    "search for or download a model, and then only the model hub, or chat "
                    "with a model on one of your servers, and then only that server."
                )
            )
        else:
            self.summary.setText(
                self.tr("Attempts to reach beyond this computer this session: {count}").format(
                    count=count
                )
            )
