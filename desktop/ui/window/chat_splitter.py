"""The main window's three columns, whose side panels give way before the chat does."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

CHAT_SHARE = 0.5
"""The chat keeps at least this share of the window's width; the side panels give way
first."""


class ChatSplitter(QSplitter):
    """The conversations, the chat and its settings side by side.

    When the window narrows (or the settings panel opens on a small screen), the settings
    panel and then the conversation list shrink to their smallest before the chat column gets
    less than ``CHAT_SHARE`` of the width; if that is not enough, the settings panel closes.

    Signals:
        panel_closed(): the settings panel was closed to make room.
    """

    panel_closed = Signal()

    def __init__(self, sidebar: QWidget, chat: QWidget, panel: QWidget) -> None:
        super().__init__()
        self._panels = (sidebar, chat, panel)
        for widget in self._panels:
            self.addWidget(widget)
            self.setCollapsible(self.indexOf(widget), False)
        self.setStretchFactor(1, 1)
        self.setSizes([240, 600, 280])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.make_room()

    def make_room(self) -> None:
        """Shrink the side panels, then close the settings panel, until the chat has its
        share."""
        sizes = self.sizes()
        wanted = math.ceil(self.window().width() * CHAT_SHARE)
        for side in (2, 0):  # the settings first: the conversations are needed more often
            widget = self._panels[side]
            smallest = widget.minimumSizeHint().expandedTo(widget.minimumSize())
            given = max(0, min(wanted - sizes[1], sizes[side] - smallest.width()))
            if sizes[side]:
                sizes[side] -= given
                sizes[1] += given
        panel = self._panels[2]
        if sizes[1] < wanted and panel.isVisible():
            panel.hide()
            self.panel_closed.emit()
            return
        self.setSizes(sizes)
