"""The welcome: what Sotto promises, three things to try, and the way to a better model.

Shown in the chat area on the first start and in an empty new chat.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.theme import set_type

CONTENT_WIDTH = 760
"""The most the welcome grows to: wider, lines get too long to read."""

SIDE_BY_SIDE_WIDTH = 720
"""From this width of the content the example cards stand in a row, below it one above
another."""


class PromptCard(QCommandLinkButton):
    """One example prompt: a short title, and the whole prompt beneath it, wrapped.

    Attributes:
        prompt: the text the card offers to send.
    """

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(title, prompt, parent)
        self.prompt = prompt
        self.setAccessibleName(title)
        self.setAccessibleDescription(prompt)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)


class Welcome(QScrollArea):
    """The first thing a new user sees in the chat area.

    It scrolls rather than clip when the window is small; its colours are the palette's, so
    it follows a dark theme.

    Attributes:
        title, promise: the greeting and the one sentence of what Sotto promises.
        cards: the example prompts.
        better_model_button: asks for the model library, open at the model recommended for
            this computer.

    Signals:
        prompt_chosen(str): the user chose an example; it carries the prompt's whole text.
        better_model_requested(): the user asked for a better model.
    """

    prompt_chosen = Signal(str)
    better_model_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)

        self.title = QLabel(self.tr("Welcome to Sotto"))
        set_type(self.title, "display")
        self.title.setAccessibleName(self.title.text())
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.promise = QLabel(
            self.tr(
                "Private by design: Sotto runs on this computer, and nothing you write is sent "
                "anywhere."
            )
        )
        self.promise.setWordWrap(True)
        self.promise.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        try_label = QLabel(self.tr("Try one of these, or write your own below:"))
        try_label.setWordWrap(True)
        try_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.cards = [
            PromptCard(
                self.tr("Draft a letter"),
                self.tr(
                    "Draft a polite letter asking a client to sign the engagement letter by Friday."
                ),
            ),
            PromptCard(
                self.tr("Explain something"),
                self.tr("Explain in plain words the difference between a will and a trust."),
            ),
            PromptCard(
                self.tr("Make a plan"),
                self.tr("Plan a week of simple, healthy dinners for two, with a shopping list."),
            ),
        ]
        for card in self.cards:
            card.clicked.connect(lambda _checked=False, card=card: self._choose(card))
        self._cards_grid = QGridLayout()
        self._cards_grid.setSpacing(8)
        self._columns = 0
        self._place_cards(1)

        self.better_model_button = QPushButton(self.tr("Get a better model…"))
        self.better_model_button.setToolTip(
            self.tr("Open the model library at the model that suits this computer best")
        )
        self.better_model_button.clicked.connect(self.better_model_requested)
        better_model_note = QLabel(
            self.tr(
                "The model that comes with Sotto is small and quick. A larger one writes "
                "better answers; Sotto suggests one that suits this computer."
            )
        )
        better_model_note.setWordWrap(True)
        better_model_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        better_model = QHBoxLayout()
        better_model.addWidget(better_model_note, 1)
        better_model.addWidget(self.better_model_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self._content = QWidget()
        self._content.setMaximumWidth(CONTENT_WIDTH)
        content = QVBoxLayout(self._content)
        content.setContentsMargins(16, 16, 16, 16)
        content.setSpacing(12)
        content.addWidget(self.title)
        content.addWidget(self.promise)
        content.addSpacing(8)
        content.addWidget(try_label)
        content.addLayout(self._cards_grid)
        content.addSpacing(8)
        content.addLayout(better_model)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._content, 100)  # as wide as there is room, up to CONTENT_WIDTH
        row.addStretch(1)
        page = QWidget()
        page.setAutoFillBackground(False)
        centred = QVBoxLayout(page)
        centred.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(2)
        self.setWidget(page)

    def _choose(self, card: PromptCard) -> None:
        self.prompt_chosen.emit(card.prompt)

    def _place_cards(self, columns: int) -> None:
        """Lay the cards out in *columns* columns (1 or all of them in a row)."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self._cards_grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self._cards_grid.addWidget(card, index // columns, index % columns)
        for column in range(len(self.cards)):
            self._cards_grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = min(self.viewport().width(), CONTENT_WIDTH)
        self._place_cards(len(self.cards) if room >= SIDE_BY_SIDE_WIDTH else 1)
        super().resizeEvent(event)
