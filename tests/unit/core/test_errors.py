"""A user's error is translated under the context its sentence was marked with."""

from __future__ import annotations

import pytest

from desktop.core.errors import FileAccessError, UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.modelfile.errors import NotGGUFError


def test_a_plain_string_is_refused_as_a_sentence() -> None:
    # lupdate never sees it, so it could only be shown untranslated.
    with pytest.raises(TypeError):
        UserError("Something went wrong.")  # type: ignore[arg-type]


def test_the_context_is_the_one_the_sentence_was_marked_under() -> None:
    error = UserError(QT_TRANSLATE_NOOP("Orchard", "{count} apples fell."), count=3)
    assert error.context == "Orchard"
    assert str(error) == "3 apples fell."


def test_each_error_takes_the_context_of_its_own_sentence() -> None:
    assert NotGGUFError("notes.gguf").context == "ModelLoadError"
    assert FileAccessError("notes.txt", "gone").context == "FileAccessError"
