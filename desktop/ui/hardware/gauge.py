"""The hardware gauge: what the machine has, what Sotto and its model use, live.

In the status bar it gives way to the status text: it drops figures (``Form``) until both
fit.
"""

from __future__ import annotations

from collections import deque
from enum import IntEnum

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QHideEvent, QMouseEvent, QPainter, QPen, QPolygonF, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QStatusBar, QWidget

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.hardware.snapshot import Snapshot
from desktop.core.inference.types import LoadedModel
from desktop.text.units import format_bytes

SAMPLE_MS = 1000
HISTORY = 60  # samples: the last minute

STATUS_TEXT_GAP = 24
"""Room kept free in the status bar beside its text: the bar's own margins and spacing."""

GROW_MARGIN = 16
"""How much more room than it needs the gauge wants before it shows more figures again, so
that figures changing width from one second to the next do not make it flicker."""


class Form(IntEnum):
    """How much the gauge shows, from the most to the least.

    FULL: every figure, its details and the lines of the last minute.
    COMPACT: one figure each for the processor, memory and GPU, their lines, and the speed.
    MINIMAL: the processor, memory and GPU as percentages, nothing else.
    """

    FULL = 0
    COMPACT = 1
    MINIMAL = 2


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
        form: how much it shows now. In a status bar it chooses for itself (``fit_width``
            with the room its text leaves); its tooltip always holds every figure.
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
        self.form = Form.FULL
        self._texts: dict[QLabel, dict[Form, str]] = {}
        self._status_bar: QStatusBar | None = None
        layout = self._layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # minimumSizeHint
        self._widgets: tuple[QWidget, ...] = (
            self.cpu,
            self.cpu_line,
            self.memory,
            self.memory_line,
            self.gpu,
            self.model_label,
            self.speed_label,
            self.speed_line,
        )
        for widget in self._widgets:
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
        self._set_texts(self.speed_label, None)
        self._fit_status_bar()

    @Slot()
    def refresh(self) -> None:
        snapshot = self.sampler.sample()
        self.snapshot = snapshot
        cpu = self.tr("CPU {all:.0f}%").format(all=snapshot.cpu_percent)
        self._set_texts(
            self.cpu,
            {
                Form.FULL: self.tr("CPU {all:.0f}% (Sotto {app:.0f}%)").format(
                    all=snapshot.cpu_percent, app=snapshot.app_cpu_percent
                ),
                Form.COMPACT: cpu,
                Form.MINIMAL: cpu,
            },
        )
        self.cpu_line.add(snapshot.cpu_percent)
        self._set_texts(
            self.memory,
            {
                Form.FULL: self.tr("RAM {used} used, {free} free · Sotto {app}").format(
                    used=format_bytes(snapshot.memory_used),
                    free=format_bytes(snapshot.memory_available),
                    app=format_bytes(snapshot.app_memory),
                ),
                Form.COMPACT: self.tr("RAM {free} free").format(
                    free=format_bytes(snapshot.memory_available)
                ),
                Form.MINIMAL: self.tr("RAM {percent:.0f}%").format(percent=snapshot.memory_percent),
            },
        )
        self.memory_line.add(snapshot.memory_percent)
        gpu_texts = None
        if snapshot.gpus:
            gpu = snapshot.gpus[0]
            gpu_texts = {
                Form.FULL: self.tr("GPU {used} used, {free} free · {load:.0f}%").format(
                    used=format_bytes(gpu.vram_used),
                    free=format_bytes(gpu.vram_free),
                    load=gpu.utilization,
                ),
                Form.COMPACT: self.tr("GPU {free} free").format(free=format_bytes(gpu.vram_free)),
                Form.MINIMAL: self.tr("GPU {load:.0f}%").format(load=gpu.utilization),
            }
        self._set_texts(self.gpu, gpu_texts)
        self.speed_line.add(self.speed or 0.0)
        if self.speed is not None:
            speed = self.tr("{speed:.1f} tokens/s").format(speed=self.speed)
            self._set_texts(self.speed_label, {Form.FULL: speed, Form.COMPACT: speed})
        self._fit_status_bar()

    def _show_model(self) -> None:
        if self.model is None:
            self._set_texts(self.model_label, None)
        else:
            text = self.tr("Model {weights} + context {kv}").format(
                weights=format_bytes(self.model.weights), kv=format_bytes(self.model.kv_cache)
            )
            self._set_texts(self.model_label, {Form.FULL: text})
        self._fit_status_bar()

    # How much it shows

    def set_form(self, form: Form) -> None:
        """Show as much as *form* says."""
        self.form = form
        self._show_form()

    def fit_width(self, room: int) -> None:
        """Show the most that fits in *room* pixels (``Form.MINIMAL`` if nothing does)."""
        chosen = Form.MINIMAL
        for form in Form:
            growing = GROW_MARGIN if form < self.form else 0
            if self.width_of(form) + growing <= room:
                chosen = form
                break
        if chosen != self.form:
            self.set_form(chosen)

    def width_of(self, form: Form) -> int:
        """The width the gauge needs to show *form* with the figures it has now."""
        layout = self._layout
        margins = layout.contentsMargins()
        widths = [
            widget.fontMetrics().horizontalAdvance(text)
            if isinstance(widget, QLabel)
            else widget.width()
            for widget, text in self._shown(form)
        ]
        spacing = max(layout.spacing(), 0) * max(len(widths) - 1, 0)
        return margins.left() + margins.right() + sum(widths) + spacing

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.width_of(Form.MINIMAL), self.sizeHint().width()), 0)

    def _set_texts(self, label: QLabel, texts: dict[Form, str] | None) -> None:
        """Give *label* its text for each form (None: nothing to show in any)."""
        if texts:
            self._texts[label] = texts
        else:
            self._texts.pop(label, None)
            label.setText("")
        self._show_form()

    def _shown(self, form: Form) -> list[tuple[QWidget, str]]:
        """The widgets *form* shows, in order, each label with its text."""
        lines: dict[QWidget, bool] = {
            self.cpu_line: form <= Form.COMPACT,
            self.memory_line: form <= Form.COMPACT,
            self.speed_line: form == Form.FULL,
        }
        shown: list[tuple[QWidget, str]] = []
        for widget in self._widgets:
            if isinstance(widget, QLabel):
                text = self._texts.get(widget, {}).get(form)
                if text:
                    shown.append((widget, text))
            elif lines[widget]:
                shown.append((widget, ""))
        return shown

    def _show_form(self) -> None:
        shown = dict(self._shown(self.form))
        for label, texts in self._texts.items():
            # A label keeps its fullest text while hidden: what tests and the tooltip read.
            label.setText(shown.get(label) or texts.get(Form.FULL) or texts[min(texts)])
        for widget in self._widgets:
            widget.setVisible(widget in shown)
        figures = [texts[min(texts)] for texts in self._texts.values()]
        self.setToolTip("\n".join([*figures, self.tr("Hardware: click for details")]))

    def _fit_status_bar(self) -> None:
        """In a status bar, leave its text the room it needs."""
        bar = self._status_bar
        if bar is None:
            return
        others = sum(
            child.sizeHint().width() + STATUS_TEXT_GAP // 2
            for child in bar.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child is not self and child.isVisibleTo(bar)
        )
        message = bar.fontMetrics().horizontalAdvance(bar.currentMessage())
        self.fit_width(bar.width() - message - others - STATUS_TEXT_GAP)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._status_bar and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.LayoutRequest,
        ):
            self._fit_status_bar()
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        bar = self.parentWidget()
        if isinstance(bar, QStatusBar) and bar is not self._status_bar:
            self._status_bar = bar
            bar.installEventFilter(self)
            bar.messageChanged.connect(self._fit_status_bar)
        self.refresh()
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
