"""The model library window: Installed, Catalog and Search the hub, and what is in progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import FileAccessError, UserError
from desktop.core.library.catalog import CatalogModel, CatalogVariant
from desktop.core.library.download import Progress, discard_partial, download_model, partial_bytes
from desktop.core.library.hub import HubClient, HubModel
from desktop.core.library.importing import import_files
from desktop.core.library.index import FilePart
from desktop.core.library.installed import InstalledModel
from desktop.core.library.library import ModelLibrary, Verification, verify_model
from desktop.core.library.names import display_name
from desktop.core.modelfile.fit import Verdict
from desktop.core.modelfile.model_info import describe, model_size
from desktop.core.modelfile.speed import MachineSpeed
from desktop.text.messages import user_message
from desktop.text.units import format_bytes
from desktop.ui.library.activity import ActivityList, ActivityRow, transfer_detail
from desktop.ui.library.catalog_tab import CatalogTab
from desktop.ui.library.fit_text import fit_details
from desktop.ui.library.hub_tab import HubTab
from desktop.ui.library.installed_tab import InstalledTab
from desktop.ui.library.machine_memory import MachineMemory
from desktop.ui.tasks import Task, TaskRunner
from desktop.ui.widgets.bring_to_front import bring_to_front
from desktop.ui.widgets.file_dialogs import open_file
from desktop.ui.widgets.toast import Toast


class LibraryWindow(QDialog):
    """Where models are chosen, added, checked and removed.

    Slow work (downloads, imports, checks, hub searches) runs on the task runner; the vault
    is written here, on the GUI thread, when a job ends. Downloads run one after another and
    go on while this window is closed.

    Attributes:
        installed, catalog, hub: the three views.
        activity: the jobs in progress or just ended.
        memory: what "how will it run?" is judged against.
        library: the models shown and changed (another after forgetting everything).

    Signals:
        load_requested(Path): the user asked to load a model.
        models_changed(): a model was added or removed.
        machine_speed_wanted(): the machine's speed is not known yet; the answer comes to
            ``set_machine_speed``.
        announced(str): a model was imported or downloaded: a sentence to show briefly
            wherever the user is (this window shows it too).
    """

    load_requested = Signal(object)
    models_changed = Signal()
    machine_speed_wanted = Signal()
    announced = Signal(str)

    def __init__(
        self,
        library: ModelLibrary,
        client: HubClient,
        catalog: tuple[CatalogModel, ...],
        memory: MachineMemory,
        runner: TaskRunner,
        loaded_path: Callable[[], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Model library"))
        self.resize(980, 620)
        self.setAcceptDrops(True)
        self.library = library
        self._client = client
        self.memory = memory
        self._runner = runner
        self.toast = Toast(self)
        self._loaded_path = loaded_path
        self._downloads: dict[tuple[str, str], ActivityRow] = {}
        self.installed = InstalledTab()
        self.installed.load_requested.connect(self.load)
        self.installed.verify_requested.connect(self.verify)
        self.installed.reveal_requested.connect(self._reveal)
        self.installed.remove_requested.connect(self.remove)
        self.installed.import_requested.connect(self.import_file)
        self.catalog = CatalogTab(catalog)
        self.catalog.download_requested.connect(self.download_variant)
        self.hub = HubTab(client, runner)
        self.hub.download_requested.connect(self.download)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.installed, self.tr("Installed"))
        self.tabs.addTab(self.catalog, self.tr("Catalog"))
        self.tabs.addTab(self.hub, self.tr("Search the hub"))
        self.activity = ActivityList()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.activity)
        for model in library.index.unfinished_downloads():
            self._paused_download(model)
        self.refresh()

    def set_library(self, library: ModelLibrary) -> None:
        """Work on another library (a new vault, after forgetting everything)."""
        self.library = library
        for row in self.activity.rows():
            if not row.cancel_button.isVisible():
                self.activity.remove(row)
        self.refresh()

    def refresh(self) -> None:
        """Show the installed models, the catalog and the hub's files judged against memory
        free now and the machine's speed."""
        judge = self.memory.judge()
        self.installed.set_models(self.library.installed(), judge)
        self.catalog.set_judge(judge)
        self.hub.set_judge(judge)

    @Slot()
    def show_recommended(self) -> bool:
        """Show the window at the Catalog, with the model recommended for this computer
        selected, ready to download; False if no model in the catalog suits it.

        The selection follows the recommendation while the machine's speed is being measured
        (it may change the choice), until the user selects another row.
        """
        bring_to_front(self)
        self.tabs.setCurrentWidget(self.catalog)
        return self.catalog.select_recommended()

    @Slot(object)
    def set_machine_speed(self, speed: MachineSpeed | None) -> None:
        """Judge with the machine's *speed* from now on (None: it cannot be told)."""
        self.memory.speed = speed
        self.memory.measuring = False
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self.memory.speed is None and not self.memory.measuring:
            self.memory.measuring = True
            self.machine_speed_wanted.emit()
        self.refresh()
        super().showEvent(event)

    # Installed

    @Slot(object)
    def load(self, model: InstalledModel) -> None:
        """Ask the window to load *model*; first ask the user if it probably won't fit."""
        try:
            info = describe(model.path)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Model library"), user_message(error))
            return
        judge = self.memory.judge()
        estimate = judge.estimate(info.shape, info.file_size)
        if estimate.verdict is Verdict.WONT_FIT:
            answer = QMessageBox.question(
                self,
                self.tr("Load {name}?").format(name=display_name(model.path)),
                self.tr(
                    "{name} will probably not fit in this computer's memory. {details} Sotto "
                    "will try with a shorter memory of the conversation; loading may still "
                    "fail, or slow the computer down. Load it anyway?"
                ).format(name=display_name(model.path), details=fit_details(estimate, judge.n_ctx)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.load_requested.emit(model.path)

    @Slot(object)
    def remove(self, model: InstalledModel) -> None:
        """Remove *model* after one confirmation (never the starter or the loaded model)."""
        if model.path == self._loaded_path():
            QMessageBox.information(
                self,
                self.tr("Remove {name}").format(name=display_name(model.path)),
                self.tr("{name} is loaded. Load another model first, then remove it.").format(
                    name=display_name(model.path)
                ),
            )
            return
        if model.in_place:
            question = self.tr(
                "Sotto will forget {name}. Your file stays where it is: {path}"
            ).format(name=display_name(model.path), path=model.path)
        else:
            question = self.tr("Delete {name} ({size}) from this computer?").format(
                name=display_name(model.path), size=format_bytes(model_size(model.path))
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove {name}").format(name=display_name(model.path)),
            question,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not remove:
            return
        try:
            self.library.remove(model)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Model library"), user_message(error))
            return
        except OSError as error:
            QMessageBox.warning(
                self, self.tr("Model library"), user_message(FileAccessError.of(error))
            )
            return
        self._changed()

    @Slot(object)
    def verify(self, model: InstalledModel) -> Task:
        """Re-hash *model* against its recorded SHA-256, on a worker."""
        name = display_name(model.path)
        row = self.activity.add(ActivityRow(self.tr("Checking {name}").format(name=name)))
        task = self._runner.run(
            lambda report, cancelled: verify_model(
                model, lambda done, total: report((done, total)), cancelled
            )
        )
        self._follow(task, row, self.tr("{done} of {total} checked"))
        outcomes = {
            Verification.INTACT: self.tr("Intact: the file matches the SHA-256 recorded for it."),
            Verification.DAMAGED: self.tr(
                "Damaged: the file differs from the SHA-256 recorded for it. Remove it and "
                "download or import it again."
            ),
            Verification.MISSING: self.tr("Missing: a file of this model is gone."),
            Verification.NO_RECORD: self.tr(
                "Not checked: this file was not added through Sotto, so no SHA-256 was "
                "recorded for it."
            ),
        }
        task.done.connect(lambda outcome: row.set_ended(outcomes[outcome]))
        return task

    @Slot(object)
    def _reveal(self, model: InstalledModel) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(model.path.parent)))

    # Import

    @Slot()
    def import_file(self, path: Path | None = None) -> Task | None:
        """Import the GGUF file at *path* (asked for with a file dialog if None)."""
        if path is None:
            name = open_file(
                self,
                self.tr("Import a model"),
                self.tr("GGUF models (*.gguf);;All files (*)"),
            )
            if not name:
                return None
            path = Path(name)
        copy = self.installed.copy_box.isChecked()
        models_dir = self.library.models_dir
        installed = self.library.installed()
        row = self.activity.add(ActivityRow(self.tr("Importing {name}").format(name=path.name)))
        try:
            self.library.check_name_free(path)
        except UserError as error:
            self._refused(row, error)
            return None
        task = self._runner.run(
            lambda report, cancelled: import_files(
                path,
                models_dir,
                copy=copy,
                installed=installed,
                on_progress=lambda done, total: report((done, total)),
                cancelled=cancelled,
            )
        )
        self._follow(task, row, self.tr("{done} of {total} read"))
        task.failed.connect(lambda error: self.toast.show_message(user_message(error)))

        def imported(result: tuple[Path, tuple[FilePart, ...]]) -> None:
            model = self.library.record_import(result[0], result[1], in_place=not copy)
            ended = self.tr("Imported {name}. It is ready to load.").format(
                name=display_name(model.path)
            )
            row.set_ended(ended)
            self._announce(ended)
            self._changed()
            self.installed.select(model)

        task.done.connect(imported)
        return task

    def _refused(self, row: ActivityRow, error: UserError) -> None:
        """Say why a model was not added, in its row and where the user looks now."""
        row.set_ended(user_message(error))
        self.toast.show_message(user_message(error))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_file(Path(url.toLocalFile()))
        event.acceptProposedAction()

    # Downloads

    @Slot(object, object)
    def download_variant(self, model: CatalogModel, variant: CatalogVariant) -> None:
        """Download a catalog variant: its size and SHA-256 are asked of the hub first."""
        row = self._download_row(variant.file)
        row.detail.setText(self.tr("Asking the hub for the file's size and checksum…"))
        task = self._runner.run(
            lambda report, cancelled: self._client.model(model.repo, variant.file)
        )
        task.done.connect(lambda hub_model: self._begin_download(hub_model, row))
        task.failed.connect(lambda error: row.set_ended(user_message(error)))

    @Slot(object)
    def download(self, model: HubModel) -> ActivityRow:
        """Queue the download of *model*; it starts when the ones before it are done."""
        key = (model.repo, model.name)
        if key in self._downloads:
            return self._downloads[key]
        row = self._download_row(model.file_name)
        self._begin_download(model, row)
        return row

    def _begin_download(self, model: HubModel, row: ActivityRow) -> None:
        try:
            self.library.check_name_free(Path(model.file_name))
        except UserError as error:
            row.set_ended(user_message(error))
            return
        self._track(model, row)
        self._run_download(model, row)

    def _track(self, model: HubModel, row: ActivityRow) -> None:
        """Let *row* resume (or retry) *model*'s download, and give it up when dismissed."""
        self._downloads[(model.repo, model.name)] = row
        row.retry_clicked.connect(lambda: self._run_download(model, row))
        row.dismiss_clicked.connect(lambda: self._give_up(model))

    def _run_download(self, model: HubModel, row: ActivityRow) -> None:
        self.library.index.start_download(model)
        row.set_waiting()
        client, models_dir = self._client, self.library.models_dir
        task = self._runner.run(
            lambda report, cancelled: download_model(
                client,
                model,
                models_dir,
                on_progress=report,
                cancelled=cancelled,
                paused=self._runner.closing.is_set,
            ),
            queued=True,
        )
        row.cancel_clicked.connect(task.cancel)
        task.ended.connect(lambda: row.cancel_clicked.disconnect(task.cancel))

        def progress(value: Progress) -> None:
            detail = transfer_detail(
                value.done, value.total, value.bytes_per_second, value.seconds_left
            )
            row.set_progress(value.done, value.total, detail)

        def done(path: Path) -> None:
            installed = self.library.record_download(model, path)
            self._downloads.pop((model.repo, model.name), None)
            ended = self.tr("Downloaded and verified {name}. It is ready to load.").format(
                name=display_name(installed.path)
            )
            row.set_ended(ended)
            self._announce(ended)
            self._changed()

        def failed(error: UserError) -> None:
            row.detail.setToolTip(error.details)  # the system's own words, for whoever helps
            if partial_bytes(models_dir, model) > 0:
                row.set_ended(user_message(error), can_retry=True, retry_text=self.tr("Resume"))
            else:
                self.library.index.end_download(model)
                row.set_ended(user_message(error), can_retry=True, retry_text=self.tr("Try again"))

        def cancelled() -> None:
            self._give_up(model)
            row.set_ended(self.tr("Cancelled. Nothing of it was kept."))

        task.progress.connect(progress)
        task.done.connect(done)
        task.failed.connect(failed)
        task.cancelled.connect(cancelled)

    def _announce(self, text: str) -> None:
        self.toast.show_message(text)
        self.announced.emit(text)

    def _paused_download(self, model: HubModel) -> None:
        row = self._download_row(model.file_name)
        done = partial_bytes(self.library.models_dir, model)
        self._track(model, row)
        row.set_ended(
            self.tr("Paused at {done} of {total} when Sotto closed.").format(
                done=format_bytes(done), total=format_bytes(model.size)
            ),
            can_retry=True,
            retry_text=self.tr("Resume"),
        )

    def _download_row(self, name: str) -> ActivityRow:
        return self.activity.add(ActivityRow(self.tr("Downloading {name}").format(name=name)))

    def _give_up(self, model: HubModel) -> None:
        """Forget an unfinished download and the bytes fetched for it."""
        self._downloads.pop((model.repo, model.name), None)
        discard_partial(self.library.models_dir, model)
        self.library.index.end_download(model)

    # Shared

    def _follow(self, task: Task, row: ActivityRow, figures: str) -> None:
        """Show *task*'s (done, total) progress, failure and cancellation in *row*."""
        row.cancel_clicked.connect(task.cancel)
        task.progress.connect(
            lambda value: row.set_progress(
                value[0],
                value[1],
                figures.format(done=format_bytes(value[0]), total=format_bytes(value[1])),
            )
        )
        task.failed.connect(lambda error: row.set_ended(user_message(error)))
        task.cancelled.connect(lambda: row.set_ended(self.tr("Cancelled. Nothing was kept.")))

    def _changed(self) -> None:
        self.refresh()
        self.models_changed.emit()
