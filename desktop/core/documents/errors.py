"""Why a document's text cannot be read, in sentences for the user.

Each reason has a short ``code`` and its values (``params``): that, not the English sentence,
is what the index keeps (``failure.py``), so the sentence is written in the user's language
whenever it is shown.
"""

from __future__ import annotations

from typing import Any, ClassVar

from desktop.core.errors import FileAccessError, UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Marked
from desktop.core.units import Bytes


class DocumentError(UserError):
    """A document's text cannot be read. Each subclass names one reason.

    Attributes:
        code: the reason, as the index stores it ("unsupported", "damaged", ...).
        TEMPLATE: its sentence, with the placeholders ``params`` fills in.
    """

    code: ClassVar[str]
    TEMPLATE: ClassVar[Marked]

    def __init__(self, **params: Any) -> None:
        super().__init__(self.TEMPLATE, **params)

    @classmethod
    def restored(cls, params: dict[str, Any], details: str = "") -> DocumentError:
        """The error as it was stored: its *params* and *details*, under today's sentence."""
        error = cls.__new__(cls)
        DocumentError.__init__(error, **params)
        error.details = details
        return error


class UnsupportedDocumentError(DocumentError):
    code = "unsupported"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "Sotto cannot read {name}: it reads PDF, Word (.docx), text, Markdown and HTML "
        "files. Save it in one of these formats and add it again.",
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name)


class DocumentAccessError(DocumentError):
    """The file could not be read at all (permissions, a removed disk, a vanished file)."""

    code = "access"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "Sotto could not read {name}: {reason}. Check that the file is there and that "
        "you may open it, then add it again.",
    )

    def __init__(self, name: str, reason: Marked) -> None:
        super().__init__(name=name, reason=reason)

    @classmethod
    def of(cls, name: str, error: OSError) -> DocumentAccessError:
        """The sentence for *error*, with the reason ``FileAccessError`` gives for its error
        number; the system's own words go to ``details``."""
        access = FileAccessError.of(error)
        found = cls(name, access.params["reason"])
        found.details = access.details
        return found


class EmptyDocumentError(DocumentError):
    code = "empty"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} has no text in it. Choose a document that has some.",
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name)


class DocumentTooLargeError(DocumentError):
    code = "too-large"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is too large: Sotto reads documents of up to {limit}. Split it into "
        "smaller files and add those.",
    )

    def __init__(self, name: str, limit: Bytes) -> None:
        super().__init__(name=name, limit=limit)


class CorruptDocumentError(DocumentError):
    code = "damaged"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is damaged, or is not the kind of file its name says, so Sotto cannot "
        "read it. Open it in the program that made it, save it again and add it again.",
    )

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(name=name)
        self.details = detail


class EncryptedPdfError(DocumentError):
    code = "encrypted"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is protected by a password, and Sotto cannot read protected PDFs. "
        "Save a copy without the password and add that.",
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name)


class ScannedPdfError(DocumentError):
    code = "scanned"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} has no text layer; it looks scanned, and Sotto cannot read scanned "
        "pages yet. Add a copy that has text (made with text recognition, OCR).",
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name)


class LinkOutsideError(DocumentError):
    """A link in a folder the user added leads out of it: followed silently, it would add a
    file (or a whole folder) the user never chose."""

    code = "link-outside"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is a link to {target}, outside the folder {folder}, so Sotto did not follow "
        "it. To read it, add {target} itself.",
    )

    def __init__(self, name: str, target: str, folder: str) -> None:
        super().__init__(name=name, target=target, folder=folder)


REASONS: dict[str, type[DocumentError]] = {
    kind.code: kind
    for kind in (
        UnsupportedDocumentError,
        DocumentAccessError,
        EmptyDocumentError,
        DocumentTooLargeError,
        CorruptDocumentError,
        EncryptedPdfError,
        ScannedPdfError,
        LinkOutsideError,
    )
}
"""Every reason a document cannot be read, by its code."""
