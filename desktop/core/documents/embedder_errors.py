"""Why the embedding model cannot be used, whichever runtime runs it."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class EmbedderError(UserError):
    """The embedding model cannot be used. Each subclass names one reason."""


class EmbedderMissingError(EmbedderError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "EmbedderError",
                "The model Sotto uses to search your documents is missing ({path}). "
                "Install Sotto again to bring it back.",
            ),
            path=path,
        )


class EmbedderDamagedError(EmbedderError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "EmbedderError",
                "The model Sotto uses to search your documents ({name}) is damaged. "
                "Install Sotto again to repair it.",
            ),
            name=name,
        )
        self.details = detail
