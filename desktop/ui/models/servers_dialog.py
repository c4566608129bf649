"""File → Model servers…: the user's own model servers, added, checked and removed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.errors import PlainHttpError, ServerNameError
from desktop.core.remote.server import Server, parse_address
from desktop.core.remote.server_store import ServerStore
from desktop.core.remote.tls import read_certificate
from desktop.text.messages import user_message
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import Status, show_status
from desktop.ui.widgets.file_dialogs import open_file


def confirm_plain_http(parent: QWidget, host: str) -> bool:
    """Ask, in words that cannot be misread, before messages go to *host* unencrypted."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ServersDialog", "Send messages unencrypted?"),
        QCoreApplication.translate(
            "ServersDialog",
            "This address starts with http://, not https://. Your messages, the model's "
            "replies and the API key would cross the network to {host} unencrypted: anyone "
            "on the network between could read them. Use it only if your administrator "
            "says this network is private.",
        ).format(host=host),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    plain = box.addButton(
        QCoreApplication.translate("ServersDialog", "Send unencrypted"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is plain


class ServersDialog(QDialog):
    """The servers, and a form to add one. Adding checks the connection first (the server's
    list of models, on a worker thread), and keeps the server only if that worked.

    Signals:
        servers_changed(): a server was added, checked or removed: the models listed changed.
    """

    servers_changed = Signal()

    def __init__(
        self, servers: ServerStore, guard: NetworkGuard, tasks: TaskRunner, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Model servers"))
        self.resize(640, 520)
        self._servers = servers
        self._guard = guard
        self._tasks = tasks
        intro = QLabel(
            self.tr(
                "Chat with models on your firm's own server (vLLM, or llama.cpp's server). "
                "The messages of a chat with such a model are sent to its server; your "
                "history stays on this computer, encrypted. API keys are kept in the system "
                "keyring."
            )
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([self.tr("Name"), self.tr("Address"), self.tr("Models")])
        self.check_button = QPushButton(self.tr("Check again"))
        self.check_button.setToolTip(self.tr("Ask the server for its models again"))
        self.check_button.clicked.connect(self.check_chosen)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_chosen)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.check_button)
        row.addWidget(self.remove_button)

        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("firm"))
        self.address = QLineEdit()
        self.address.setPlaceholderText("https://llm.example.internal:8000")
        self.key = QLineEdit()
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText(self.tr("from your administrator"))
        self.certificate = QLineEdit()
        self.certificate.setPlaceholderText(
            self.tr("only for your firm's own certificate authority")
        )
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_certificate)
        certificate_row = QHBoxLayout()
        certificate_row.addWidget(self.certificate, 1)
        certificate_row.addWidget(browse)
        self.add_button = QPushButton(self.tr("Check and add"))
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Address:"), self.address)
        form.addRow(self.tr("API key:"), self.key)
        form.addRow(self.tr("Certificate authority:"), certificate_row)
        form.addRow("", self.add_button)
        adding = QGroupBox(self.tr("Add a server"))
        adding.setLayout(form)

        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(adding)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._show_servers()

    def _show_servers(self) -> None:
        self.table.clear()
        for server in self._servers.servers():
            item = QTreeWidgetItem([server.name, server.url, ", ".join(server.models)])
            self.table.addTopLevelItem(item)
        for column in range(3):
            self.table.resizeColumnToContents(column)
        has_servers = self.table.topLevelItemCount() > 0
        self.check_button.setEnabled(has_servers)
        self.remove_button.setEnabled(has_servers)

    def _chosen(self) -> str | None:
        item = self.table.currentItem() or self.table.topLevelItem(0)
        return item.text(0) if item is not None else None

    def _say(self, text: str, failed: bool = False) -> None:
        show_status(self.status, Status.BAD if failed else None)
        self.status.setText(text)

    @Slot()
    def _choose_certificate(self) -> None:
        path = open_file(
            self,
            self.tr("Certificate of your certificate authority"),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.certificate.setText(path)

    @Slot()
    def add(self) -> None:
        """Check the server in the form (its list of models) and keep it if that worked."""
        try:
            server = self._server_in_form()
        except UserError as error:
            self._say(user_message(error), failed=True)
            return
        if server is None:
            return  # plain http, not confirmed
        key = self.key.text().strip()
        self._busy(True)
        self._say(self.tr("Checking {name}…").format(name=server.name))
        # Imported now: httpx2 is slow to load, and the window imports this dialog at start.
        from desktop.core.remote.client import RemoteClient

        client = RemoteClient(server, key, self._guard)
        task = self._tasks.run(lambda _report, _cancelled: client.models())
        task.done.connect(lambda models: self._added(server, key, models))
        task.failed.connect(lambda error: self._say(user_message(error), failed=True))
        task.ended.connect(lambda: self._busy(False))

    def _server_in_form(self) -> Server | None:
        certificate = self.certificate.text().strip()
        server = Server(
            self.name.text().strip(),
            parse_address(self.address.text()).url,
            read_certificate(Path(certificate).expanduser()) if certificate else "",
        )
        try:
            server.check()
        except PlainHttpError:
            if not confirm_plain_http(self, server.address.host):
                return None
            server = replace(server, plain_http=True)
        if any(kept.name == server.name for kept in self._servers.servers()):
            raise ServerNameError(server.name)  # before the check, not after it
        return server

    def _added(self, server: Server, key: str, models: list[str]) -> None:
        try:
            self._servers.add(replace(server, models=tuple(models)), key)
        except UserError as error:
            self._say(user_message(error), failed=True)
            return
        for field in (self.name, self.address, self.key, self.certificate):
            field.clear()
        self._show_servers()
        self._say(
            self.tr("{name} added: {count} models.").format(name=server.name, count=len(models))
        )
        self.servers_changed.emit()

    @Slot()
    def check_chosen(self) -> None:
        """Ask the chosen server for its models again."""
        name = self._chosen()
        if name is None:
            return
        try:
            client = self._servers.client(name, self._guard)
        except UserError as error:
            self._say(user_message(error), failed=True)
            return
        self._busy(True)
        self._say(self.tr("Checking {name}…").format(name=name))
        task = self._tasks.run(lambda _report, _cancelled: client.models())
        task.done.connect(lambda models: self._checked(name, models))
        task.failed.connect(lambda error: self._say(user_message(error), failed=True))
        task.ended.connect(lambda: self._busy(False))

    def _checked(self, name: str, models: list[str]) -> None:
        self._servers.set_models(name, models)
        self._show_servers()
        self._say(self.tr("{name} answers: {count} models.").format(name=name, count=len(models)))
        self.servers_changed.emit()

    @Slot()
    def remove_chosen(self) -> None:
        """Remove the chosen server and its key, after a confirmation."""
        name = self._chosen()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove server"),
            self.tr(
                "Remove {name} and its API key? Conversations with its models stay in your history."
            ).format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._servers.remove(name)
        except UserError as error:
            self._say(user_message(error), failed=True)
            return
        self._show_servers()
        self._say(self.tr("{name} removed.").format(name=name))
        self.servers_changed.emit()

    def _busy(self, busy: bool) -> None:
        for button in (self.add_button, self.check_button, self.remove_button):
            button.setEnabled(not busy)
        if not busy:
            self._show_servers()
