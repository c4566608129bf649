"""How much of the model's context the chat shown takes, with what is typed: counted on the
inference worker once typing pauses, and a warning when sending it would push the oldest
turns out of what the model reads."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer, Slot

from desktop.core.inference.engine import prompt_budget
from desktop.core.inference.types import LoadedModel
from desktop.ui.chat.chat_column import ChatColumn
from desktop.ui.chat.history_shown import ShownChat
from desktop.ui.models.inference_worker import InferenceClient

DRAFT_DELAY_MS = 300
"""What is typed is counted against the context once typing pauses this long."""

# The sentences here keep the translation context of the chat controller, which said them
# first, and with it their translations.


class ContextCount(QObject):
    """Counts the context of the chat shown and warns above the composer."""

    def __init__(self, chat: ShownChat, column: ChatColumn, client: InferenceClient) -> None:
        super().__init__(column)
        self._chat = chat
        self._column = column
        self._composer = column.composer
        self._client = client
        # What is typed is counted once typing pauses: counting reads the whole conversation.
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.count)
        self._composer.textChanged.connect(self._draft_timer.start)
        client.counted.connect(self._counted)

    @Slot()
    def count(self) -> None:
        """Have the worker count the tokens of the conversation and of what is typed (its
        ``counted``), unless a reply is being written."""
        self._draft_timer.stop()
        if self._chat.model is not None and not self._chat.generating:
            self._client.count(self._chat.session.draft(self._composer.toPlainText()))

    @Slot(int)
    def _counted(self, tokens: int) -> None:
        """Warn when what is typed would push the oldest turns out of what the model reads,
        or would not fit in it at all; in the same figures as the context meter."""
        model = self._chat.model
        warning = ""
        if isinstance(model, LoadedModel):  # a server's context is its own
            budget = prompt_budget(model.n_ctx, self._chat.session.settings.sampling)
            self._column.context_meter.set_reserved(model.n_ctx - budget)
            text = self._composer.toPlainText()
            if text.strip():
                draft = self._chat.session.draft(text)
                earlier = sum(message["role"] == "user" for message in draft) > 1
                warning = context_warning(tokens, model.n_ctx, budget, earlier)
        self._column.context_warning.setText(warning)
        self._column.context_warning.setVisible(bool(warning))


def context_warning(tokens: int, n_ctx: int, budget: int, earlier: bool) -> str:
    """What to say of a draft that makes the conversation *tokens* tokens long, with a model
    that reads *n_ctx* and keeps *n_ctx* - *budget* of them for the reply; *earlier*: the
    conversation has turns before it that could be left out. "" when it fits.

    The engine leaves out the oldest turns only when there are some (``Engine._fit``): the
    first question of a chat is read whole, with what room is left for the reply, unless it
    is longer than the context itself."""
    locale = QLocale()
    if tokens >= n_ctx:
        return QCoreApplication.translate(
            "ChatController",
            "This message makes the conversation {tokens} tokens long, more than the {total} "
            "the model reads at once. Shorten it, or choose a longer context in the chat "
            "settings.",
        ).format(tokens=locale.toString(tokens), total=locale.toString(n_ctx))
    if tokens > budget and earlier:
        return QCoreApplication.translate(
            "ChatController",
            "With this message the conversation takes {tokens} of the model's {total} tokens, "
            "and {reserved} are kept for its reply: its oldest turns would be left out. Start "
            "a new chat, or choose a longer context in the chat settings.",
        ).format(
            tokens=locale.toString(tokens),
            total=locale.toString(n_ctx),
            reserved=locale.toString(n_ctx - budget),
        )
    return ""
