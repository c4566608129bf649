"""The long texts pasted into the composer, each a chip ("Pasted text, 2,500 words") with a
button that takes it out of the message."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from desktop.core.chat.pasted import word_count
from desktop.ui.icons import icon
from desktop.ui.theme import ICON_PX, SPACE_S, SPACE_XS
from desktop.ui.widgets.icon_button import IconButton


def pasted_label(text: str) -> str:
    """ "Pasted text, 2,500 words": what a folded paste of *text* is called (in the composer,
    and under the question's bubble)."""
    return QCoreApplication.translate("PastedChips", "Pasted text, {words} words").format(
        words=QLocale().toString(word_count(text))
    )


class PastedChips(QWidget):
    """A chip for each long text pasted; hidden while there is none.

    Signals:
        remove_requested(int): the user took the *n*th pasted text out of the message.
    """

    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(SPACE_XS)
        self._row.addStretch(1)
        self.hide()

    def show_pasted(self, pasted: list[str]) -> None:
        """Show a chip for each of *pasted*, in order."""
        while self._row.count() > 1:
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for index, text in enumerate(pasted):
            self._row.insertWidget(index, self._chip(index, text))
        self.setVisible(bool(pasted))

    def chips(self) -> list[QFrame]:
        """The chips shown, in order."""
        return [chip for chip in self.findChildren(QFrame, "pasted") if chip.parent() is self]

    def _chip(self, index: int, text: str) -> QFrame:
        chip = QFrame(self)
        chip.setObjectName("pasted")
        chip.setProperty("role", "chip")
        chip.setToolTip(text[:300] + ("…" if len(text) > 300 else ""))
        glyph = QLabel(chip)
        glyph.setPixmap(icon("file-text").pixmap(ICON_PX, ICON_PX))
        label = QLabel(pasted_label(text), chip)
        remove = IconButton("x", self.tr("Remove the pasted text"), chip)
        remove.clicked.connect(lambda: self.remove_requested.emit(index))
        row = QHBoxLayout(chip)
        row.setContentsMargins(SPACE_S, 0, 0, 0)
        row.setSpacing(SPACE_XS)
        row.addWidget(glyph)
        row.addWidget(label)
        row.addWidget(remove)
        row.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        return chip
