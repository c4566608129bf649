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
        """Warn when what is typed would push the oldest turns out of the model's memory."""
        model = self._chat.model
        warning = ""
        if isinstance(model, LoadedModel) and self._composer.toPlainText().strip():
            budget = prompt_budget(model.n_ctx, self._chat.session.settings.sampling)
            if tokens > budget:
                locale = QLocale()
                warning = QCoreApplication.translate(
                    "ChatController",
                    "With this message the conversation takes {tokens} tokens, more than the "
                    "{budget} the model reads at once: its oldest turns would be left out. "
                    "Start a new chat, or choose a longer context in the chat settings.",
                ).format(tokens=locale.toString(tokens), budget=locale.toString(budget))
        self._column.context_warning.setText(warning)
        self._column.context_warning.setVisible(bool(warning))
