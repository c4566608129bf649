"""How full the model's context is: shown above the composer once a conversation gets long."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

SHOWN_FROM = 0.5
"""The meter appears once the conversation takes this share of the context."""
WARN_FROM = 0.8

_BAR_STYLE = (
    "QProgressBar {{ border: 1px solid palette(mid); border-radius: 3px;"
    " background: palette(base); }}"
    " QProgressBar::chunk {{ background-color: {colour}; border-radius: 2px; }}"
)
_BAR_COLOURS = {"normal": "palette(highlight)", "warning": "#e0a000", "full": "#d03030"}


class ContextMeter(QWidget):
    """ "Context: 2,345 of 4,096 tokens" and a bar; hidden while the conversation is short.

    Part of the context is kept for the reply (``set_reserved``): the conversation may take
    the rest, and the bar is "full" once it takes more (the oldest turns are then left out,
    as the context warning says, in the same figures).

    Attributes:
        label: the figures.
        bar: the same as a bar; its ``level`` property is "normal", "warning" (over 80 % of
            what the conversation may take) or "full".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(80, 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._reserved = 0
        self._usage = (0, 0)
        self.set_usage(0, 0)

    def set_reserved(self, tokens: int) -> None:
        """Keep *tokens* of the context for the reply."""
        if tokens != self._reserved:
            self._reserved = tokens
            self.set_usage(*self._usage)

    def set_usage(self, used: int, total: int) -> None:
        """Show that *used* of the model's *total* tokens of context are taken (0: no
        model); shown only from ``SHOWN_FROM`` of it."""
        self._usage = (used, total)
        locale = QLocale()
        self.label.setText(
            self.tr("Context: {used} of {total} tokens").format(
                used=locale.toString(used), total=locale.toString(max(total, 0))
            )
        )
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(max(0, min(used, total)))
        self.bar.setAccessibleName(self.label.text())
        room = total - min(self._reserved, total // 4)  # as the engine's prompt_budget
        share = used / room if room > 0 else 0.0
        if total > 0:
            self.setToolTip(
                self.tr(
                    "The model reads {total} tokens at once; {reserved} of them are kept for "
                    "its reply, so the conversation may take {room} before its oldest turns "
                    "are left out."
                ).format(
                    total=locale.toString(total),
                    reserved=locale.toString(total - room),
                    room=locale.toString(room),
                )
            )
        level = "full" if share > 1 else "warning" if share > WARN_FROM else "normal"
        if self.bar.property("level") != level:
            self.bar.setProperty("level", level)
            self.bar.setStyleSheet(_BAR_STYLE.format(colour=_BAR_COLOURS[level]))
        self.setVisible(total > 0 and used >= SHOWN_FROM * total)
