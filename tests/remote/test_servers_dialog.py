"""File → Model servers…: adding (after a check), refusing, confirming plain http, removing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import trustme
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.paths import AppPaths
from desktop.core.remote.server import RemoteModel, Server
from desktop.core.services import open_servers
from desktop.core.vault.store import ConversationStore
from desktop.ui.models.servers_dialog import ServersDialog
from desktop.ui.window.main_window import MainWindow
from tests.model_server import KEY, MODEL, ModelServer
from tests.ui.conftest import TIMEOUT_MS, when_modal


def fill(dialog: ServersDialog, name: str, url: str, key: str, ca: Path | None) -> None:
    dialog.name.setText(name)
    dialog.address.setText(url)
    dialog.key.setText(key)
    dialog.certificate.setText(str(ca) if ca else "")


def test_a_server_is_added_from_the_window_once_it_answers(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tls_server: ModelServer,
    firm_ca: trustme.CA,
    tmp_path: Path,
    paths: AppPaths,
    store: ConversationStore,
) -> None:
    window = make_window()
    ca = tmp_path / "firm-ca.pem"
    firm_ca.cert_pem.write_to_path(str(ca))

    def add(dialog: QDialog) -> None:
        assert isinstance(dialog, ServersDialog)
        fill(dialog, "firm", tls_server.url + "/v1", KEY, ca)
        dialog.add_button.click()
        qtbot.wait_until(lambda: dialog.table.topLevelItemCount() == 1, timeout=TIMEOUT_MS)
        assert dialog.status.text() == "firm added: 1 models."
        assert dialog.key.text() == ""  # not left in the form
        dialog.reject()

    when_modal(qtbot, add)
    window.menus.servers.trigger()

    assert open_servers(paths, store).servers() == [
        Server("firm", tls_server.url, tls_server.ca_pem(), models=(MODEL,))
    ]
    picker = window.model_picker
    assert picker.itemData(picker.count() - 1) == RemoteModel("firm", MODEL, "127.0.0.1")


def test_a_refused_key_is_said_and_nothing_is_kept(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    tls_server: ModelServer,
    paths: AppPaths,
    store: ConversationStore,
) -> None:
    window = make_window()
    servers = open_servers(paths, store)
    dialog = ServersDialog(servers, window.guard.guard, window.tasks, window)
    qtbot.add_widget(dialog)
    ca = tls_server.ca_pem()
    (paths.cache_dir / "ca.pem").write_text(ca)
    fill(dialog, "firm", tls_server.url, "guess", paths.cache_dir / "ca.pem")

    dialog.add_button.click()
    qtbot.wait_until(lambda: "refused" in dialog.status.text(), timeout=TIMEOUT_MS)

    assert dialog.status.text().startswith("firm refused the API key.")
    assert servers.servers() == []


def test_plain_http_beyond_this_computer_is_sent_only_after_a_clear_yes(
    qtbot: QtBot, make_window: Callable[..., MainWindow], paths: AppPaths, store: ConversationStore
) -> None:
    window = make_window()
    servers = open_servers(paths, store)
    dialog = ServersDialog(servers, window.guard.guard, window.tasks, window)
    qtbot.add_widget(dialog)
    fill(dialog, "firm", "http://llm.firm.example:8000", KEY, None)
    asked: list[str] = []

    def decline(box: QDialog) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(qtbot, decline)
    dialog.add_button.click()

    assert asked and "unencrypted: anyone on the network between could read them" in asked[0]
    assert dialog.status.text() == ""  # nothing was checked: no connection was tried
    assert servers.servers() == []


def test_removing_a_server_asks_first(
    qtbot: QtBot,
    make_window: Callable[..., MainWindow],
    paths: AppPaths,
    store: ConversationStore,
) -> None:
    window = make_window()
    servers = open_servers(paths, store)
    servers.add(Server("firm", "https://llm.firm.example", models=("a",)), KEY)
    dialog = ServersDialog(servers, window.guard.guard, window.tasks, window)
    qtbot.add_widget(dialog)

    when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.remove_button.click()

    assert servers.servers() == [] and servers.keys.get("firm") == ""
    assert dialog.status.text() == "firm removed."


def test_the_button_beside_the_model_picker_opens_the_servers(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    shown: list[str] = []

    def close(dialog: QDialog) -> None:
        shown.append(type(dialog).__name__)
        dialog.reject()

    when_modal(qtbot, close)
    window.column.servers_button.click()

    assert shown == ["ServersDialog"]
