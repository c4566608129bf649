"""The model picker: a compact chip with the model's name in human words, its file's name in
the tooltip; a conversation's model is found by the file name the history keeps."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.library.names import display_name
from desktop.core.modelfile.model_info import model_name
from desktop.ui.window.main_window import MainWindow


def test_the_picker_names_the_model_in_words_and_fits_its_name(
    qtbot: QtBot, window: MainWindow, starter_model: Path
) -> None:
    picker = window.model_picker
    window.resize(1920, 1080)
    qtbot.wait_until(lambda: window.width() == 1920)
    assert picker.currentText() == display_name(starter_model)
    assert picker.currentText() != starter_model.stem
    assert starter_model.name in picker.toolTip()  # the file, for those who look for it
    text = picker.fontMetrics().horizontalAdvance(picker.currentText())
    assert text < picker.width() < text + 120  # as wide as its name, not the window
    assert picker.path_named(model_name(starter_model)) == starter_model
    assert picker.path_named(picker.currentText()) == starter_model
    assert (display_name(starter_model), starter_model) in picker.local_models()
