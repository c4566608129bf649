"""The Documents window's numbers sit under their own headers (a column of numbers and its
header are aligned alike), and its counts of files read are said in the singular and the
plural ("1 file read", "2 files read")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.library import DocumentLibrary
from desktop.text.translation import TRANSLATIONS_DIR
from desktop.ui.documents.documents_window import NUMBER_COLUMNS, DocumentsWindow
from desktop.ui.tasks import TaskRunner
from tests.ui.documents.documents_helpers import files_read, library, real_embedder, write_matter
from tests.ui.documents.test_documents_window import (
    SharedModel,
    detail,
    make_collection,
    open_window,
    runner,
    wait_ended,
)

__all__ = ["library", "real_embedder", "runner"]  # fixtures


@pytest.fixture
def english_plurals() -> Iterator[QTranslator]:
    """English's singular and plural of the counts, as Sotto loads them (setup compiles
    them)."""
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS_DIR / "plurals_en.qm"))
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def indexed_window(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
    counts: tuple[int, ...],
) -> DocumentsWindow:
    """The Documents window with a collection "Matter n" of n files indexed for each of
    *counts*."""
    window = open_window(qtbot, library, runner, SharedModel(real_embedder))
    for count in counts:
        make_collection(qtbot, window, f"Matter {count}")
        wait_ended(qtbot, window.add_folder(write_matter(tmp_path / f"m{count}", count=count)))
    return window


def test_each_column_of_numbers_is_aligned_with_its_header(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
) -> None:
    window = indexed_window(qtbot, tmp_path, library, runner, real_embedder, (2,))
    item = window.collections.topLevelItem(0)
    assert item is not None and item.text(1) == "2"
    right = Qt.AlignmentFlag.AlignRight
    for column in NUMBER_COLUMNS:
        header = window.collections.headerItem().textAlignment(column)
        assert header == item.textAlignment(column)
        assert Qt.AlignmentFlag(header) & right
    buttons = (window.new_button, window.add_files_button, window.add_folder_button)
    assert not any(button.icon().isNull() for button in buttons)
    name_header = window.collections.headerItem().textAlignment(0)
    assert not Qt.AlignmentFlag(name_header) & right  # the names stay on the left
    page_column = 1
    file = window.files.topLevelItem(0)
    assert file is not None
    assert window.files.headerItem().textAlignment(page_column) == file.textAlignment(page_column)
    assert Qt.AlignmentFlag(file.textAlignment(page_column)) & right


def test_one_file_read_is_said_in_the_singular_two_in_the_plural(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    runner: TaskRunner,
    real_embedder: Embedder,
    english_plurals: QTranslator,
) -> None:
    assert (files_read(1), files_read(2)) == ("1 file read", "2 files read")
    window = indexed_window(qtbot, tmp_path, library, runner, real_embedder, (1, 2))
    assert detail(window, "Matter 1").startswith("Up to date: 1 file read, 0 unchanged")
    assert detail(window, "Matter 2").startswith("Up to date: 2 files read, 0 unchanged")
