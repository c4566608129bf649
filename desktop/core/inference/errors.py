"""Why a model could not be loaded or run, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.units import Bytes


class ModelLoadError(UserError):
    """A model file cannot be loaded. Each subclass names one reason."""

    context = "ModelLoadError"


class ModelMissingError(ModelLoadError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "The model file {path} was not found. It may have been moved or deleted; "
                "choose another model.",
            ),
            path=path,
        )


class NotGGUFError(ModelLoadError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{name} is not a GGUF model file, so it cannot be loaded. "
                "Choose a model file in the GGUF format.",
            ),
            name=name,
        )


class ModelTruncatedError(ModelLoadError):
    def __init__(self, name: str, actual: Bytes, expected: Bytes) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{name} is incomplete: it holds {actual} of the {expected} it should. "
                "Download or copy it again.",
            ),
            name=name,
            actual=actual,
            expected=expected,
        )


class ModelCorruptError(ModelLoadError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{name} is damaged and cannot be read ({detail}). Download or copy it again.",
            ),
            name=name,
            detail=detail,
        )


class ModelTooBigError(ModelLoadError):
    def __init__(self, name: str, needed: Bytes, available: Bytes) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{name} needs about {needed} of memory, but only {available} is free. "
                "Close other programs or choose a smaller model.",
            ),
            name=name,
            needed=needed,
            available=available,
        )


class UnsupportedBuildError(UserError):
    """The inference library crashed in the self-check: it cannot run on this processor."""

    context = "UnsupportedBuildError"

    def __init__(self, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "UnsupportedBuildError",
                "This build of the inference library does not run on this processor "
                "({detail}). Reinstall Sotto with its setup command, which builds a "
                "portable version.",
            ),
            detail=detail,
        )


class ConversationTooLongError(UserError):
    """The last message alone (with the system prompt) is more than the model can read at once;
    earlier turns are left out before this happens."""

    context = "ConversationTooLongError"

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

    context = "ChatTemplateError"

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ChatTemplateError",
                "The chat template inside {name} does not work ({detail}). "
                "Choose another model, or another version of this one.",
            ),
            name=name,
            detail=detail,
        )
