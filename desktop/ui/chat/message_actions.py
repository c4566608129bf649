"""What the user can do with one message: copy, edit, regenerate, continue, delete."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.ui.theme import TARGET_PX
from desktop.ui.widgets.icon_button import IconButton


class MessageActions(QWidget):
    """A row of icon buttons, one per action that applies to the message, each with its
    words in a tooltip (and in the text's context menu, as ``offered``).

    Hidden, the row keeps its place and size, so showing it moves nothing.

    Attributes:
        copy: copies the whole message.
        edit: edits a question and sends it again.
        regenerate: writes another answer in place of a reply.
        resume: continues a reply that ended before its model finished it ("Continue").
        delete: deletes the message.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[QAction, IconButton] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(0)
        self.copy = self._add("copy", "copy", self.tr("Copy"), self.tr("Copy the whole message"))
        self.edit = self._add(
            "edit", "pencil-simple", self.tr("Edit"), self.tr("Edit and send again")
        )
        self.regenerate = self._add(
            "regenerate",
            "arrow-clockwise",
            self.tr("Regenerate"),
            self.tr("Write another answer in place of this"),
        )
        self.resume = self._add(
            "continue",
            "arrow-line-down",
            self.tr("Continue"),
            self.tr("Write on from where this reply stopped"),
        )
        self.delete = self._add(
            "delete", "trash", self.tr("Delete"), self.tr("Delete this message")
        )
        keep_place = self.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.setSizePolicy(keep_place)

    def _add(self, name: str, icon_name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        button = IconButton(icon_name, tip)
        button.setObjectName(f"{name}_button")
        button.setFixedSize(TARGET_PX, TARGET_PX)  # whatever the text size: the row's height
        button.clicked.connect(action.trigger)
        self._row.addWidget(button)
        self._buttons[action] = button
        return action

    def button(self, action: QAction) -> IconButton:
        """The button that triggers *action*."""
        return self._buttons[action]

    def offer(self, edit: bool, regenerate: bool, delete: bool, resume: bool = False) -> None:
        """Show the actions that apply now (Copy always does)."""
        self.edit.setVisible(edit)
        self.regenerate.setVisible(regenerate)
        self.resume.setVisible(resume)
        self.delete.setVisible(delete)
        for action, button in self._buttons.items():
            button.setVisible(action.isVisible())

    def offered(self) -> list[QAction]:
        return [action for action in self._buttons if action.isVisible()]
