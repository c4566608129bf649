"""The hardware gauge: what the machine has, what Sotto and its model use, live."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QMouseEvent, QPainter, QPen, QPolygonF, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.hardware.snapshot import Snapshot
from desktop.core.inference.types import LoadedModel
from desktop.units import format_bytes

SAMPLE_MS = 1000
HISTORY = 60  # samples: the last minute


class Sparkline(QWidget):
    """A small line of the last ``HISTORY`` values, scaled to *ceiling* (or to the largest)."""

    def __init__(self, ceiling: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: deque[float] = deque(maxlen=HISTORY)
        self._ceiling = ceiling
        self.setFixedSize(48, 16)

    def add(self, value: float) -> None:
        self.values.append(value)
        self.update()

    def paintEvent(self, event: object) -> None:
        if len(self.values) < 2:
            return
        top = self._ceiling or max(max(self.values), 1e-9)
        width, height = self.width() - 1, self.height() - 2
        step = width / (HISTORY - 1)
        start = width - step * (len(self.values) - 1)
        line = QPolygonF(
            [
                QPointF(start + i * step, 1 + height * (1 - min(value / top, 1.0)))
                for i, value in enumerate(self.values)
            ]
        )
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().highlight().color(), 1.2))
        painter.drawPolyline(line)


class HardwareGauge(QFrame):
    """A compact, always visible line of figures with a minute of history.

    Samples once a second while it is shown, on the GUI thread: a sample costs well under a
    millisecond. It stops sampling while hidden.

    Signals:
        clicked(): the user clicked the gauge (to open the detail view).

    Attributes:
        snapshot: the latest sample, or None before the first.
    """

    clicked = Signal()

    def __init__(self, sampler: HardwareSampler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sampler = sampler
        self.snapshot: Snapshot | None = None
        self.model: LoadedModel | None = None
        self.speed: float | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Hardware: click for details"))
        self.cpu = QLabel()
        self.cpu_line = Sparkline(100.0)
        self.memory = QLabel()
        self.memory_line = Sparkline(100.0)
        self.gpu = QLabel()
        self.gpu.hide()
        self.model_label = QLabel()
        self.speed_label = QLabel()
        self.speed_line = Sparkline()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        for widget in (
            self.cpu,
            self.cpu_line,
            self.memory,
            self.memory_line,
            self.gpu,
            self.model_label,
            self.speed_label,
            self.speed_line,
        ):
            layout.addWidget(widget)
        self._timer = QTimer(self)
        self._timer.setInterval(SAMPLE_MS)
        self._timer.timeout.connect(self.refresh)

    @property
    def sampling(self) -> bool:
        return self._timer.isActive()

    def set_model(self, model: LoadedModel | None) -> None:
        self.model = model
        self._show_model()

    @Slot(float)
    def set_speed(self, tokens_per_second: float) -> None:
        """The speed of the reply being generated, shown at the next sample (``clear_speed``
        when it ends): redrawing the status bar with every piece of a reply would take
        processor time from the model."""
        self.speed = tokens_per_second

    def clear_speed(self) -> None:
        self.speed = None
        self.speed_label.setText("")

    @Slot()
    def refresh(self) -> None:
        snapshot = self.sampler.sample()
        self.snapshot = snapshot
        self.cpu.setText(
            self.tr("CPU {all:.0f}% (Sotto {app:.0f}%)").format(
                all=snapshot.cpu_percent, app=snapshot.app_cpu_percent
            )
        )
        self.cpu_line.add(snapshot.cpu_percent)
        self.memory.setText(
            self.tr("RAM {used} used, {free} free · Sotto {app}").format(
                used=format_bytes(snapshot.memory_used),
                free=format_bytes(snapshot.memory_available),
                app=format_bytes(snapshot.app_memory),
            )
        )
        self.memory_line.add(snapshot.memory_percent)
        if snapshot.gpus:
            gpu = snapshot.gpus[0]
            self.gpu.setText(
                self.tr("GPU {used} used, {free} free · {load:.0f}%").format(
                    used=format_bytes(gpu.vram_used),
                    free=format_bytes(gpu.vram_free),
                    load=gpu.utilization,
                )
            )
        self.gpu.setVisible(bool(snapshot.gpus))
        self.speed_line.add(self.speed or 0.0)
        if self.speed is not None:
            self.speed_label.setText(self.tr("{speed:.1f} tokens/s").format(speed=self.speed))

    def _show_model(self) -> None:
        if self.model is None:
            self.model_label.setText("")
            return
        self.model_label.setText(
            self.tr("Model {weights} + context {kv}").format(
                weights=format_bytes(self.model.weights),
                kv=format_bytes(self.model.kv_cache),
            )
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
