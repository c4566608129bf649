"""One conversation as the model reads it and the vault keeps it: what the window and
``sotto ask`` both drive."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.chat.records import Entry, Page, Sent
from desktop.core.chat.settings import ChatSettings
from desktop.core.inference.types import Message
from desktop.core.storage_errors import StorageError
from desktop.core.vault.recorder import ReplyRecorder
from desktop.core.vault.sources import Source, SourceStore
from desktop.core.vault.store import (
    LATEST,
    Conversation,
    ConversationStore,
    MessageStatus,
    StoredMessage,
)

PAGE = 200
"""Messages read when a conversation opens; earlier ones are read on request."""
UNFINISHED = (MessageStatus.INTERRUPTED, MessageStatus.CUT_OFF, MessageStatus.STOPPED)
"""Stored replies that ended before their model finished them."""


class ChatSession:
    """One chat: the messages the model reads, kept in step with the vault.

    A saved chat writes each question and its reply as they happen (the reply at least once a
    second while it streams, through ``ReplyRecorder``); an incognito one lives only here.
    Messages form a tree in the vault: editing a question or regenerating a reply starts a
    branch beside the old one, and the chat reads one path through it. A last reply that
    ended before its model finished it can be continued in place (``continue_reply``).

    Attributes:
        settings: the chat's preset, system prompt, sampling and context length.
        editing: the question being edited, whose branch the next ``send`` replaces.
        pending_text: the last question sent, to give back to the user if it fails.
    """

    def __init__(
        self,
        store: ConversationStore | None,
        settings: ChatSettings,
        conversation: Conversation | None = None,
    ) -> None:
        """A chat on *conversation* (None: a new one, saved from its first message) in
        *store*; with no store, an incognito chat, which nothing is written of."""
        self._store = store
        self._conversation = conversation
        self.incognito = store is None
        self.settings = settings
        self.editing: StoredMessage | None = None
        self.pending_text = ""
        self._entries: list[Entry] = []
        self._recorder: ReplyRecorder | None = None
        self._unsaved: tuple[ReplyRecorder, str, MessageStatus, Sequence[Source]] | None = None
        self._unfinished: set[int] = set()
        self._continuing: str | None = None
        self._set_system_prompt(settings.system_prompt)

    @classmethod
    def of(cls, store: ConversationStore, conversation: Conversation) -> ChatSession:
        """The saved *conversation*, with the settings it was saved with."""
        saved = {
            **conversation.sampling,
            "system_prompt": conversation.system_prompt,
            "preset_id": conversation.preset or "general",
        }
        return cls(store, ChatSettings.from_dict(saved), conversation)

    @property
    def conversation(self) -> Conversation | None:
        """The saved conversation, or None for a chat not yet saved or incognito."""
        return self._conversation

    @property
    def messages(self) -> list[Message]:
        """What the model reads, the system prompt first."""
        return [entry.message for entry in self._entries]

    @property
    def entries(self) -> list[Entry]:
        """What the model reads, with each message's key and a reply's sources."""
        return list(self._entries)

    @property
    def ids(self) -> list[int | None]:
        """The history's key of each of ``messages``."""
        return [entry.message_id for entry in self._entries]

    @property
    def reply_id(self) -> int | None:
        """The key of the reply being written, or None (incognito, or none being written)."""
        return self._recorder.reply.id if self._recorder else None

    @property
    def has_unsaved_reply(self) -> bool:
        """Whether the last reply could not be saved (a full or failing disk): the session
        holds it, and ``save_reply`` tries again."""
        return self._unsaved is not None

    def has_questions(self) -> bool:
        return any(entry.message["role"] == "user" for entry in self._entries)

    def draft(self, text: str) -> list[Message]:
        """What the model would read if *text* were sent now (in place of the question being
        edited, and what follows it); the conversation alone while *text* is blank."""
        messages, ids = self.messages, self.ids
        if self.editing is not None and self.editing.id in ids:
            messages = messages[: ids.index(self.editing.id)]
        return [*messages, Message(role="user", content=text)] if text.strip() else messages

    def continuable(self) -> int | None:
        """The key of the last reply if it ended before its model finished it (stopped, cut
        at its token limit, or by Sotto quitting), so that it can be continued."""
        last = self._entries[-1] if self._entries else None
        if last is None or last.message["role"] != "assistant" or self._recorder is not None:
            return None
        return last.message_id if last.message_id in self._unfinished else None

    # Reading the history

    def page(self, limit: int = PAGE) -> Page:
        """Read the last *limit* messages of the branch shown; they become what the model
        reads."""
        store, conversation = self._history()
        stored = store.messages(conversation.id, limit=limit)
        return Page(stored, self._has_earlier(len(stored)), self._follow(stored))

    def reread(self) -> Page:
        """Read again at least as much of the branch as is read now."""
        return self.page(max(PAGE, len(self._entries)))

    def on_screen(self) -> Page:
        """The branch as read, to show again while a reply is written in it: the history
        without the reply being written (the stream has its newest text). What the model
        reads does not change."""
        store, conversation = self._history()
        writing = self.reply_id
        stored = store.messages(conversation.id, limit=len(self._entries) + 1)
        stored = [message for message in stored if message.id != writing]
        return Page(stored, self._has_earlier(len(stored)), self._branches(stored))

    @property
    def continuing_from(self) -> str:
        """The text of the reply being continued (what the stream adds to), or ""."""
        return self._continuing or ""

    def earlier(self) -> Page:
        """Read ``PAGE`` more of the messages before those read; the page holds only them."""
        store, conversation = self._history()
        shown = len(self._entries) - self.ids.count(None)
        stored = store.messages(conversation.id, limit=shown + PAGE)
        branches = self._follow(stored)
        return Page(stored[: len(stored) - shown], self._has_earlier(len(stored)), branches)

    def sources(self, message_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
        """The sources kept with those of *message_ids* that were answered from documents."""
        if self._store is None:
            return {}
        return SourceStore(self._store.db).of(message_ids)

    @property
    def question(self) -> str:
        """The last question, which the reply being written answers ("" if there is none)."""
        last = self._entries[-1].message if self._entries else None
        return last["content"] if last is not None and last["role"] == "user" else ""

    def first_seen(self, left_out: int) -> int | None:
        """The key of the first message the model read when it left out *left_out* of the
        oldest turns, or None when it read them all."""
        if not left_out:
            return None
        offset = 1 if self._has_system_prompt() else 0
        return self._entries[offset + left_out].message_id

    # Changing the conversation

    def send(self, text: str, model: str) -> Sent:
        """Take *text* as the next question (or as the edit of ``editing``) and save it,
        with an empty reply to be written by *model*.

        Raises:
            StorageError: the question could not be saved (or a reply kept unsaved before
                it, which is saved first). Nothing of it was, no empty conversation is left,
                and the session is as it was.
        """
        self.pending_text = text
        editing = self.editing
        if self._store is not None:
            self.save_reply()
            after = editing.parent_id if editing is not None else LATEST
            with self._store.db.transaction():  # the conversation, question and reply, or none
                conversation = self._conversation or self._new_conversation(model)
                recorder = ReplyRecorder(self._store, conversation.id, text, after)
            self._conversation, self._recorder = conversation, recorder
        self.editing = None
        ids = self.ids
        if editing is not None and editing.id in ids:
            del self._entries[ids.index(editing.id) :]
        user_id = self._recorder.user_message.id if self._recorder else None
        self._entries.append(Entry(Message(role="user", content=text), user_id))
        return Sent(user_id, editing.id if editing is not None else None)

    def regenerate(self, reply_id: int) -> bool:
        """Take back the last reply, *reply_id*, to be written again; the old one stays a
        branch. False, and nothing changes, unless *reply_id* is the last reply.

        Raises:
            StorageError: the new reply could not be begun (or the old one, kept unsaved,
                be saved first); nothing changed.
        """
        ids = self.ids
        if self._store is None or self._conversation is None:
            return False
        if len(ids) < 2 or ids[-1] != reply_id:
            return False
        question = self._store.message(ids[-2] or -1)
        if question is None:
            return False
        self.save_reply()
        self._recorder = ReplyRecorder(self._store, self._conversation.id, question)
        self._entries.pop()
        self.pending_text = ""
        return True

    def continue_reply(self, reply_id: int) -> bool:
        """Have the model write on after the last reply, *reply_id*, in place: ``messages``
        then ends with it, and ``reply_finished`` is given only what is added. False, and
        nothing changes, unless it is ``continuable``.

        Raises:
            StorageError: the reply could not be reopened (or one kept unsaved, be saved
                first); nothing changed.
        """
        if self._store is None or self._conversation is None or reply_id != self.continuable():
            return False
        ids = self.ids
        question = self._store.message(ids[-2] or -1)
        reply = self._store.message(reply_id)
        if question is None or reply is None:
            return False
        self.save_reply()
        self._recorder = ReplyRecorder(
            self._store, self._conversation.id, question, continuing=reply
        )
        self._continuing = reply.content
        self._unfinished.discard(reply_id)
        self.pending_text = ""
        return True

    def reply_text(self, piece: str) -> None:
        """Add a piece of the reply being written; it is saved about once a second.

        Raises:
            StorageError: this save failed. The piece is kept all the same: the next save,
                and ``reply_finished``, write the whole reply.
        """
        if self._recorder is not None:
            self._recorder.add(piece)

    def reply_finished(
        self,
        text: str,
        status: MessageStatus = MessageStatus.DONE,
        unfinished: bool = False,
        sources: Sequence[Source] = (),
    ) -> dict[int, tuple[int, int]]:
        """Save the reply, *text*, as done (or with *status*: cut off, when its stream broke
        off midway; interrupted, when Sotto quit first); return the branch places of it and
        its question (empty in an incognito chat). *unfinished*: it ended before its model
        finished it (stopped, or at its token limit), so it can be continued. A reply being
        continued is given only what was added: it is saved as its old text followed by it.
        *sources*: the passages of the user's documents it was given, kept with it.

        Raises:
            StorageError: the reply could not be saved. The session holds it all the same
                (``has_unsaved_reply``) and goes on; ``save_reply`` tries again.
        """
        recorder, self._recorder = self._recorder, None
        reply_id = recorder.reply.id if recorder is not None else None
        kept = tuple(sources)
        if self._continuing is not None:
            text, self._continuing = self._continuing + text, None
            continued = self._entries.pop()
            kept = kept or continued.sources  # it keeps what it was given
        self._entries.append(Entry(Message(role="assistant", content=text), reply_id, kept))
        if reply_id is not None and (unfinished or status in UNFINISHED):
            self._unfinished.add(reply_id)
        if recorder is not None:
            self._unsaved = (recorder, text, status, sources)
        return self.save_reply()

    def save_reply(self) -> dict[int, tuple[int, int]]:
        """Save the reply that could not be saved before, if there is one; return the branch
        places of it and its question.

        Raises:
            StorageError: it still could not be saved; the session still holds it.
        """
        if self._unsaved is None or self._store is None:
            return {}
        recorder, text, status, sources = self._unsaved
        with self._store.db.transaction():  # the reply and its sources, or neither
            recorder.finish(text, status)
            if sources:
                SourceStore(self._store.db).add(recorder.reply.id, sources)
        self._unsaved = None
        branches: dict[int, tuple[int, int]] = {}
        for message_id in (recorder.reply.id, recorder.user_message.id):
            siblings = self._store.siblings(message_id)
            branches[message_id] = (siblings.index(message_id), len(siblings))
        return branches

    def reply_failed(self) -> Page | None:
        """The question got no reply: take it back, so it can be sent again or edited (a
        reply being continued got nothing more: it stays as it was).

        Returns the branch as the history now has it, or None for an incognito chat, where
        only the question was taken back, and for a new chat whose first question it was:
        no conversation with nothing in it is kept, and the chat is new again.

        Raises:
            StorageError: the question and its empty reply could not be removed from the
                history, which keeps them (the reply is marked interrupted at the next
                start); the session reads them back from it.
        """
        recorder, self._recorder = self._recorder, None
        if self._continuing is not None and recorder is not None:
            self._continuing = None  # the reply is as it was, and may be continued again
            self._unfinished.add(recorder.reply.id)
        if recorder is not None:
            try:
                recorder.abandon()
            except StorageError:
                self.reread()
                raise
            if self._drop_if_empty():
                return None
            return self.reread()
        if self._entries and self._entries[-1].message["role"] == "user":
            self._entries.pop()
        return None

    def delete(self, message_id: int) -> Page:
        """Delete one message; the rest of the conversation stays."""
        store, _conversation = self._history()
        store.delete_message(message_id)
        if self._unsaved is not None and self._unsaved[0].reply.id == message_id:
            self._unsaved = None  # the user chose to let it go
        return self.reread()

    def switch_branch(self, message_id: int, step: int) -> Page | None:
        """Show the branch of the message's previous (-1) or next (+1) alternative. The page
        holds the messages from that alternative on; None if there is none."""
        store, conversation = self._history()
        siblings = store.siblings(message_id)
        index = siblings.index(message_id) + step if message_id in siblings else -1
        if not 0 <= index < len(siblings):
            return None
        store.show_branch(siblings[index])
        stored = store.messages(conversation.id, limit=max(PAGE, len(self._entries)))
        first = next(i for i, m in enumerate(stored) if m.id == siblings[index])
        return Page(stored[first:], self._has_earlier(len(stored)), self._follow(stored))

    # Editing a question

    def edit(self, message_id: int) -> str | None:
        """Start editing the saved question *message_id*; return its text, or None if it is
        not a question of this chat."""
        if self._store is None or self._conversation is None:
            return None
        message = self._store.message(message_id)
        if message is None or message.role != "user":
            return None
        self.editing = message
        return message.content

    def last_question(self) -> int | None:
        """The key of the last saved question read."""
        for entry in reversed(self._entries):
            if entry.message["role"] == "user" and entry.message_id is not None:
                return entry.message_id
        return None

    # Settings

    def set_settings(self, settings: ChatSettings) -> None:
        """Use *settings* from now on, and save them with the conversation."""
        self.settings = settings
        self._set_system_prompt(settings.system_prompt)
        self._save_settings()

    def set_model(self, name: str) -> None:
        """Remember that *name* answers in this conversation."""
        if self._conversation is not None and self._conversation.model != name:
            store, conversation = self._history()
            store.update_settings(conversation.id, model=name)
            self._conversation = store.get_conversation(conversation.id)

    # Inside

    def _history(self) -> tuple[ConversationStore, Conversation]:
        if self._store is None or self._conversation is None:
            raise ValueError("this chat has no saved conversation")
        return self._store, self._conversation

    def _has_system_prompt(self) -> bool:
        return bool(self._entries) and self._entries[0].message["role"] == "system"

    def _set_system_prompt(self, prompt: str) -> None:
        if self._has_system_prompt():
            del self._entries[0]
        if prompt:
            self._entries.insert(0, Entry(Message(role="system", content=prompt)))

    def _drop_if_empty(self) -> bool:
        """Delete the conversation if it holds no message (its first question was taken
        back); True if it did. Where the disk refuses, it stays, empty."""
        store, conversation = self._history()
        if store.count_messages(conversation.id):
            return False
        try:
            store.delete_conversation(conversation.id)
        except StorageError:
            return False
        self._conversation = None
        del self._entries[1 if self._has_system_prompt() else 0 :]
        return True

    def _has_earlier(self, read: int) -> bool:
        store, conversation = self._history()
        return store.count_messages(conversation.id) > read

    def _follow(self, stored: list[StoredMessage]) -> dict[int, tuple[int, int]]:
        """Make *stored* what the model reads; return the branch places among them."""
        system = self._entries[:1] if self._has_system_prompt() else []
        given = self.sources([m.id for m in stored if m.role == "assistant"])
        self._entries = system + [
            Entry(Message(role=m.role, content=m.content), m.id, given.get(m.id, ()))
            for m in stored
        ]
        self._unfinished.update(m.id for m in stored if m.status in UNFINISHED)
        return self._branches(stored)

    def _branches(self, stored: list[StoredMessage]) -> dict[int, tuple[int, int]]:
        """The branch places among *stored*."""
        store, conversation = self._history()
        points = store.branch_points(conversation.id)
        branches: dict[int, tuple[int, int]] = {}
        for message in stored:
            siblings = points.get(message.parent_id, [])
            if message.id in siblings:
                branches[message.id] = (siblings.index(message.id), len(siblings))
        return branches

    def _new_conversation(self, model: str) -> Conversation:
        assert self._store is not None
        created = self._store.create_conversation(
            model=model, system_prompt=self.settings.system_prompt, sampling=self.settings.to_dict()
        )
        self._store.update_settings(created.id, preset=self.settings.preset_id)
        conversation = self._store.get_conversation(created.id)
        assert conversation is not None
        return conversation

    def _save_settings(self) -> None:
        if self._conversation is None:
            return
        store, conversation = self._history()
        store.update_settings(
            conversation.id,
            system_prompt=self.settings.system_prompt,
            sampling=self.settings.to_dict(),
            preset=self.settings.preset_id,
        )
        self._conversation = store.get_conversation(conversation.id)
