"""Marking user-visible text in Qt-free code for translation.

Core code may not import Qt, yet its sentences reach the user. They are written as
``QT_TRANSLATE_NOOP("Context", "Sentence with {placeholder}")``: at run time the call returns
the English text unchanged; ``pyside6-lupdate`` finds it by that name, and the UI translates
the text with ``QCoreApplication.translate`` under the same context (see ``desktop.messages``).
"""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return *text*; the call only marks it for extraction under *context*."""
    del context
    return text
