"""The sidebar: saved conversations, new and incognito chats, and search across all of them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.vault.store import ConversationStore
from desktop.ui.history.conversation_list import (
    ConversationIdRole,
    ConversationListModel,
    PinnedRole,
)
from desktop.ui.history.rich_text_delegate import RichTextDelegate

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
        self.writing: int | None = None
        self.model = ConversationListModel(store, self)

        self.new_button = QPushButton(self.tr("New chat"))
        self.new_button.setToolTip(self.tr("Start a chat that is saved, encrypted (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_chat_requested)
        self.incognito_button = QPushButton(self.tr("Incognito"))
        self.incognito_button.setToolTip(
            self.tr("Start a chat that is never written to disk, not even its title")
        )
        self.incognito_button.clicked.connect(self.incognito_requested)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search all chats"))
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(self._search_timer.start)

        self.list_view = QListView()
        self.list_view.setModel(self.model)
        self.list_view.setEditTriggers(QListView.EditTrigger.EditKeyPressed)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSpacing(2)
        self.list_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list_view.customContextMenuRequested.connect(self._show_menu)
        self.list_view.clicked.connect(self._clicked)
        self.list_view.activated.connect(self._clicked)
        self.results = QListWidget()
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.itemClicked.connect(self._hit_clicked)
        self.results.itemActivated.connect(self._hit_clicked)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.list_view)
        self._pages.addWidget(self.results)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.incognito_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.search_box)
        layout.addWidget(self._pages, 1)

    def set_store(self, store: ConversationStore) -> None:
        """Show another history (after forgetting everything, a new, empty one)."""
        self._store = store
        self.model = ConversationListModel(store, self)
        self.list_view.setModel(self.model)
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
            self.list_view.setCurrentIndex(self.model.index(row))

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
        self.conversation_chosen.emit(index.data(ConversationIdRole))

    @Slot(QListWidgetItem)
    def _hit_clicked(self, item: QListWidgetItem) -> None:
        hit = item.data(_HitRole)
        if hit:
            self.search_hit_chosen.emit(hit[0], hit[1], self.search_box.text().strip())

    @Slot(QPoint)
    def _show_menu(self, position: QPoint) -> None:
        index = self.list_view.indexAt(position)
        if not index.isValid():
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
