"""The sources under a reply: one line each, "[1] contract.pdf, p. 3 — its first words"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.vault.sources import Source
from desktop.ui.theme import set_type


def first_line(text: str) -> str:
    """The first line of *text* that has something on it, trimmed."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


class SourceLine(QLabel):
    """One source, as a link: its number, file and page, and its passage's first line,
    elided to the width it has. Clicked, or Enter or Space while it has focus, it emits
    ``activated``.

    Signals:
        activated(Source): the user opened this source.
    """

    activated = Signal(object)

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.full_text = f"[{source.number}] {source.label}"
        passage = first_line(source.text)
        if passage:
            self.full_text += " \u2014 " + passage
        self.setToolTip(source.text[:500])
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setTextFormat(Qt.TextFormat.PlainText)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.Link))
        self.setPalette(palette)
        set_type(self, "caption")
        self.setText(self.full_text)

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        metrics = self.fontMetrics()
        self.setText(
            metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, event.size().width())
        )
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()  # the release that follows is this line's
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            if self.rect().contains(event.position().toPoint()):
                self.activated.emit(self.source)
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.source)
            return
        super().keyPressEvent(event)


class SourcesView(QWidget):
    """A reply's sources, one line each, in their order; its height is one line a source
    (and a heading), whatever the width.

    Signals:
        source_requested(Source): the user clicked a source.
    """

    source_requested = Signal(object)

    def __init__(self, sources: Sequence[Source] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 0)
        self._layout.setSpacing(1)
        self.heading = QLabel(self.tr("Sources"))
        set_type(self.heading, "caption")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._layout.addWidget(self.heading)
        self.lines: list[SourceLine] = []
        self.sources: tuple[Source, ...] = ()
        self.set_sources(sources)

    def set_sources(self, sources: Sequence[Source]) -> None:
        if tuple(sources) == self.sources and self.lines:
            return
        self.sources = tuple(sources)
        for line in self.lines:
            self._layout.removeWidget(line)
            line.deleteLater()
        self.lines = []
        for source in sources:
            line = SourceLine(source)
            line.activated.connect(self.source_requested)
            self._layout.addWidget(line)
            self.lines.append(line)
        self.setVisible(bool(self.lines))
