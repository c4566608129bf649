"""What the user can do with one message: copy, edit, regenerate, continue, delete."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from desktop.ui.theme import set_type


class MessageActions(QWidget):
    """A row of small flat buttons, one per action that applies to the message.

    The row keeps its place while hidden, so showing it moves nothing.

    Attributes:
        copy: copies the whole message.
        edit: edits a question and sends it again.
        regenerate: writes another answer in place of a reply.
        resume: continues a reply that ended before its model finished it ("Continue").
        delete: deletes the message.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buttons: dict[QAction, QToolButton] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(0)
        self.copy = self._add("copy", self.tr("Copy"), self.tr("Copy the whole message"))
        self.edit = self._add("edit", self.tr("Edit"), self.tr("Edit and send again"))
        self.regenerate = self._add(
            "regenerate", self.tr("Regenerate"), self.tr("Write another answer in place of this")
        )
        self.resume = self._add(
            "continue", self.tr("Continue"), self.tr("Write on from where this reply stopped")
        )
        self.delete = self._add("delete", self.tr("Delete"), self.tr("Delete this message"))
        keep_place = self.sizePolicy()
        keep_place.setRetainSizeWhenHidden(True)
        self.setSizePolicy(keep_place)

    def _add(self, name: str, text: str, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        button = QToolButton()
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setObjectName(f"{name}_button")
        set_type(button, "caption")
        self._row.addWidget(button)
        self._buttons[action] = button
        return action

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
