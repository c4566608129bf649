"""The base of every error a user can cause, carrying a sentence they can understand."""

from __future__ import annotations

import errno
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP, Marked


class UserError(Exception):
    """An error caused by something the user did or has, not by a bug.

    Attributes:
        context: the translation context of ``template``, the one it was marked under.
        template: the English sentence, with ``{name}`` placeholders, marked with
            ``QT_TRANSLATE_NOOP`` where it is written so it can be translated.
        params: the values for the placeholders.
        details: what the system said (an OS or library message, in English), for a
            "details" part and for support; never part of the sentence.
    """

    details = ""

    def __init__(self, template: Marked, **params: Any) -> None:
        # A plain string would be shown untranslated, or translated under a context that
        # lupdate never saw: refused here, where the mistake is made.
        if not isinstance(template, Marked):
            raise TypeError(f"UserError needs a QT_TRANSLATE_NOOP template, not {template!r}")
        super().__init__(template)
        self.context = template.context
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.template.format(**self.params)


class InternalError(UserError):
    """A bug, told to the user in a sentence while it is raised again for the developers."""

    def __init__(self) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "InternalError",
                "Something went wrong inside Sotto. Nothing you wrote is lost; try again, "
                "or restart Sotto if it happens again.",
            )
        )


_REASONS = {
    errno.EACCES: QT_TRANSLATE_NOOP("FileAccessError", "you may not use it"),
    errno.EPERM: QT_TRANSLATE_NOOP("FileAccessError", "you may not use it"),
    errno.ENOENT: QT_TRANSLATE_NOOP("FileAccessError", "it is not there"),
    errno.EISDIR: QT_TRANSLATE_NOOP("FileAccessError", "it is a folder, not a file"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("FileAccessError", "a part of its path is not a folder"),
    errno.ELOOP: QT_TRANSLATE_NOOP("FileAccessError", "its links lead round in a circle"),
    errno.ENOSPC: QT_TRANSLATE_NOOP("FileAccessError", "the disk is full"),
    errno.EROFS: QT_TRANSLATE_NOOP("FileAccessError", "the disk is read-only"),
}
"""Why a file could not be used, in words a user can act on, by the system's error number."""


class FileAccessError(UserError):
    """A file could not be read or written (permissions, a removed disk, a damaged folder)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "FileAccessError",
                "Sotto could not read or write {file}: {reason}. Check that the file and its "
                "folder are there and that you may use them, then try again.",
            ),
            file=file,
            reason=reason,
        )

    @classmethod
    def of(cls, error: OSError) -> FileAccessError:
        """The sentence for *error*, naming its file where it has one; the system's own
        words go to ``details``."""
        generic = QT_TRANSLATE_NOOP("FileAccessError", "the system refused")
        found = cls(str(error.filename or ""), _REASONS.get(error.errno or 0, generic))
        found.details = error.strerror or str(error)
        return found
