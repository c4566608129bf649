"""Why the inference library could not run a model, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class UnsupportedBuildError(UserError):
    """The inference library crashed in the self-check: it cannot run on this processor."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "UnsupportedBuildError",
                "This build of the inference library does not run on this processor. "
                "Reinstall Sotto with its setup command, which builds a portable version.",
            )
        )
        self.details = detail


class ConversationTooLongError(UserError):
    """The last message alone (with the system prompt) is more than the model can read at once;
    earlier turns are left out before this happens."""

    def __init__(self, tokens: int, n_ctx: int) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ConversationTooLongError",
                "Your message and the system prompt ({tokens} tokens) are longer than the model "
                "can read at once ({n_ctx} tokens). Shorten the message, or choose a longer "
                "context in the chat settings.",
            ),
            tokens=tokens,
            n_ctx=n_ctx,
        )


class ChatTemplateError(UserError):
    """The model's own chat template cannot be read, or refuses the conversation."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ChatTemplateError",
                "The chat template inside {name} does not work. "
                "Choose another model, or another version of this one.",
            ),
            name=name,
        )
        self.details = detail
