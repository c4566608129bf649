"""The welcome: what Sotto promises, four things to try, and the way to a better model.

Shown in the chat area on the first start and in an empty new chat: a calm, centred page,
as the empty states of ChatGPT and Jan, whose every text follows the text-size setting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
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

from desktop.ui.icons import icon
from desktop.ui.theme import SPACE_L, SPACE_M, SPACE_S, SPACE_XL, SPACE_XS, set_type

CONTENT_EMS = 42
"""The most the welcome grows to, in lines of text: wider, lines get too long to read."""

SIDE_BY_SIDE_EMS = 24
"""From this width of the content, in lines of text, the example cards stand two by two;
below it one above another."""

_CHANGES = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.PaletteChange)


class PromptCard(QFrame):
    """One example prompt: an icon, a short title, and the prompt beneath it, wrapped;
    clicked, or Enter or Space while it has the focus, it offers the prompt.

    Attributes:
        prompt: the text the card offers to send.
        title, line: the card's two texts.

    Signals:
        clicked(): the user chose this card.
    """

    clicked = Signal()

    def __init__(
        self, icon_name: str, title: str, prompt: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.prompt = prompt
        self._icon_name = icon_name
        self.setProperty("role", "card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setAccessibleDescription(prompt)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

        self.icon = QLabel()
        self.title = QLabel(title)
        set_type(self.title, "subtitle")
        self.title.setWordWrap(True)
        self.line = QLabel(prompt)
        self.line.setWordWrap(True)
        self.line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        for label in (self.icon, self.title, self.line):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        heading = QHBoxLayout()
        heading.setSpacing(SPACE_S)
        heading.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        heading.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE_L, SPACE_M, SPACE_L, SPACE_M)
        layout.setSpacing(SPACE_XS)
        layout.addLayout(heading)
        layout.addWidget(self.line)
        layout.addStretch(1)
        self._show_icon()

    def click(self) -> None:
        """Choose this card, as a click does."""
        self.clicked.emit()

    def _show_icon(self) -> None:
        """The icon as tall as the title's line, in the accent colour."""
        side = self.title.fontMetrics().height()
        accent = self.palette().color(QPalette.ColorRole.Accent)
        self.icon.setPixmap(icon(self._icon_name, accent).pixmap(side, side))
        self.icon.setFixedSize(side, side)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _CHANGES:
            self._show_icon()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.setAccepted(event.button() == Qt.MouseButton.LeftButton)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        event.accept()
        if self.rect().contains(event.position().toPoint()):
            self.click()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.click()
            return
        super().keyPressEvent(event)


class Welcome(QScrollArea):
    """The first thing a new user sees in the chat area.

    It scrolls rather than clip when the window is small or the text large; its colours are
    the palette's, so it follows a dark theme; its sizes are the type scale's, so it follows
    the text size, and it lays itself out again when that changes.

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
        self.promise.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.cards = [
            PromptCard(
                "envelope-simple",
                self.tr("Draft a letter"),
                self.tr(
                    "Draft a polite letter asking a client to sign the engagement letter by Friday."
                ),
            ),
            PromptCard(
                "lightbulb",
                self.tr("Explain something"),
                self.tr("Explain in plain words the difference between a will and a trust."),
            ),
            PromptCard(
                "calendar-check",
                self.tr("Make a plan"),
                self.tr("Plan a week of simple, healthy dinners for two, with a shopping list."),
            ),
            PromptCard(
                "article",
                self.tr("Sum up a text"),
                self.tr("Sum up the text below in five short points, in plain words:"),
            ),
        ]
        for card in self.cards:
            card.clicked.connect(lambda card=card: self.prompt_chosen.emit(card.prompt))
        self._cards_grid = QGridLayout()
        self._cards_grid.setSpacing(SPACE_M)
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
        set_type(better_model_note, "caption")
        better_model = QHBoxLayout()
        better_model.setSpacing(SPACE_M)
        better_model.addWidget(better_model_note, 1)
        better_model.addWidget(self.better_model_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self._content = QWidget()
        content = QVBoxLayout(self._content)
        content.setContentsMargins(SPACE_L, SPACE_L, SPACE_L, SPACE_L)
        content.setSpacing(SPACE_S)
        content.addWidget(self.title)
        content.addWidget(self.promise)
        content.addSpacing(SPACE_XL)
        content.addLayout(self._cards_grid)
        content.addSpacing(SPACE_XL)
        content.addLayout(better_model)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self._content, 100)  # as wide as there is room, up to CONTENT_EMS
        row.addStretch(1)
        page = QWidget()
        page.setAutoFillBackground(False)
        centred = QVBoxLayout(page)
        centred.addStretch(1)
        centred.addLayout(row)
        centred.addStretch(2)
        self.setWidget(page)
        self._fit()

    def _place_cards(self, columns: int) -> None:
        """Lay the cards out in *columns* columns (1, or 2: two by two)."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self._cards_grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self._cards_grid.addWidget(card, index // columns, index % columns)
        for column in range(2):
            self._cards_grid.setColumnStretch(column, 1 if column < columns else 0)

    def _fit(self) -> None:
        """Size the content and the cards' columns for the text size shown now and the
        room there is."""
        em = self.fontMetrics().height()
        self._content.setMaximumWidth(CONTENT_EMS * em)
        room = min(self.viewport().width(), CONTENT_EMS * em)
        self._place_cards(2 if room >= SIDE_BY_SIDE_EMS * em else 1)
        self._content.updateGeometry()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _CHANGES:
            self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit()
        super().resizeEvent(event)
