"""The sources under a reply: one link each, "[2] lease.pdf · p. 4 — “The tenant shall pay…”",
numbered as the reply cites them; a citation chip in the reply opens the same source
(``SourcesView.open_source``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QEnterEvent, QKeyEvent, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.vault.sources import Source
from desktop.ui.theme import set_type

FIRST_WORDS_CHARS = 80
"""The most of a passage's first line a source shows, cut after a word, before eliding."""


def first_line(text: str) -> str:
    """The first line of *text* that has something on it, trimmed."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def first_words(text: str, chars: int = FIRST_WORDS_CHARS) -> str:
    """The first words of *text*'s first line, at most *chars* characters, with "…" where
    they stop short of it (cut after a word where the line has spaces)."""
    line = first_line(text)
    if len(line) <= chars:
        return line
    cut = line[:chars]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "\u2026"


def numbered(sources: Sequence[Source], number: int) -> Source | None:
    """The source of *sources* that a reply cites as [*number*], or None where it has none
    of that number (the model cited a passage it was not given)."""
    return next((source for source in sources if source.number == number), None)


class SourceLine(QLabel):
    """One source, as a link: its number, file and page, and its passage's first words in
    quotes, elided to the width it has (the number, file and page stay); its tooltip is
    the document's full path. Clicked, or Enter or Space while it has focus, it emits
    ``activated``.

    Attributes:
        place: "[2] lease.pdf · p. 4", and "(scanned)" where text recognition read it.
        quote: the passage's first words ("" when it has none).
        full_text: the line before eliding.

    Signals:
        activated(Source): the user opened this source.
    """

    activated = Signal(object)

    def __init__(self, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        name = source.file.replace("\\", "/").rsplit("/", 1)[-1]
        where = (
            name
            if source.page is None
            else self.tr("{name} · p. {page}").format(name=name, page=source.page)
        )
        if source.scanned:
            where = self.tr("{place} (scanned)").format(place=where)
        self.place = f"[{source.number}] {where}"
        self.quote = first_words(source.text)
        self.full_text = self.place + (f" \u2014 \u201c{self.quote}\u201d" if self.quote else "")
        self.setToolTip(source.file)
        self.setAccessibleName(self.full_text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setForegroundRole(QPalette.ColorRole.Link)  # follows the theme
        set_type(self, "caption")
        self.setText(self.full_text)

    def sizeHint(self) -> QSize:
        return QSize(0, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _elide(self, width: int) -> None:
        """Show the line in *width* pixels: the passage's words elided first."""
        metrics = self.fontMetrics()
        if not self.quote or metrics.horizontalAdvance(self.full_text) <= width:
            self.setText(self.full_text)
            return
        lead = f"{self.place} \u2014 \u201c"
        room = width - metrics.horizontalAdvance(lead + "\u201d")
        words = metrics.elidedText(self.quote, Qt.TextElideMode.ElideRight, max(room, 0))
        if not words:
            self.setText(metrics.elidedText(self.place, Qt.TextElideMode.ElideRight, width))
            return
        self.setText(f"{lead}{words}\u201d")

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._elide(event.size().width())
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size changed
            self._elide(self.width())

    def enterEvent(self, event: QEnterEvent) -> None:
        self._underline(True)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._underline(False)
        super().leaveEvent(event)

    def _underline(self, on: bool) -> None:
        font = self.font()
        font.setUnderline(on)
        self.setFont(font)

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
        source_requested(Source): the user opened a source (clicked its line, or its
            citation in the reply: ``open_source``).
    """

    source_requested = Signal(object)

    def __init__(self, sources: Sequence[Source] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 2, 0, 0)
        self._layout.setSpacing(1)
        self.heading = QLabel(self.tr("Sources"))
        set_type(self.heading, "caption")
        self.heading.setStyleSheet("font-weight: 600;")  # the type scale sets its size
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

    def open_source(self, number: int) -> Source | None:
        """Open the source the reply cites as [*number*] (``source_requested``), as a click
        on its line does; the source, or None where the reply has none of that number (the
        model cited a passage it was not given)."""
        source = numbered(self.sources, number)
        if source is not None:
            self.source_requested.emit(source)
        return source
