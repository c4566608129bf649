"""Help → Keyboard shortcuts (Ctrl+/): every shortcut of the window, in one list."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

ACTION, SHORTCUT = range(2)

_MNEMONIC_IN_BRACKETS = re.compile(r"\s*\(&\w\)")  # "导出(&E)": Chinese menus name the key apart
_ELLIPSIS = ("…", "...")


def plain_text(action: QAction) -> str:
    """The action's text as a sentence: without its mnemonic ("&File", "文件(&F)") or a
    closing ellipsis."""
    text = _MNEMONIC_IN_BRACKETS.sub("", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    for ellipsis in _ELLIPSIS:
        text = text.removesuffix(ellipsis)
    return text.strip()


def shortcut_text(action: QAction) -> str:
    """Every shortcut of the action, as this system writes keys ("Ctrl+N", "⌘N")."""
    return ", ".join(
        sequence.toString(QKeySequence.SequenceFormat.NativeText)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    )


class ShortcutsSheet(QDialog):
    """The window's actions that have a shortcut, then the keys of the message box.

    Attributes:
        table: one row per shortcut: what it does (``ACTION``) and its keys (``SHORTCUT``).
    """

    def __init__(
        self,
        actions: Iterable[QAction],
        send_with_ctrl_enter: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """*actions*: the window's actions (those without a shortcut are left out);
        *send_with_ctrl_enter*: the user's choice of the key that sends."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.header().setSectionResizeMode(ACTION, QHeaderView.ResizeMode.Stretch)
        self.table.header().setSectionResizeMode(SHORTCUT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(False)
        seen: set[tuple[str, str]] = set()
        for action in actions:
            row = (plain_text(action), shortcut_text(action))
            if row[1] and row not in seen:
                seen.add(row)
                self._add(*row)
        for text, keys in self._message_keys(send_with_ctrl_enter):
            self._add(text, keys.toString(QKeySequence.SequenceFormat.NativeText))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 480)

    def keys_of(self, text: str) -> str | None:
        """The keys listed for the action *text*, or None if it is not listed."""
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item is not None and item.text(ACTION) == text:
                return item.text(SHORTCUT)
        return None

    def _add(self, text: str, keys: str) -> None:
        item = QTreeWidgetItem([text, keys])
        item.setTextAlignment(SHORTCUT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.addTopLevelItem(item)

    def _message_keys(self, send_with_ctrl_enter: bool) -> list[tuple[str, QKeySequence]]:
        enter = QKeySequence(Qt.Key.Key_Enter)
        ctrl_enter = QKeySequence(Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Enter)
        shift_enter = QKeySequence(Qt.KeyboardModifier.ShiftModifier | Qt.Key.Key_Enter)
        return [
            (self.tr("Send the message"), ctrl_enter if send_with_ctrl_enter else enter),
            (self.tr("Start a new line"), enter if send_with_ctrl_enter else shift_enter),
            (self.tr("Stop the reply"), QKeySequence(Qt.Key.Key_Escape)),
            (
                self.tr("Edit your last question (in an empty message box)"),
                QKeySequence(Qt.Key.Key_Up),
            ),
        ]
