"""Settings → Privacy → Other apps: the local API's switch, its token and the web pages allowed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.library.installed import InstalledModel
from desktop.text.messages import user_message
from desktop.ui.api.local_api import LocalApi
from desktop.ui.settings.page import note

_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^\s/]+")
"""A web origin as ``settings.json`` accepts it: scheme://host[:port], nothing after."""


class ApiSection(QGroupBox):
    """The switch (off by default), the token with Copy and "Make a new token", and the
    origins of the web pages that may use the API.

    Attributes:
        switch, token, copy, renew, origins: its controls.
        problem: why the last change could not be made, while it holds.
    """

    def __init__(
        self,
        api: LocalApi,
        models: Callable[[], Sequence[InstalledModel]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Other apps"), parent)
        self._api = api
        self._models = models
        self.switch = QCheckBox(self.tr("&Let other apps on this computer use Sotto"))
        self.switch.toggled.connect(self._switched)
        self.about = note("")
        self.token = QLineEdit()
        self.token.setReadOnly(True)
        self.copy = QPushButton(self.tr("&Copy"))
        self.copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.token.text()))
        self.renew = QPushButton(self.tr("Make a new &token"))
        self.renew.clicked.connect(self._renew)
        token_buttons = QHBoxLayout()  # beneath the token: beside it, they crowd it out
        token_buttons.addWidget(self.copy)
        token_buttons.addWidget(self.renew)
        token_buttons.addStretch(1)
        self.origins = QLineEdit(" ".join(api.origins()))
        self.origins.setPlaceholderText(self.tr("none"))
        self.origins.editingFinished.connect(self._origins_edited)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.switch)
        form.addRow(self.about)
        form.addRow(self.tr("Token:"), self.token)
        form.addRow("", token_buttons)
        form.addRow(self.tr("Web pages allowed:"), self.origins)
        form.addRow(
            note(
                self.tr(
                    "A web page is refused unless its address is listed here, such as "
                    "https://example.com (several separated by spaces)."
                )
            )
        )
        form.addRow(self.problem)
        api.changed.connect(self._show)
        self._show()

    @Slot()
    def _show(self) -> None:
        on = self._api.server is not None
        blocked = self.switch.blockSignals(True)
        self.switch.setChecked(on)
        self.switch.blockSignals(blocked)
        address = f"http://127.0.0.1:{self._api.port}/v1"
        if on:
            text = self.tr(
                "Apps on this computer that show this token can use your models at {address}, "
                "as they use OpenAI's API. What they ask is not saved in your history; "
                "other computers cannot reach it."
            )
        else:
            text = self.tr(
                "Off: no app can use Sotto. When on, apps on this computer (never other "
                "computers) that show a token can use your models at {address}."
            )
        self.about.setText(text.format(address=address))
        self.token.setText(self._api.token if on else "")
        for control in (self.token, self.copy, self.renew):
            control.setEnabled(on)

    @Slot(bool)
    def _switched(self, on: bool) -> None:
        self._say(self._api.switch(on, self._models()))
        self._show()

    @Slot()
    def _renew(self) -> None:
        self._say(self._api.renew_token())

    @Slot()
    def _origins_edited(self) -> None:
        origins = self.origins.text().lower().split()
        for origin in origins:
            if not _ORIGIN.fullmatch(origin.rstrip("/")):
                self.problem.setText(
                    self.tr(
                        "{origin} is not a web page's origin: write it as https://example.com, "
                        "with its port if it has one."
                    ).format(origin=origin)
                )
                self.problem.show()
                return
        self._say(self._api.set_origins(origins))

    def _say(self, problem: UserError | None) -> None:
        self.problem.setVisible(problem is not None)
        if problem is not None:
            self.problem.setText(user_message(problem))
