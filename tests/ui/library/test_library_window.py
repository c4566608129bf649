"""The model library window: import, download with progress, remove, and "how will it run?"."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from huggingface_hub import constants
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.ui.library.catalog_tab import NAME, OUTLOOK
from desktop.ui.library.hub_tab import SPEED as HUB_SPEED
from desktop.ui.library.installed_tab import DETAILS_ROLE
from desktop.ui.library.installed_tab import OUTLOOK as INSTALLED_OUTLOOK
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import Judge, MachineMemory
from desktop.ui.window.main_window import MainWindow
from tests.gguf_builder import renamed
from tests.loopback_hub import HUB_FILE, STARTER_REPO, LoopbackHub
from tests.ui.conftest import LAPTOP, TIMEOUT_MS, when_modal


@pytest.fixture
def hub_endpoint(loopback_hub: LoopbackHub, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point huggingface_hub's endpoint setting (HF_ENDPOINT) at the loopback stand-in.

    Sotto's hub client reads HF_ENDPOINT as huggingface_hub does (without importing it);
    huggingface_hub itself reads it once, on import, into these two constants.
    """
    monkeypatch.setenv("HF_ENDPOINT", loopback_hub.url)
    template = constants.HUGGINGFACE_CO_URL_TEMPLATE.replace(constants.ENDPOINT, loopback_hub.url)
    monkeypatch.setattr(constants, "ENDPOINT", loopback_hub.url)
    monkeypatch.setattr(constants, "HUGGINGFACE_CO_URL_TEMPLATE", template)
    yield loopback_hub.url


@pytest.fixture
def own_model(starter_model: Path, tmp_path: Path) -> Path:
    """A model file of the user's, somewhere in their home: the starter under another name
    (its own name in its header, so that it is not the starter's bytes)."""
    path = tmp_path / "documents" / "Drafting-Helper.Q4_1.gguf"
    path.parent.mkdir()
    path.write_bytes(renamed(starter_model.read_bytes(), b"Drafting Helper 135M from Annie"))
    return path


def installed_names(library: LibraryWindow) -> list[str]:
    table = library.installed.table
    return [
        table.topLevelItem(i).data(NAME, Qt.ItemDataRole.UserRole).name
        for i in range(table.topLevelItemCount())
    ]


def catalog_rows(library: LibraryWindow) -> dict[str, QTreeWidgetItem]:
    """The catalog's model rows, by name."""
    tree = library.catalog.tree
    jobs = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {job.child(j).text(NAME): job.child(j) for job in jobs for j in range(job.childCount())}


def picker_names(window: MainWindow) -> list[str]:
    return [window.model_picker.itemText(i) for i in range(window.model_picker.count())]


def test_import_through_the_file_dialog_copies_and_offers_the_model(
    window: MainWindow, qtbot: QtBot, own_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(own_model), ""))
    library = window.show_library()
    with qtbot.wait_signal(library.models_changed, timeout=TIMEOUT_MS):
        library.import_file()
    copied = library.library.models_dir / own_model.name
    assert copied.read_bytes() == own_model.read_bytes()
    assert "Drafting-Helper.Q4_1" in installed_names(library)
    assert any("Drafting" in name for name in picker_names(window))
    assert "Imported Drafting Helper." in library.activity.rows()[-1].detail.text()


def test_a_dropped_file_that_is_not_a_model_is_refused_with_a_sentence(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    letter = tmp_path / "letter.gguf"
    letter.write_text("Dear landlord, the boiler is broken again.")
    library = window.show_library()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter))])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    row_count = len(library.activity.rows())
    library.dropEvent(drop)
    row = library.activity.rows()[row_count]
    qtbot.wait_until(lambda: row.dismiss_button.isVisible(), timeout=TIMEOUT_MS)
    assert "letter.gguf is not a GGUF model file" in row.detail.text()
    assert not (library.library.models_dir / "letter.gguf").exists()


def test_a_model_already_in_the_library_is_not_imported_again_and_the_user_is_told(
    window: MainWindow, qtbot: QtBot, own_model: Path, starter_model: Path, tmp_path: Path
) -> None:
    library = window.show_library()
    with qtbot.wait_signal(library.models_changed, timeout=TIMEOUT_MS):
        library.import_file(own_model)
    before = installed_names(library)
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    again = downloads / "helper (1).gguf"
    shutil.copyfile(own_model, again)
    starter_again = downloads / "smollm2-135m-instruct-q4_1.gguf"
    shutil.copyfile(starter_model, starter_again)
    for path, name in ((again, "Drafting Helper"), (starter_again, "SmolLM2 135M Instruct")):
        task = library.import_file(path)
        assert task is not None
        with qtbot.wait_signal(task.failed, timeout=TIMEOUT_MS):
            pass
        row = library.activity.rows()[-1]
        told = f"This model is already in your library as {name}: the file is the same."
        assert told in row.detail.text()
        assert told in library.toast.label.text()
        assert not (library.library.models_dir / path.name).exists()
    assert installed_names(library) == before


def test_search_download_with_progress_then_load(
    hub_endpoint: str, window: MainWindow, qtbot: QtBot
) -> None:
    library = window.show_library()
    library.tabs.setCurrentWidget(library.hub)
    hub = library.hub
    hub.query.setText("smollm2")
    with qtbot.wait_signal(hub.searched, timeout=TIMEOUT_MS):
        hub.search()
    assert [hub.repos.item(i).text() for i in range(hub.repos.count())] == [STARTER_REPO]
    with qtbot.wait_signal(hub.searched, timeout=TIMEOUT_MS):
        hub.repos.setCurrentRow(0)
    hub.files.setCurrentItem(hub.files.topLevelItem(0))
    assert hub.files.topLevelItem(0).text(0) == HUB_FILE
    qtbot.wait_until(lambda: "words/s" in hub.files.topLevelItem(0).text(HUB_SPEED))
    assert hub.download_button.isEnabled()

    shown: list[int] = []
    with qtbot.wait_signal(library.models_changed, timeout=TIMEOUT_MS):
        hub.download_button.click()
        row = library.activity.rows()[-1]
        row.bar.valueChanged.connect(shown.append)
    assert shown and max(shown) > 0  # progress was drawn on the way
    assert "Downloaded and verified" in row.detail.text()
    installed = library.library.models_dir / HUB_FILE
    assert installed.is_file()
    model = next(m for m in library.library.installed() if m.path == installed)
    assert model.source == f"hub:{STARTER_REPO}"

    with qtbot.wait_signal(window.client.loaded, timeout=TIMEOUT_MS) as loaded:
        library.load(model)
    assert loaded.args[0].path == installed


def test_remove_asks_once_and_deletes_only_what_sotto_copied(
    window: MainWindow, qtbot: QtBot, own_model: Path
) -> None:
    library = window.show_library()
    with qtbot.wait_signal(library.models_changed, timeout=TIMEOUT_MS):
        library.import_file(own_model)
    copied = library.library.models_dir / own_model.name
    models = {m.name: m for m in library.library.installed()}

    library.installed.select(models["SmolLM2-135M-Instruct.Q4_1"])
    assert not library.installed.remove_button.isEnabled()  # the starter stays

    library.installed.select(models["Drafting-Helper.Q4_1"])

    def answer_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox) and "Delete Drafting Helper (" in dialog.text()
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(qtbot, answer_cancel)
    library.installed.remove_button.click()
    assert copied.exists()

    def answer_remove(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        next(b for b in dialog.buttons() if b.text() == "Remove").click()

    when_modal(qtbot, answer_remove)
    with qtbot.wait_signal(library.models_changed):
        library.installed.remove_button.click()
    assert not copied.exists() and own_model.exists()
    assert "Drafting-Helper.Q4_1" not in installed_names(library)
    assert not any("Drafting" in name for name in picker_names(window))


def test_loading_a_model_that_wont_fit_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    library = window.show_library()
    # A context so long that its memory cannot fit: the real estimate, not a mocked one.
    library.memory = MachineMemory(library.memory.sampler, n_ctx=100_000_000)
    starter = library.library.installed()[0]
    asked: list[str] = []

    def answer_no(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        asked.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.No).click()

    when_modal(qtbot, answer_no)
    with qtbot.assert_not_emitted(library.load_requested):
        library.load(starter)
    assert asked and "will probably not fit" in asked[0]


def test_the_catalog_judges_every_variant_and_names_the_best(window: MainWindow) -> None:
    library = window.show_library()
    library.catalog.set_judge(Judge(n_ctx=4096, free_ram=3 * 10**9, free_vram=None))
    tree = library.catalog.tree
    jobs = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    models = {
        job.child(j).text(NAME): job.child(j) for job in jobs for j in range(job.childCount())
    }
    assert len(models) >= 11
    assert models["Llama 3.1 8B Instruct"].text(OUTLOOK) == "Won't fit"
    small = models["Llama 3.2 1B Instruct"]
    verdicts = [small.child(i).text(OUTLOOK) for i in range(small.childCount())]
    assert "Runs well" in verdicts and small.text(OUTLOOK) == "Runs well"
    assert small.toolTip(OUTLOOK).startswith("The best size for this computer: ")
    assert "Needs about" in small.child(0).toolTip(OUTLOOK)


def test_speed_is_estimated_and_the_best_choice_is_one_that_can_be_followed(
    window: MainWindow,
) -> None:
    library = window.show_library()
    laptop = Judge(n_ctx=4096, free_ram=32 * 10**9, free_vram=None, speed=LAPTOP)
    library.catalog.set_judge(laptop)
    models = catalog_rows(library)
    llama = models["Llama 3.1 8B Instruct"]
    rows = {llama.child(i).text(NAME): llama.child(i) for i in range(4)}
    assert all("words/s" in row.toolTip(OUTLOOK) for row in rows.values())
    assert rows["Q8_0"].text(OUTLOOK) in ("Too slow here", "Slow here")
    assert "writes about" in rows["Q4_K_M"].toolTip(OUTLOOK)
    # It fits, but writes too slowly to be the best size.
    assert "best size for this computer: Q8_0" not in llama.toolTip(OUTLOOK)

    crawl = replace(LAPTOP, bytes_per_second=4 * 10**9)  # an old laptop: 8B models crawl
    library.catalog.set_judge(replace(laptop, speed=crawl))
    models = catalog_rows(library)
    assert models["Llama 3.1 8B Instruct"].text(OUTLOOK) == "Too slow here"
    small = models["Llama 3.2 1B Instruct"]
    assert small.toolTip(OUTLOOK).startswith("The best size for this computer: ")


def test_the_speed_measured_is_shown_beside_the_estimate(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.wait_signal(window.client.finished, timeout=TIMEOUT_MS):
        window.send("Tell me about lighthouses.")
    library = window.show_library()
    qtbot.wait_until(lambda: library.memory.speed is not None, timeout=TIMEOUT_MS)
    table = library.installed.table
    starter = next(
        table.topLevelItem(i)
        for i in range(table.topLevelItemCount())
        if "(starter)" in table.topLevelItem(i).text(NAME)
    )
    assert "Measured here: writes" in starter.toolTip(INSTALLED_OUTLOOK)
    assert "Measured here: writes" in starter.data(NAME, DETAILS_ROLE)


def test_offline_mode_stops_a_hub_search_with_a_sentence(
    hub_endpoint: str, window: MainWindow, qtbot: QtBot, loopback_hub: LoopbackHub
) -> None:
    window.menus.offline.setChecked(True)
    library = window.show_library()
    library.hub.query.setText("smollm2")
    with qtbot.wait_signal(library.hub.searched, timeout=TIMEOUT_MS):
        library.hub.search()
    assert "Offline mode is on" in library.hub.status.text()
    assert loopback_hub.requests == []  # nothing left the app
