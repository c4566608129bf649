"""The list of saved conversations, as a Qt model for the sidebar: pinned ones first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.core.vault.store import Conversation, ConversationStore

ConversationIdRole = Qt.ItemDataRole.UserRole + 1
PinnedRole = Qt.ItemDataRole.UserRole + 2
UpdatedAtRole = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex


class ConversationListModel(QAbstractListModel):
    """Conversations, pinned first, then by last activity. ``refresh`` re-reads the vault.

    Editing a row's display text renames the conversation. A pinned one says "Pinned" in its
    tooltip and to screen readers.
    """

    def __init__(self, store: ConversationStore, parent: Any = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[Conversation] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = self._store.list_conversations()
        self.endResetModel()

    def row_of(self, conversation_id: int) -> int:
        """The row showing *conversation_id*, or -1."""
        for row, conversation in enumerate(self._rows):
            if conversation.id == conversation_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        conversation = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return conversation.title or self.tr("New chat")
        if role == Qt.ItemDataRole.ToolTipRole:
            when = QDateTime.fromMSecsSinceEpoch(conversation.updated_at)
            active = self.tr("Last active {when}").format(
                when=QLocale().toString(when, QLocale.FormatType.ShortFormat)
            )
            return (
                self.tr("Pinned · {active}").format(active=active)
                if conversation.pinned
                else active
            )
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self.tr("Pinned") if conversation.pinned else None
        if role == ConversationIdRole:
            return conversation.id
        if role == PinnedRole:
            return conversation.pinned
        if role == UpdatedAtRole:
            return conversation.updated_at
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        title = str(value).strip()
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not title:
            return False
        row = index.row()
        self._store.rename(self._rows[row].id, title)
        renamed = self._store.get_conversation(self._rows[row].id)
        if renamed is not None:
            self._rows[row] = renamed
        self.dataChanged.emit(index, index)
        return True
