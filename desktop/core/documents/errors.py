"""Why a document's text cannot be read, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import FileAccessError, UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP, Marked
from desktop.core.units import Bytes


class DocumentError(UserError):
    """A document's text cannot be read. Each subclass names one reason."""


class UnsupportedDocumentError(DocumentError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "Sotto cannot read {name}: it reads PDF, Word (.docx), text, Markdown and HTML "
                "files. Save it in one of these formats and add it again.",
            ),
            name=name,
        )


class DocumentAccessError(DocumentError):
    """The file could not be read at all (permissions, a removed disk, a vanished file)."""

    def __init__(self, name: str, reason: Marked) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "Sotto could not read {name}: {reason}. Check that the file is there and that "
                "you may open it, then add it again.",
            ),
            name=name,
            reason=reason,
        )

    @classmethod
    def of(cls, name: str, error: OSError) -> DocumentAccessError:
        """The sentence for *error*, with the reason ``FileAccessError`` gives for its error
        number; the system's own words go to ``details``."""
        access = FileAccessError.of(error)
        found = cls(name, access.params["reason"])
        found.details = access.details
        return found


class EmptyDocumentError(DocumentError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "{name} has no text in it. Choose a document that has some.",
            ),
            name=name,
        )


class DocumentTooLargeError(DocumentError):
    def __init__(self, name: str, limit: Bytes) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "{name} is too large: Sotto reads documents of up to {limit}. Split it into "
                "smaller files and add those.",
            ),
            name=name,
            limit=limit,
        )


class CorruptDocumentError(DocumentError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "{name} is damaged, or is not the kind of file its name says, so Sotto cannot "
                "read it. Open it in the program that made it, save it again and add it again.",
            ),
            name=name,
        )
        self.details = detail


class EncryptedPdfError(DocumentError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "{name} is protected by a password, and Sotto cannot read protected PDFs. "
                "Save a copy without the password and add that.",
            ),
            name=name,
        )


class ScannedPdfError(DocumentError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "DocumentError",
                "{name} has no text layer; it looks scanned, and Sotto cannot read scanned "
                "pages yet. Add a copy that has text (made with text recognition, OCR).",
            ),
            name=name,
        )
