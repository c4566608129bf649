"""The top of the chat: the model picker as a chip, the library and the servers beside it, and
the chat settings at the right."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.ui.models.model_picker import ModelPicker
from desktop.ui.theme import SPACE_S, SPACE_XS
from desktop.ui.widgets.icon_button import IconButton


class ActionIconButton(IconButton):
    """An ``IconButton`` that can be given an action (``setDefaultAction``): it triggers the
    action and shows its checked state and tooltip, and keeps its own icon."""

    def setDefaultAction(self, action: QAction) -> None:
        super().setDefaultAction(action)
        self._keep_icon()

    def actionEvent(self, event: QActionEvent) -> None:
        super().actionEvent(event)
        self._keep_icon()

    def _keep_icon(self) -> None:
        action = self.defaultAction()
        if action is not None:
            self.set_icon_name(self.icon_name())
            self.setAccessibleName(action.text().replace("&", ""))


class ChatHeader(QWidget):
    """The model picker, Library and Servers, and the chat settings button.

    Attributes:
        model_picker: the model that answers.
        library_button: opens the model library.
        servers_button: opens the user's model servers.
        settings_button: opens and closes the chat settings panel (the window gives it its
            action).
    """

    def __init__(self, model_picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_picker = model_picker
        # Their words keep the chat column's translation context, which said them first.
        self.library_button = IconButton(
            "books",
            QCoreApplication.translate("ChatColumn", "Find, download, import and remove models"),
        )
        self.servers_button = IconButton(
            "hard-drives",
            QCoreApplication.translate("ChatColumn", "Chat with models on your firm's own server"),
        )
        self.settings_button = ActionIconButton("sliders-horizontal", self.tr("Chat settings"))
        self.settings_button.setCheckable(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACE_S, 0, 0, 0)
        row.setSpacing(SPACE_XS)
        row.addWidget(model_picker)
        row.addWidget(self.library_button)
        row.addWidget(self.servers_button)
        row.addStretch(1)
        row.addWidget(self.settings_button)
