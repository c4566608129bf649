"""Sentences for the user, translated: shared by the window and the command line."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.core.errors import UserError
from desktop.core.i18n import Marked
from desktop.core.units import Bytes
from desktop.text.units import format_bytes


def sentence(context: str, template: str, params: Mapping[str, Any]) -> str:
    """Return *template* translated under *context*, its placeholders filled in: marked text
    (such as the name of an action) translated too, and sizes written the locale's way."""
    return QCoreApplication.translate(context, template).format(
        **{name: _localized(value) for name, value in params.items()}
    )


def user_message(error: UserError) -> str:
    """Return *error*'s sentence in the user's language."""
    return sentence(error.context, error.template, error.params)


def _localized(value: Any) -> Any:
    if isinstance(value, Marked):
        return QCoreApplication.translate(value.context, value)
    if isinstance(value, Bytes):
        return format_bytes(value)
    return value
