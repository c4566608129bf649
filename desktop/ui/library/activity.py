"""The library's activity list: downloads, imports and checks, with progress and a way out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.text.units import format_bytes


def format_duration(seconds: float) -> str:
    """*seconds* as "40 s", "12 min" or "2 h 5 min"."""
    if seconds < 90:
        return QCoreApplication.translate("Duration", "{n} s").format(n=max(1, round(seconds)))
    minutes = round(seconds / 60)
    if minutes < 90:
        return QCoreApplication.translate("Duration", "{n} min").format(n=minutes)
    return QCoreApplication.translate("Duration", "{h} h {m} min").format(
        h=minutes // 60, m=minutes % 60
    )


def transfer_detail(done: int, total: int, per_second: float, seconds_left: float | None) -> str:
    """ "1.2 GB of 4.9 GB · 23.4 MB/s · 3 min left" """
    text = QCoreApplication.translate("Activity", "{done} of {total}").format(
        done=format_bytes(done), total=format_bytes(total)
    )
    if per_second > 0:
        text += " · " + QCoreApplication.translate("Activity", "{speed}/s").format(
            speed=format_bytes(int(per_second))
        )
    if seconds_left is not None:
        text += " · " + QCoreApplication.translate("Activity", "{time} left").format(
            time=format_duration(seconds_left)
        )
    return text


class ActivityRow(QWidget):
    """One job: what it is, how far along, and buttons to stop, retry or dismiss it.

    Attributes:
        title: what the job is ("Downloading gemma-2-2b-it-Q4_K_M").
        bar: its progress.
        detail: figures, or the sentence saying how it ended.

    Signals:
        cancel_clicked(), retry_clicked(), dismiss_clicked()
    """

    cancel_clicked = Signal()
    retry_clicked = Signal()
    dismiss_clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.detail = QLabel(self.tr("Waiting for its turn…"))
        self.detail.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.retry_button = QPushButton(self.tr("Resume"))
        self.retry_button.clicked.connect(self.retry_clicked)
        self.retry_button.hide()
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss_clicked)
        self.dismiss_button.hide()
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.bar)
        text.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(text, 1)
        for button in (self.cancel_button, self.retry_button, self.dismiss_button):
            layout.addWidget(button)

    def set_progress(self, done: int, total: int, detail: str) -> None:
        scale = max(1, total // 1_000_000)  # QProgressBar counts in int: keep within range
        self.bar.setRange(0, max(1, total // scale))
        self.bar.setValue(done // scale)
        self.detail.setText(detail)
        self._buttons(running=True)

    def set_ended(self, sentence: str, can_retry: bool = False, retry_text: str = "") -> None:
        """The job is over: say how, and offer Resume (or *retry_text*) if it can go on."""
        self.bar.hide()
        self.detail.setText(sentence)
        if retry_text:
            self.retry_button.setText(retry_text)
        self.retry_button.setVisible(can_retry)
        self._buttons(running=False)

    def set_waiting(self) -> None:
        self.bar.show()
        self.bar.setRange(0, 0)
        self.detail.setText(self.tr("Waiting for its turn…"))
        self.retry_button.hide()
        self._buttons(running=True)

    def _buttons(self, running: bool) -> None:
        self.cancel_button.setVisible(running)
        self.dismiss_button.setVisible(not running)


class ActivityList(QScrollArea):
    """The rows of the jobs in progress or just ended; hidden when there are none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMaximumHeight(220)
        inner = QWidget()
        self._rows = QVBoxLayout(inner)
        self._rows.addStretch()
        self.setWidget(inner)
        self.hide()

    def add(self, row: ActivityRow) -> ActivityRow:
        self._rows.insertWidget(self._rows.count() - 1, row)
        row.dismiss_clicked.connect(lambda: self.remove(row))
        self._fit()
        return row

    def rows(self) -> list[ActivityRow]:
        items = (self._rows.itemAt(i) for i in range(self._rows.count()))
        widgets = (item.widget() for item in items if item is not None)
        return [widget for widget in widgets if isinstance(widget, ActivityRow)]

    def remove(self, row: ActivityRow) -> None:
        self._rows.removeWidget(row)
        row.deleteLater()
        self._fit()

    def _fit(self) -> None:
        """Tall enough for two rows, hidden without any."""
        rows = self.rows()
        self.setVisible(bool(rows))
        if rows:
            self.setMinimumHeight(min(len(rows), 2) * rows[0].sizeHint().height() + 8)
