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
        "Sotto cannot read {name}: it reads PDF (scanned ones too), Word (.docx), text, "
        "Markdown and HTML files, and pictures (PNG, JPEG, TIFF). Save it in one of these "
        "formats and add it again.",
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


class NotAFileError(DocumentError):
    """The path is not an ordinary file: a named pipe, a socket or a device would wait for a
    writer or read for ever, and a link that leads round in a circle leads nowhere. Its kind
    is found before anything is read from it."""

    code = "not-a-file"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is {kind}, not an ordinary file, so Sotto did not read it. If it stands "
        "for a document, add the document itself.",
    )
    PIPE = QT_TRANSLATE_NOOP("DocumentError", "a named pipe (FIFO)")
    SOCKET = QT_TRANSLATE_NOOP("DocumentError", "a socket")
    DEVICE = QT_TRANSLATE_NOOP("DocumentError", "a device")
    SPECIAL = QT_TRANSLATE_NOOP("DocumentError", "a special file of the system")
    LOOP = QT_TRANSLATE_NOOP(
        "DocumentError", "a link that leads round in a circle (a symlink loop)"
    )

    def __init__(self, name: str, kind: Marked) -> None:
        super().__init__(name=name, kind=kind)


class UnpacksTooLargeError(DocumentError):
    """A packed document (a .docx is a zip) would unpack to more than Sotto reads: the
    limit named is the one on what is unpacked, not on the file or its text."""

    code = "unpacks-too-large"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} unpacks to more than {limit} of text and layout, more than Sotto reads from "
        "one document. Split it into smaller files and add those.",
    )

    def __init__(self, name: str, limit: Bytes) -> None:
        super().__init__(name=name, limit=limit)


class PackedTooTightlyError(DocumentError):
    """A part of a packed document unpacks to far more than documents ever do (a "zip
    bomb", made to fill the memory of whoever opens it): it is refused unopened."""

    code = "packed-too-tightly"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} holds a part that unpacks to more than {ratio} times its packed size, which "
        "documents never do: it looks made to fill the memory, so Sotto did not unpack it. "
        "Open it in the program that made it, save it again and add it again.",
    )

    def __init__(self, name: str, ratio: int, part: str) -> None:
        super().__init__(name=name, ratio=ratio)
        self.details = part


class EncryptedPdfError(DocumentError):
    code = "encrypted"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is protected by a password, and Sotto cannot read protected PDFs. "
        "Save a copy without the password and add that.",
    )

    def __init__(self, name: str) -> None:
        super().__init__(name=name)


# A scanned PDF was refused with the code "scanned" until Sotto read scans: that code is no
# reason any more, so such a document is read again by the next update (indexer.py).


class ImageTooLargeError(DocumentError):
    """An image (or a page of a TIFF) has more pixels than Sotto decodes: a decompression
    bomb says billions in a few kilobytes."""

    code = "image-too-large"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is too large a picture: Sotto reads pictures of up to {limit} million "
        "pixels. Scan it again at a lower resolution (300 dots per inch is plenty) and add "
        "that.",
    )

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(name=name, limit=limit)


class RecognitionUnavailableError(DocumentError):
    """Text recognition cannot start: its models or libraries are missing or damaged."""

    code = "ocr-unavailable"
    TEMPLATE = QT_TRANSLATE_NOOP(
        "DocumentError",
        "{name} is scanned, and Sotto could not start its text recognition to read it. "
        "Install Sotto again, then update the collection.",
    )

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(name=name)
        self.details = detail


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
        ImageTooLargeError,
        RecognitionUnavailableError,
        LinkOutsideError,
        NotAFileError,
        UnpacksTooLargeError,
        PackedTooTightlyError,
    )
}
"""Every reason a document cannot be read, by its code."""
