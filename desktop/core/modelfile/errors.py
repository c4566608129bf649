"""Why a model file cannot be loaded, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.units import Bytes


class ModelLoadError(UserError):
    """A model file cannot be loaded. Each subclass names one reason."""


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


class ModelIsFolderError(ModelLoadError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{path} is a folder, not a model file. Choose the model file (ending in .gguf) "
                "inside it.",
            ),
            path=path,
        )


class ModelLinkLoopError(ModelLoadError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{path} is a link that leads back to itself, so there is no model file behind "
                "it. Choose the model file itself, or make the link point to it.",
            ),
            path=path,
        )


class ModelNotAFileError(ModelLoadError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{path} is not an ordinary file (it is a pipe, a socket or a device), so it "
                "cannot be a model. Choose the model file itself, ending in .gguf.",
            ),
            path=path,
        )


class ModelUnreadableError(ModelLoadError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "You may not read {path}, so Sotto cannot load it. Ask its owner to let you "
                "read it, or copy it to a folder of yours, then choose it again.",
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
                "{name} is damaged and cannot be read. Download or copy it again.",
            ),
            name=name,
        )
        self.details = detail


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
