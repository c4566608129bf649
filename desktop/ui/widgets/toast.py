"""A toast: a short confirmation over the bottom of a window that goes by itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

DURATION_MS = 4000
"""How long a toast stays: long enough to read a short sentence."""

_MARGIN = 24  # from the bottom of the parent
_RADIUS = 6.0
_OPACITY = 235


class Toast(QWidget):
    """A sentence such as "Exported to Contract.docx", shown over the bottom of *parent* for a
    few seconds.

    It never takes the focus nor the mouse: what the user was doing goes on beneath it. A new
    message replaces the one shown, whichever toast of the parent shows it. Its colours are the
    palette's, inverted, so it stands out in a light and a dark theme. The sentence is also its
    accessible name, and is announced to screen readers.

    Attributes:
        label: the sentence shown.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def show_message(self, text: str, duration_ms: int = DURATION_MS) -> None:
        """Show *text* for *duration_ms*, in place of any toast the parent shows now."""
        parent = self._parent
        for other in parent.findChildren(Toast, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if other is not self:
                other.dismiss()
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setAccessibleDescription(text)
        self._restyle()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(duration_ms)
        if QAccessible.isActive():  # a screen reader listens
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def dismiss(self) -> None:
        """Take the toast away now."""
        self._timer.stop()
        self.hide()

    def _restyle(self) -> None:
        palette = self.label.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, self.palette().color(QPalette.ColorRole.Window)
        )
        self.label.setPalette(palette)

    def _place(self) -> None:
        """Centre the toast over the bottom of the parent, as wide as its sentence needs."""
        parent = self._parent
        width = min(self.sizeHint().width(), max(parent.width() - 2 * _MARGIN, 1))
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        if height < 0:
            height = self.sizeHint().height()
        self.setGeometry(
            (parent.width() - width) // 2, parent.height() - height - _MARGIN, width, height
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self._parent and event.type() == QEvent.Type.Resize
        if resized and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = self.palette().color(QPalette.ColorRole.WindowText)
        background.setAlpha(_OPACITY)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()), _RADIUS, _RADIUS)
