"""The rounded box the user writes in: the long texts pasted, the text, and a row with attach,
the documents and the preset chips, and Send (Stop while a reply is written)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chat.composer import Composer
from desktop.ui.chat.pasted_chips import PastedChips
from desktop.ui.theme import SPACE_S, SPACE_XS
from desktop.ui.widgets.icon_button import IconButton

ROUND_PX = 32
"""Send and Stop: a round button this wide."""


def _round(name: str, tip: str) -> IconButton:
    """Send or Stop: a white icon on an accent circle (``role="send"``)."""
    button = IconButton(name, tip, colour=QColor("#ffffff"))
    button.setAutoRaise(False)
    button.setFixedSize(QSize(ROUND_PX, ROUND_PX))
    button.setProperty("role", "send")
    return button


class ComposerBox(QFrame):
    """The composer and its controls, in a rounded frame (``role="composer"``).

    Attributes:
        pasted: the long texts pasted, as chips above the text.
        composer: where the user writes.
        attach_button: adds files to the chat's documents.
        documents_box, preset_box: the chat's documents and preset, as chips.
        send_button, stop_button: send the question; stop the reply (one shows at a time).
    """

    def __init__(
        self, documents_box: QComboBox, preset_box: QComboBox, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("composerBox")
        self.setProperty("role", "composer")
        self.composer = Composer()
        self.pasted = PastedChips()
        self.composer.pasted_changed.connect(self.pasted.show_pasted)
        self.pasted.remove_requested.connect(self.composer.remove_pasted)
        # Their words keep the chat column's translation context, which said them first.
        self.attach_button = IconButton(
            "paperclip", QCoreApplication.translate("ChatColumn", "Attach documents")
        )
        self.attach_button.setToolTip(
            QCoreApplication.translate(
                "ChatColumn",
                "Attach documents: PDF, Word, text, Markdown, HTML or pictures of pages "
                "(or drop them here); the arrow offers to revise a Word document",
            )
        )
        self.attach_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.documents_box = documents_box
        self.preset_box = preset_box
        self.send_button = _round("arrow-up", QCoreApplication.translate("ChatColumn", "Send"))
        self.send_button.clicked.connect(self.composer.submit)
        self.stop_button = _round(
            "stop", QCoreApplication.translate("ChatColumn", "Stop the reply (Esc)")
        )
        self.stop_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_button.hide()

        row = QHBoxLayout()
        row.setSpacing(SPACE_XS)
        row.addWidget(self.attach_button)
        row.addWidget(self.documents_box, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.preset_box, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addStretch(1)
        row.addWidget(self.send_button)
        row.addWidget(self.stop_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(SPACE_S, SPACE_S, SPACE_S, SPACE_XS + 2)
        box.setSpacing(SPACE_XS)
        box.addWidget(self.pasted)
        box.addWidget(self.composer)
        box.addLayout(row)

    def set_generating(self, generating: bool, ready: bool) -> None:
        """Stop while a reply is written in this chat, Send otherwise (enabled when
        *ready*); the text can't be changed meanwhile."""
        self.send_button.setEnabled(ready)
        self.send_button.setVisible(not generating)
        self.stop_button.setVisible(generating)
        self.composer.setEnabled(not generating)
