"""The saved conversations as the sidebar shows them: under headings, pinned ones first, then
by the day of their last activity (``date_groups``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from desktop.ui.history.conversation_list import (
    ConversationListModel,
    PinnedRole,
    UpdatedAtRole,
)
from desktop.ui.history.date_groups import DateGroup, date_group, group_title

HeadingRole = Qt.ItemDataRole.UserRole + 10
"""True on a heading's row (a group's title: neither chosen nor edited)."""
_Index = QModelIndex | QPersistentModelIndex


class GroupedConversations(QAbstractProxyModel):
    """*source*'s rows (already pinned first, then newest first), each group after its heading.

    Args:
        source: the conversations.
        now: the local time now (a test pins it); the groups are counted again from it each
            time the conversations are read again, and at midnight.
    """

    def __init__(
        self,
        source: ConversationListModel,
        now: Callable[[], datetime] = datetime.now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._rows: list[DateGroup | int] = []  # a heading, or the source row shown there
        self._shown_at: list[int] = []  # each source row's row here
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self._regroup)
        self.setSourceModel(source)
        source.modelReset.connect(self._regroup)
        source.rowsInserted.connect(self._regroup)
        source.rowsRemoved.connect(self._regroup)
        source.dataChanged.connect(self._source_changed)
        self._regroup()

    def _regroup(self) -> None:
        self.beginResetModel()
        source = self.sourceModel()
        now = self._now()
        rows: list[DateGroup | int] = []
        self._shown_at = []
        last: DateGroup | None = None
        for row in range(source.rowCount()):
            index = source.index(row, 0)
            group = date_group(index.data(UpdatedAtRole), bool(index.data(PinnedRole)), now)
            if group != last:
                rows.append(group)
                last = group
            self._shown_at.append(len(rows))
            rows.append(row)
        self._rows = rows
        self.endResetModel()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time())
        self._midnight.start(int((tomorrow - now).total_seconds() * 1000) + 1000)

    def _source_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        self.dataChanged.emit(self.mapFromSource(top), self.mapFromSource(bottom), roles)

    def is_heading(self, index: _Index) -> bool:
        return index.isValid() and isinstance(self._rows[index.row()], DateGroup)

    def index(
        self,
        row: int,
        column: int = 0,
        parent: _Index = QModelIndex(),  # noqa: B008 (Qt's signature)
    ) -> QModelIndex:
        if parent.isValid() or not 0 <= row < len(self._rows) or column != 0:
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, child: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else 1

    def mapToSource(self, proxy: _Index) -> QModelIndex:
        if not proxy.isValid() or self.is_heading(proxy):
            return QModelIndex()
        row = self._rows[proxy.row()]
        assert isinstance(row, int)
        return self.sourceModel().index(row, 0)

    def mapFromSource(self, source: _Index) -> QModelIndex:
        if not source.isValid() or source.row() >= len(self._shown_at):
            return QModelIndex()
        return self.createIndex(self._shown_at[source.row()], 0)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.is_heading(index):
            return None if role == HeadingRole else super().data(index, role)
        group = self._rows[index.row()]
        assert isinstance(group, DateGroup)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return group_title(group)
        return True if role == HeadingRole else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if self.is_heading(index):
            return Qt.ItemFlag.NoItemFlags  # neither chosen nor stepped on with the keys
        return super().flags(index)
