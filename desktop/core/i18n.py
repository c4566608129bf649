"""Marking user-visible text in Qt-free code for translation.

Core code may not import Qt, yet its sentences reach the user. They are written as
``QT_TRANSLATE_NOOP("Context", "Sentence with {placeholder}")``: at run time the call returns
the English text, as a ``Marked`` string that remembers its context; ``pyside6-lupdate`` finds
it by that name, and the UI translates the text with ``QCoreApplication.translate`` under the
same context (see ``desktop.text.messages``).
"""

from __future__ import annotations


class Marked(str):
    """English text marked for translation, with the context it is translated under."""

    context: str

    def __new__(cls, context: str, text: str) -> Marked:
        marked = super().__new__(cls, text)
        marked.context = context
        return marked


def QT_TRANSLATE_NOOP(context: str, text: str) -> Marked:
    """Return *text*, marked for extraction and translation under *context*."""
    return Marked(context, text)
