"""One conversation as the model reads it and the vault keeps it: what the window and
``sotto ask`` both drive."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.chat.settings import ChatSettings
from desktop.core.inference.types import Message
from desktop.core.vault.recorder import ReplyRecorder
from desktop.core.vault.store import LATEST, Conversation, ConversationStore, StoredMessage

PAGE = 200
"""Messages read when a conversation opens; earlier ones are read on request."""


@dataclass(frozen=True)
class Entry:
    """One message the model reads, with its key in the history.

    Attributes:
        message: the role and text.
        message_id: its key; None for the system prompt and in an incognito chat.
    """

    message: Message
    message_id: int | None = None


@dataclass(frozen=True)
class Page:
    """Messages of the branch shown, as the history has them.

    Attributes:
        messages: the messages to show, oldest first.
        has_earlier: whether the branch holds messages before those read so far.
        branches: for each message read that has alternatives, its place among them and
            their number (0-based index, count).
    """

    messages: list[StoredMessage]
    has_earlier: bool = False
    branches: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Sent:
    """A question the session took.

    Attributes:
        message_id: its key in the history; None in an incognito chat.
        replaces: the id of the question it was edited from, whose place it takes on
            screen; None for a new question.
    """

    message_id: int | None
    replaces: int | None


class ChatSession:
    """One chat: the messages the model reads, kept in step with the vault.

    A saved chat writes each question and its reply as they happen (the reply at least once a
    second while it streams, through ``ReplyRecorder``); an incognito one lives only here.
    Messages form a tree in the vault: editing a question or regenerating a reply starts a
    branch beside the old one, and the chat reads one path through it.

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
    def ids(self) -> list[int | None]:
        """The history's key of each of ``messages``."""
        return [entry.message_id for entry in self._entries]

    @property
    def reply_id(self) -> int | None:
        """The key of the reply being written, or None (incognito, or none being written)."""
        return self._recorder.reply.id if self._recorder else None

    def has_questions(self) -> bool:
        return any(entry.message["role"] == "user" for entry in self._entries)

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

    def earlier(self) -> Page:
        """Read ``PAGE`` more of the messages before those read; the page holds only them."""
        store, conversation = self._history()
        shown = len(self._entries) - self.ids.count(None)
        stored = store.messages(conversation.id, limit=shown + PAGE)
        branches = self._follow(stored)
        return Page(stored[: len(stored) - shown], self._has_earlier(len(stored)), branches)

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
        with an empty reply to be written by *model*."""
        self.pending_text = text
        editing, self.editing = self.editing, None
        ids = self.ids
        if editing is not None and editing.id in ids:
            del self._entries[ids.index(editing.id) :]
        if self._store is not None:
            if self._conversation is None:
                self._conversation = self._store.create_conversation(
                    model=model,
                    system_prompt=self.settings.system_prompt,
                    sampling=self.settings.to_dict(),
                )
                self._save_settings()
            after = editing.parent_id if editing is not None else LATEST
            self._recorder = ReplyRecorder(self._store, self._conversation.id, text, after)
        user_id = self._recorder.user_message.id if self._recorder else None
        self._entries.append(Entry(Message(role="user", content=text), user_id))
        return Sent(user_id, editing.id if editing is not None else None)

    def regenerate(self, reply_id: int) -> bool:
        """Take back the last reply, *reply_id*, to be written again; the old one stays a
        branch. False, and nothing changes, unless *reply_id* is the last reply."""
        ids = self.ids
        if self._store is None or self._conversation is None:
            return False
        if len(ids) < 2 or ids[-1] != reply_id:
            return False
        question = self._store.message(ids[-2] or -1)
        if question is None:
            return False
        self._entries.pop()
        self.pending_text = ""
        self._recorder = ReplyRecorder(self._store, self._conversation.id, question)
        return True

    def reply_text(self, piece: str) -> None:
        """Add a piece of the reply being written."""
        if self._recorder is not None:
            self._recorder.add(piece)

    def reply_finished(self, text: str) -> dict[int, tuple[int, int]]:
        """Save the reply, *text*, as done; return the branch places of it and its question
        (empty in an incognito chat)."""
        branches: dict[int, tuple[int, int]] = {}
        reply_id = None
        if self._store is not None and self._recorder is not None:
            self._recorder.finish(text)
            reply_id = self._recorder.reply.id
            self._recorder = None
            question = self._entries[-1].message_id
            for message_id in (reply_id, question):
                if message_id is not None:
                    siblings = self._store.siblings(message_id)
                    branches[message_id] = (siblings.index(message_id), len(siblings))
        self._entries.append(Entry(Message(role="assistant", content=text), reply_id))
        return branches

    def reply_failed(self) -> Page | None:
        """The question got no reply: take it back, so it can be sent again or edited.

        Returns the branch as the history now has it, or None for an incognito chat, where
        only the question was taken back.
        """
        if self._recorder is not None:
            self._recorder.abandon()
            self._recorder = None
            return self.reread()
        if self._entries and self._entries[-1].message["role"] == "user":
            self._entries.pop()
        return None

    def delete(self, message_id: int) -> Page:
        """Delete one message; the rest of the conversation stays."""
        store, _conversation = self._history()
        store.delete_message(message_id)
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

    def _has_earlier(self, read: int) -> bool:
        store, conversation = self._history()
        return store.count_messages(conversation.id) > read

    def _follow(self, stored: list[StoredMessage]) -> dict[int, tuple[int, int]]:
        """Make *stored* what the model reads; return the branch places among them."""
        system = self._entries[:1] if self._has_system_prompt() else []
        self._entries = system + [
            Entry(Message(role=m.role, content=m.content), m.id) for m in stored
        ]
        store, conversation = self._history()
        points = store.branch_points(conversation.id)
        branches: dict[int, tuple[int, int]] = {}
        for message in stored:
            siblings = points.get(message.parent_id, [])
            if message.id in siblings:
                branches[message.id] = (siblings.index(message.id), len(siblings))
        return branches

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
