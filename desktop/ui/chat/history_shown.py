"""The history of the chat shown, in the message view: a page of it with its branch arrows and
Continue, earlier messages, a search hit, and the user's moves through it (another branch, a
message deleted)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

from desktop.core.chat.records import Page
from desktop.core.chat.session import PAGE, ChatSession
from desktop.core.errors import UserError
from desktop.core.inference.types import LoadedModel
from desktop.core.remote.server import RemoteModel
from desktop.core.vault.store import ConversationStore
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.history_turns import turns_of


class ShownChat(Protocol):
    """What the history needs to know of the chat controller."""

    @property
    def session(self) -> ChatSession: ...

    @property
    def generating(self) -> bool: ...

    @property
    def model(self) -> LoadedModel | RemoteModel | None: ...

    def count_context(self) -> None: ...


class HistoryShown(QObject):
    """Shows the history of the chat shown and follows the user through it.

    Signals:
        saved(object): the id of the conversation whose history changed (None: incognito).
        unsaved(ChatSession, UserError): the reply of this chat could not be saved again.
    """

    saved = Signal(object)
    unsaved = Signal(object, object)

    def __init__(self, chat: ShownChat, column: ChatColumn) -> None:
        super().__init__(column)
        self._chat = chat
        self._column = column
        self._view = column.chat_view
        self._view.earlier_requested.connect(self._show_earlier)
        self._view.delete_requested.connect(self.delete_message)
        self._view.branch_requested.connect(self.switch_branch)
        column.save_again_button.clicked.connect(self.save_reply)

    def render(self, page: Page) -> None:
        """Show *page* in place of what is shown, with its branch arrows."""
        self._view.clear()
        for turn in turns_of(self._chat.session, page.messages):
            if turn.role == "user":
                self._view.add_user_message(turn.text, turn.message_id)
            else:
                self._view.add_reply(
                    turn.heading, turn.text, turn.message_id, turn.footer, turn.sources
                )
        self._view.set_has_earlier(page.has_earlier)
        self.mark_branches(page.branches)

    def mark_branches(self, branches: dict[int, tuple[int, int]]) -> None:
        """Show the branch places of these messages; the context is counted again."""
        for message_id, (index, count) in branches.items():
            self._view.set_branch(message_id, index, count)
        self.offer_continue()
        self._chat.count_context()

    def offer_continue(self) -> None:
        """Offer Continue on the last reply if it is unfinished and the model loaded here
        can write on from it."""
        local = isinstance(self._chat.model, LoadedModel)
        self._view.set_continuable(self._chat.session.continuable() if local else None)

    def show_search_hit(self, store: ConversationStore, message_id: int, words: str) -> None:
        """Read more of the conversation shown until *message_id* is shown, and select the
        *words* found in it."""
        session = self._chat.session
        if session.conversation is None:
            return
        total = store.count_messages(session.conversation.id)
        shown = PAGE
        while not self._view.shows(message_id) and shown < total:
            shown *= 4
            self.render(session.page(shown))
        self._view.highlight(message_id, words)

    @Slot()
    def save_reply(self) -> None:
        """Try again to save the reply that could not be saved; shown as the history then
        has it (or, refused again, said so)."""
        session = self._chat.session
        try:
            session.save_reply()
        except UserError as error:
            self.unsaved.emit(session, error)
            return
        self._column.save_again_button.hide()
        self._column.notice.hide()
        self.render(session.reread())
        self.saved.emit(session.conversation.id if session.conversation else None)

    @Slot()
    def _show_earlier(self) -> None:
        session = self._chat.session
        if session.conversation is None or self._chat.generating:
            return
        page = session.earlier()
        self._view.prepend_messages(turns_of(session, page.messages))
        self._view.set_has_earlier(page.has_earlier)
        self.mark_branches(page.branches)

    @Slot(int)
    def delete_message(self, message_id: int) -> None:
        """Delete one message; the rest of the conversation stays."""
        session = self._chat.session
        if self._chat.generating or session.conversation is None:
            return
        try:
            page = session.delete(message_id)
        except UserError as error:  # the disk: nothing changed
            self._column.show_error(error)
            return
        if not session.has_unsaved_reply:
            self._column.save_again_button.hide()
        self.render(page)
        self.saved.emit(session.conversation.id)

    @Slot(int, int)
    def switch_branch(self, message_id: int, step: int) -> None:
        """Show the branch of the message's previous (-1) or next (+1) sibling."""
        session = self._chat.session
        if self._chat.generating or session.conversation is None:
            return
        try:
            page = session.switch_branch(message_id, step)
        except UserError as error:  # the disk: the branch shown stays
            self._column.show_error(error)
            return
        if page is not None:
            self._view.replace_from(message_id, turns_of(session, page.messages))
            self.mark_branches(page.branches)
