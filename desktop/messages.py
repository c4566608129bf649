"""Sentences for the user, translated: shared by the window and the command line."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import UserError


def user_message(error: UserError) -> str:
    """Return *error*'s sentence in the user's language, placeholders filled in."""
    return QCoreApplication.translate(error.context, error.template).format(**error.params)
