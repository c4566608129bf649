"""Toasts: a short confirmation that goes by itself and never takes the focus."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.toast import Toast


def make_parent(qtbot: QtBot) -> tuple[QWidget, QLineEdit]:
    parent = QWidget()
    qtbot.add_widget(parent)
    field = QLineEdit()
    QVBoxLayout(parent).addWidget(field)
    parent.resize(640, 480)
    parent.show()
    parent.activateWindow()
    qtbot.wait_active(parent)
    field.setFocus()
    qtbot.wait_until(field.hasFocus)
    return parent, field


def test_a_toast_appears_over_the_bottom_and_goes_by_itself(qtbot: QtBot) -> None:
    parent, field = make_parent(qtbot)
    toast = Toast(parent)
    toast.show_message("Exported to Contract.docx", duration_ms=100)
    assert toast.isVisible()
    assert toast.label.text() == "Exported to Contract.docx"
    assert toast.accessibleName() == "Exported to Contract.docx"
    assert parent.rect().contains(toast.geometry())
    assert toast.geometry().center().y() > parent.height() // 2
    assert field.hasFocus() and not toast.hasFocus()
    qtbot.wait_until(lambda: not toast.isVisible(), timeout=2000)
    assert field.hasFocus()


def test_a_new_toast_replaces_the_one_shown(qtbot: QtBot) -> None:
    parent, _field = make_parent(qtbot)
    first, second = Toast(parent), Toast(parent)
    first.show_message("Model downloaded")
    second.show_message("Everything was forgotten")
    assert not first.isVisible() and second.isVisible()
    second.show_message("Exported to Contract.docx")
    assert second.label.text() == "Exported to Contract.docx"


def test_a_long_sentence_wraps_inside_a_narrow_window(qtbot: QtBot) -> None:
    parent, _field = make_parent(qtbot)
    parent.resize(300, 200)
    toast = Toast(parent)
    toast.show_message("Exported to " + "A very long file name " * 6 + ".docx")
    assert parent.rect().contains(toast.geometry())
    parent.resize(600, 400)
    assert toast.geometry().bottom() > 300  # it follows the bottom of its window
