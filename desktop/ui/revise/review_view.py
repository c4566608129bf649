"""The review of a revision: every changed paragraph, accepted or rejected one by one or all
at once, and the copy saved with the accepted ones as tracked changes."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.revise.revision import Revision, summary
from desktop.core.revise.tracked import DEFAULT_AUTHOR
from desktop.ui.revise.change_row import ChangeRow


class ReviewView(QWidget):
    """The changes of one revision.

    Signals:
        save_requested(): "Save with tracked changes…" was pressed.

    Attributes:
        rows: one per changed paragraph, in the document's order.
        comments: whether each change gets a Word comment with its reason.
        author: whom the tracked changes are by.
        status: a line under the changes (saved, or why not).
    """

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ChangeRow] = []
        self._asked = 0
        self._stopped = False
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.accept_all = QPushButton(self.tr("Accept all"))
        self.reject_all = QPushButton(self.tr("Reject all"))
        self.accept_all.clicked.connect(lambda: self._decide_all(True))
        self.reject_all.clicked.connect(lambda: self._decide_all(False))
        self._list = QWidget()
        self._list_layout = QVBoxLayout(self._list)
        self._list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Always there: a scroll bar appearing later narrows the rows without their wrapped
        # text being measured again.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.setWidget(self._list)
        self.comments = QCheckBox(self.tr("Add a comment with the reason to each change"))
        self.comments.setChecked(True)
        self.author = QLineEdit(DEFAULT_AUTHOR)
        self.author.setAccessibleName(self.tr("Author of the changes"))
        self.author.setMaximumWidth(240)
        self.save = QPushButton(self.tr("Save with tracked changes…"))
        self.save.setDefault(True)
        self.save.clicked.connect(self.save_requested)
        self.status = QLabel()
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.accept_all)
        top.addWidget(self.reject_all)
        bottom = QHBoxLayout()
        bottom.addWidget(self.comments)
        bottom.addWidget(QLabel(self.tr("Author:")))
        bottom.addWidget(self.author)
        bottom.addStretch(1)
        bottom.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(bottom)

    def show_revisions(
        self,
        revisions: list[Revision],
        asked: int,
        stopped: bool,
        headings: Mapping[int, tuple[str, ...]],
    ) -> None:
        """Show *revisions*, made from *asked* paragraphs (fewer than chosen if *stopped*),
        each under its *headings* (by paragraph index)."""
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        for revision in revisions:
            row = ChangeRow(revision, headings.get(revision.index, ()))
            row.decided.connect(self._count)
            self._list_layout.insertWidget(self._list_layout.count() - 1, row)
            self.rows.append(row)
        self._asked, self._stopped = asked, stopped
        self._count()

    def author_name(self) -> str:
        """The author typed, or Sotto where none is."""
        return self.author.text().strip() or DEFAULT_AUTHOR

    def accepted(self) -> list[Revision]:
        """The revisions the user accepted."""
        return [row.revision for row in self.rows if row.accepted]

    def _decide_all(self, accepted: bool) -> None:
        for row in self.rows:
            row.set_accepted(accepted)

    def _count(self) -> None:
        totals = summary(self.accepted())
        line = self.tr(
            "{changed} of {asked} paragraphs changed; {accepted} accepted: "
            "{inserted} words inserted, {deleted} deleted."
        ).format(
            changed=len(self.rows),
            asked=self._asked,
            accepted=totals.paragraphs,
            inserted=totals.inserted,
            deleted=totals.deleted,
        )
        if self._stopped:
            line = self.tr("Stopped. {line}").format(line=line)
        self.heading.setText(line)
        for button in (self.accept_all, self.reject_all):
            button.setEnabled(bool(self.rows))
