"""The sidebar: search across all chats at the top, new and incognito chats as icons, and the
saved conversations under headings (pinned, today, yesterday…), with their actions on hover."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QHelpEvent, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.vault.store import ConversationStore
from desktop.ui.history.conversation_delegate import ConversationDelegate, RowAction
from desktop.ui.history.conversation_list import (
    ConversationIdRole,
    ConversationListModel,
    PinnedRole,
)
from desktop.ui.history.grouped_conversations import GroupedConversations
from desktop.ui.history.rich_text_delegate import RichTextDelegate
from desktop.ui.icons import icon
from desktop.ui.theme import SPACE_XS
from desktop.ui.widgets.icon_button import IconButton

_HitRole = Qt.ItemDataRole.UserRole + 1
_SEARCH_DELAY_MS = 200


def highlighted(snippet: str) -> str:
    """HTML for a search snippet whose matches are wrapped in \\x02 … \\x03."""
    return (
        escape(snippet)
        .replace("\x02", '<span style="background-color:#ffe08a;color:#000">')
        .replace("\x03", "</span>")
    )


class Sidebar(QWidget):
    """Lists conversations and finds words in all of them.

    Attributes:
        writing: the conversation a reply is being written into, which cannot be deleted
            until it ends.
        model: the conversations, pinned first then newest first (``ConversationListModel``);
            the list shows them under headings (``groups``).

    Signals:
        conversation_chosen(int): the user opened the conversation with this id.
        conversation_deleted(int): the conversation with this id was deleted.
        new_chat_requested(): the user asked for a new saved chat.
        incognito_requested(): the user asked for a chat that is never saved.
        search_hit_chosen(int, int, str): conversation id, message id and the search text of
            the result the user clicked.
    """

    conversation_chosen = Signal(int)
    conversation_deleted = Signal(int)
    new_chat_requested = Signal()
    incognito_requested = Signal()
    search_hit_chosen = Signal(int, int, str)

    def __init__(self, store: ConversationStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.model = ConversationListModel(store, self)
        self.groups = GroupedConversations(self.model, parent=self)
        self._rows = ConversationDelegate(self)

        self.new_button = IconButton("note-pencil", self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a chat that is saved, encrypted (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_chat_requested)
        self.incognito_button = IconButton("eye-slash", self.tr("Incognito"))
        self.incognito_button.setToolTip(
            self.tr("Start a chat that is never written to disk, not even its title")
        )
        self.incognito_button.clicked.connect(self.incognito_requested)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search all chats"))
        self.search_box.setClearButtonEnabled(True)
        self._search_icon = QAction(self.search_box)
        self.search_box.addAction(self._search_icon, QLineEdit.ActionPosition.LeadingPosition)
        self._show_icons()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._search_timer.start)

        self.list_view = QListView()
        self.list_view.setObjectName("conversationList")
        self.list_view.setModel(self.groups)
        self.list_view.setItemDelegate(self._rows)
        self.list_view.setMouseTracking(True)
        self.list_view.viewport().installEventFilter(self)
        self.list_view.setEditTriggers(QListView.EditTrigger.EditKeyPressed)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.installEventFilter(self)  # the Delete key
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._show_menu)
        self.list_view.clicked.connect(self._clicked)
        self.list_view.activated.connect(self._clicked)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemClicked.connect(self._hit_clicked)
        self.results.itemActivated.connect(self._hit_clicked)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.list_view)
        self._pages.addWidget(self.results)

        top = QHBoxLayout()
        top.setSpacing(SPACE_XS)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.incognito_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._pages, 1)

    @property
    def writing(self) -> int | None:
        """The conversation a reply is being written into: it cannot be deleted until it ends."""
        return self._rows.writing

    @writing.setter
    def writing(self, conversation_id: int | None) -> None:
        self._rows.writing = conversation_id
        self.list_view.viewport().update()

    def set_store(self, store: ConversationStore) -> None:
        """Show another history (after forgetting everything, a new, empty one)."""
        self._store = store
        self.model = ConversationListModel(store, self)
        self.groups = GroupedConversations(self.model, parent=self)
        self.list_view.setModel(self.groups)
        self.search_box.clear()
        self.run_search()

    def refresh(self, current: int | None) -> None:
        """Re-read the list, keeping *current* (a conversation id) selected."""
        self.model.refresh()
        self.select(current)

    def select(self, conversation_id: int | None) -> None:
        row = -1 if conversation_id is None else self.model.row_of(conversation_id)
        if row < 0:
            self.list_view.clearSelection()
            self.list_view.setCurrentIndex(QModelIndex())
        else:
            self.list_view.setCurrentIndex(self.groups.mapFromSource(self.model.index(row)))

    @Slot()
    def run_search(self) -> None:
        """Show the conversations' messages that hold every word typed in the search box."""
        self._search_timer.stop()
        text = self.search_box.text().strip()
        self.results.clear()
        if not text:
            self._pages.setCurrentWidget(self.list_view)
            return
        hits = self._store.search(text)
        for hit in hits:
            title = escape(hit.title or self.tr("New chat"))
            item = QListWidgetItem(f"<b>{title}</b><br>{highlighted(hit.snippet)}")
            item.setData(_HitRole, (hit.conversation_id, hit.message_id))
            self.results.addItem(item)
        if not hits:
            self.results.addItem(self.tr("No message contains {words}.").format(words=escape(text)))
        self._pages.setCurrentWidget(self.results)

    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        if index.flags() & Qt.ItemFlag.ItemIsEnabled:  # not a heading
            self.conversation_chosen.emit(index.data(ConversationIdRole))

    @Slot(QListWidgetItem)
    def _hit_clicked(self, item: QListWidgetItem) -> None:
        hit = item.data(_HitRole)
        if hit:
            self.search_hit_chosen.emit(hit[0], hit[1], self.search_box.text().strip())

    @Slot(QPoint)
    def _show_menu(self, position: QPoint) -> None:
        index = self.list_view.indexAt(position)
        if not index.flags() & Qt.ItemFlag.ItemIsEnabled:  # nothing, or a heading
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), lambda: self.list_view.edit(index))
        pinned = bool(index.data(PinnedRole))
        menu.addAction(
            self.tr("Unpin") if pinned else self.tr("Pin to top"),
            lambda: self.set_pinned(index.data(ConversationIdRole), not pinned),
        )
        menu.addSeparator()
        conversation_id = index.data(ConversationIdRole)
        delete = menu.addAction(self.tr("Delete…"), lambda: self.ask_delete(conversation_id))
        if conversation_id == self.writing:  # its reply is still being saved into it
            delete.setEnabled(False)
            delete.setText(self.tr("Delete… (once its reply has ended)"))
        menu.popup(self.list_view.viewport().mapToGlobal(position))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._store.set_pinned(conversation_id, pinned)
        self.refresh(conversation_id)

    def ask_delete(self, conversation_id: int) -> None:
        """Delete the conversation after the user confirms (not while a reply is written
        into it)."""
        conversation = self._store.get_conversation(conversation_id)
        if conversation is None or conversation_id == self.writing:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete chat"),
            self.tr("Delete “{title}” and all its messages? This cannot be undone.").format(
                title=conversation.title or self.tr("New chat")
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(conversation_id)

    def delete(self, conversation_id: int) -> None:
        self._store.delete_conversation(conversation_id)
        self.model.refresh()
        self.conversation_deleted.emit(conversation_id)
        if self.search_box.text().strip():
            self.run_search()

    def do(self, action: RowAction, conversation_id: int) -> None:
        """What a row's icon does: the context menu's Pin/Unpin or Delete…."""
        if action == RowAction.PIN:
            conversation = self._store.get_conversation(conversation_id)
            if conversation is not None:
                self.set_pinned(conversation_id, not conversation.pinned)
        else:
            self.ask_delete(conversation_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A row's icons, on the list's viewport: a click does its action (and does not open
        the chat under it), a pause shows what it does. The Delete key on the list."""
        kind = event.type()
        if kind == QEvent.Type.KeyPress and watched is self.list_view:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Delete) and self._delete_current():
                return True
        if kind not in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.ToolTip,
        ):
            return super().eventFilter(watched, event)
        assert isinstance(event, QMouseEvent | QHelpEvent)
        point = event.position().toPoint() if isinstance(event, QMouseEvent) else event.pos()
        index = self.list_view.indexAt(point)
        if not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            return super().eventFilter(watched, event)
        action = self._rows.action_at(self.list_view.visualRect(index), point)
        if action is None:
            return super().eventFilter(watched, event)
        if isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self._action_tip(action, index), self.list_view)
        elif kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            self.do(action, index.data(ConversationIdRole))
        return True

    def _action_tip(self, action: RowAction, index: QModelIndex) -> str:
        if action == RowAction.PIN:
            return self.tr("Unpin") if index.data(PinnedRole) else self.tr("Pin to top")
        if not self._rows.can_delete(index):
            return self.tr("Delete… (once its reply has ended)")
        return self.tr("Delete…")

    def _delete_current(self) -> bool:
        index = self.list_view.currentIndex()
        if self.list_view.state() == QListView.State.EditingState or not (
            index.flags() & Qt.ItemFlag.ItemIsEnabled
        ):
            return False
        self.ask_delete(index.data(ConversationIdRole))
        return True

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_icons()
        super().changeEvent(event)

    def _show_icons(self) -> None:
        self._search_icon.setIcon(icon("magnifying-glass"))
