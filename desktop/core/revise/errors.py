"""Why a document cannot be revised, or its revision saved: each a sentence for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class NotWordDocumentError(UserError):
    """Only .docx files can come back with tracked changes (a .doc, a PDF cannot)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "RevisionError",
                "Sotto revises Word documents saved as .docx, and {name} is not one. Open it "
                "in Word or LibreOffice, save it as a Word document (.docx) and choose that.",
            ),
            name=name,
        )


class ProtectedWordDocumentError(UserError):
    """Word keeps a .docx protected by a password in a compound file, not a zip: its text
    cannot be read without the password."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "RevisionError",
                "{name} is protected by a password, so Sotto cannot read it. Open it in Word, "
                "save a copy without the password (File, Info, Protect Document) and choose "
                "that.",
            ),
            name=name,
        )


class NothingToReviseError(UserError):
    """The document has text, but none in paragraphs that can be revised (only tables,
    headers, or paragraphs chosen none of)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "RevisionError",
                "{name} has no paragraphs Sotto can revise: it revises the body's "
                "paragraphs, not tables, headers or pictures. Choose other headings, or "
                "another document.",
            ),
            name=name,
        )


class SameFileError(UserError):
    """The revised copy would replace the original, which is never written."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "RevisionError",
                "The revised copy cannot replace {name}: Sotto never writes over the "
                "original. Choose another name for the copy.",
            ),
            name=name,
        )
