"""The base of every error a user can cause, carrying a sentence they can understand."""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """An error caused by something the user did or has, not by a bug.

    Attributes:
        context: the translation context of ``template``.
        template: the English sentence, with ``{name}`` placeholders, marked with
            ``QT_TRANSLATE_NOOP`` where it is written so it can be translated.
        params: the values for the placeholders.
    """

    context = "UserError"

    def __init__(self, template: str, **params: Any) -> None:
        super().__init__(template)
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.template.format(**self.params)
