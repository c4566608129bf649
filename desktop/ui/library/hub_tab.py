"""The Search view: GGUF repositories on the hub, their model files and sizes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.library.hub import HubClient, HubModel, HubRepo
from desktop.text.messages import user_message
from desktop.text.units import format_bytes
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.speed_text import show_speed
from desktop.ui.tasks import TaskRunner

DATA_ROLE = Qt.ItemDataRole.UserRole
FILE, PARTS, SIZE, SPEED = range(4)


class HubTab(QWidget):
    """Free-text search of the hub for GGUF models; the files of the repository chosen.

    Every search and listing runs as a task, inside the network guard's permit that the
    hub client opens; offline mode makes them fail with a sentence saying so.

    Attributes:
        client: the hub searched.
        query: the search box.
        repos: the repositories found; ``DATA_ROLE`` holds the ``HubRepo``.
        files: the models of the chosen repository; ``DATA_ROLE`` holds the ``HubModel``.
        status: what is happening, or what went wrong.

    Signals:
        download_requested(HubModel): the user asked for a model file.
        searched(): a search or a listing has ended (its results or its error are shown).
    """

    download_requested = Signal(object)
    searched = Signal()

    def __init__(
        self, client: HubClient, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.client = client
        self._runner = runner
        self._judge: Judge | None = None
        self.query = QLineEdit()
        self.query.setPlaceholderText(self.tr("Search the hub for GGUF models, such as “qwen 7b”"))
        self.query.returnPressed.connect(self.search)
        search_button = QPushButton(self.tr("Search"))
        search_button.clicked.connect(self.search)
        self.repos = QListWidget()
        self.repos.currentItemChanged.connect(self._repo_chosen)
        self.files = QTreeWidget()
        self.files.setRootIsDecorated(False)
        self.files.setHeaderLabels(
            [self.tr("File"), self.tr("Parts"), self.tr("Size"), self.tr("Speed here")]
        )
        header = self.files.header()  # the file name is cut short: every column stays in sight
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.files.itemSelectionChanged.connect(self._file_chosen)
        self.files.itemDoubleClicked.connect(lambda item: self._download())
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setEnabled(False)
        self.download_button.clicked.connect(self._download)
        self.status = QLabel(
            self.tr("Searching connects to huggingface.co, and only there. Nothing else is sent.")
        )
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(search_button)
        split = QSplitter()
        split.addWidget(self.repos)
        split.addWidget(self.files)
        split.setSizes([300, 500])
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.download_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    def set_judge(self, judge: Judge) -> None:
        """Estimate the speed of the files listed, and of those listed later, with *judge*."""
        self._judge = judge
        for index in range(self.files.topLevelItemCount()):
            item = self.files.topLevelItem(index)
            if item is not None:
                self._show_speed(item, item.data(0, DATA_ROLE))

    @Slot()
    def search(self) -> None:
        words = self.query.text().strip()
        if not words:
            return
        self.status.setText(self.tr("Searching…"))
        self.repos.clear()
        self.files.clear()
        task = self._runner.run(lambda report, cancelled: self.client.search(words))
        task.done.connect(self._show_repos)
        task.failed.connect(self._show_error)

    @Slot(object)
    def _show_repos(self, repos: list[HubRepo]) -> None:
        for repo in repos:
            item = QListWidgetItem(repo.id)
            item.setToolTip(self.tr("{downloads} downloads").format(downloads=repo.downloads))
            item.setData(DATA_ROLE, repo)
            self.repos.addItem(item)
        if repos:
            self.status.setText(self.tr("Choose a repository to see its model files."))
        else:
            self.status.setText(self.tr("No GGUF models found. Try other words."))
        self.searched.emit()

    @Slot(QListWidgetItem, QListWidgetItem)
    def _repo_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.files.clear()
        if item is None:
            return
        repo: HubRepo = item.data(DATA_ROLE)
        self.status.setText(self.tr("Listing the files of {repo}…").format(repo=repo.id))
        task = self._runner.run(lambda report, cancelled: self.client.models(repo.id))
        task.done.connect(lambda models: self._show_models(repo, models))
        task.failed.connect(self._show_error)

    def _show_models(self, repo: HubRepo, models: list[HubModel]) -> None:
        current = self.repos.currentItem()
        if current is None or current.data(DATA_ROLE) != repo:
            return  # the user has moved on to another repository
        for model in models:
            item = QTreeWidgetItem(
                [model.file_name, str(len(model.parts)), format_bytes(model.size)]
            )
            item.setData(0, DATA_ROLE, model)
            item.setToolTip(FILE, model.file_name)  # cut short when narrow
            self._show_speed(item, model)
            self.files.addTopLevelItem(item)
        if models:
            self.status.setText(self.tr("Choose a file, then Download."))
        else:
            self.status.setText(self.tr("This repository has no GGUF model files."))
        self.searched.emit()

    def _show_speed(self, item: QTreeWidgetItem, model: HubModel) -> None:
        judge = self._judge
        if judge is not None:
            estimate = judge.file_speed(model.file_name, model.size)
            measured = judge.measured_speed(model.file_name)
            show_speed(item, SPEED, estimate, measured, judge.measuring)

    @Slot(object)
    def _show_error(self, error: UserError) -> None:
        self.status.setText(user_message(error))
        self.status.setToolTip(error.details)  # the system's own words, for whoever helps
        self.searched.emit()

    @Slot()
    def _file_chosen(self) -> None:
        self.download_button.setEnabled(bool(self.files.selectedItems()))

    @Slot()
    def _download(self) -> None:
        items = self.files.selectedItems()
        if items:
            self.download_requested.emit(items[0].data(0, DATA_ROLE))
