"""One changed paragraph in the review: its words inserted and deleted, the model's reason,
and Accept / Reject."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from desktop.core.revise.diff import Kind, Piece
from desktop.core.revise.revision import Revision


def diff_html(pieces: list[Piece], palette: QPalette) -> str:
    """*pieces* as rich text: insertions underlined in the link colour, deletions struck
    through in the placeholder colour (both from the palette, so dark themes read them)."""
    inserted = palette.color(QPalette.ColorRole.Link).name()
    deleted = palette.color(QPalette.ColorRole.PlaceholderText).name()
    parts = []
    for piece in pieces:
        text = html.escape(piece.text).replace("\n", "<br>").replace("\t", "&emsp;")
        if piece.kind == Kind.INSERTED:
            parts.append(f'<u style="color:{inserted}">{text}</u>')
        elif piece.kind == Kind.DELETED:
            parts.append(f'<s style="color:{deleted}">{text}</s>')
        else:
            parts.append(text)
    return "".join(parts)


class ChangeRow(QFrame):
    """A paragraph's revision, accepted until the user rejects it.

    Signals:
        decided(bool): the user accepted (True) or rejected (False) it.
    """

    decided = Signal(bool)

    def __init__(self, revision: Revision, headings: tuple[str, ...]) -> None:
        """*headings*: those the paragraph stands under, to say where it is."""
        super().__init__()
        self.revision = revision
        self.setFrameShape(QFrame.Shape.StyledPanel)
        number = revision.index + 1
        self.where = QLabel(
            self.tr("{headings} · paragraph {number}").format(
                headings=" › ".join(headings), number=number
            )
            if headings
            else self.tr("Paragraph {number}").format(number=number)
        )
        self.text = QLabel(diff_html(revision.pieces, self.palette()))
        self.text.setWordWrap(True)
        self.reason = QLabel(revision.reason)
        self.reason.setWordWrap(True)
        self.reason.setVisible(bool(revision.reason))
        font = self.reason.font()
        font.setItalic(True)
        self.reason.setFont(font)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.reject_button = QPushButton(self.tr("Reject"))
        choice = QButtonGroup(self)
        for button in (self.accept_button, self.reject_button):
            button.setCheckable(True)
            choice.addButton(button)
        self.accept_button.toggled.connect(self.decided)
        # A rejected change is greyed: the document keeps the paragraph as it was.
        self.accept_button.toggled.connect(self.text.setEnabled)
        self.set_accepted(not revision.cut_off)
        self.text.setEnabled(self.accepted)
        self.warning = QLabel(
            self.tr(
                "The model's reply was cut off before its end: accepted, this change would "
                "drop the rest of the paragraph."
            )
        )
        self.warning.setWordWrap(True)
        self.warning.setVisible(revision.cut_off)

        top = QHBoxLayout()
        top.addWidget(self.where, 1)
        top.addWidget(self.accept_button)
        top.addWidget(self.reject_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.text)
        layout.addWidget(self.reason)

    @property
    def accepted(self) -> bool:
        return self.accept_button.isChecked()

    def set_accepted(self, accepted: bool) -> None:
        """Accept or reject this change (Accept all, Reject all)."""
        (self.accept_button if accepted else self.reject_button).setChecked(True)
