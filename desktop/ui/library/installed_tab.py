"""The Installed view of the library: every model on this computer by its name and what it is
for, judged in one word (fit and speed together); its file's figures under Details."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, SignalInstance, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.library.installed import InstalledModel
from desktop.core.library.names import description, display_name
from desktop.core.modelfile.model_info import ModelInfo, describe
from desktop.text.messages import user_message
from desktop.text.units import format_bytes
from desktop.ui.icons import icon
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.model_details import details_html
from desktop.ui.library.outlook_text import show_outlook
from desktop.ui.theme import Status, set_type, status_colour
from desktop.ui.widgets.icon_button import IconButton

NAME, ABOUT, SIZE, OUTLOOK = range(4)
MODEL_ROLE = Qt.ItemDataRole.UserRole
DETAILS_ROLE = Qt.ItemDataRole.UserRole + 1


class InstalledTab(QWidget):
    """A table of the installed models and the buttons that act on the selected one.

    Attributes:
        table: one row per model, by its name; its ``MODEL_ROLE`` data is the
            ``InstalledModel``, its ``DETAILS_ROLE`` data the details shown for it.
        details_button: shows or hides ``details``, the file's figures of the model selected.
        copy_box: whether an import copies the file into Sotto's folder (else it is used
            where it is).

    Signals:
        load_requested(InstalledModel), verify_requested(InstalledModel),
        reveal_requested(InstalledModel), remove_requested(InstalledModel): a button was
            pressed for the selected model.
        import_requested(): the user wants to pick a file to import.
    """

    load_requested = Signal(object)
    verify_requested = Signal(object)
    reveal_requested = Signal(object)
    remove_requested = Signal(object)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("Model"),
                self.tr("About"),
                self.tr("Size"),
                self.tr("On this computer"),
            ]
        )
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ABOUT, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda item: self._request(self.load_requested))
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.clicked.connect(lambda: self._request(self.load_requested))
        self.verify_button = IconButton(
            "shield-check",
            self.tr("Verify: check the file against the SHA-256 recorded when it was added"),
        )
        self.verify_button.clicked.connect(lambda: self._request(self.verify_requested))
        self.reveal_button = IconButton("folder-open", self.tr("Show the file"))
        self.reveal_button.clicked.connect(lambda: self._request(self.reveal_requested))
        self.remove_button = IconButton("trash", self.tr("Remove…"))
        self.remove_button.clicked.connect(lambda: self._request(self.remove_requested))
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setCheckable(True)
        self.details_button.setAutoRaise(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.toggled.connect(self._show_details)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_type(self.details, "caption")
        self.import_button = QPushButton(self.tr("Import a file…"))
        self.import_button.setToolTip(
            self.tr("Add a GGUF model from this computer (or drop it here)")
        )
        self.import_button.clicked.connect(self.import_requested)
        self.copy_box = QCheckBox(self.tr("Copy imported files into Sotto's models folder"))
        self.copy_box.setChecked(True)
        self.copy_box.setToolTip(
            self.tr("Unticked, Sotto uses the file where it is and never deletes it")
        )
        buttons = QHBoxLayout()
        for button in (self.load_button, self.verify_button, self.reveal_button):
            buttons.addWidget(button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.details_button)
        buttons.addStretch()
        buttons.addWidget(self.import_button)
        importing = QHBoxLayout()  # a line of its own: it fits at 1024 pixels with larger text
        importing.addStretch()
        importing.addWidget(self.copy_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        layout.addLayout(importing)
        self._shown: tuple[list[InstalledModel], Judge] | None = None  # to show again
        self._show_details(False)
        self._selection_changed()

    def set_models(
        self,
        models: list[InstalledModel],
        judge: Judge,
    ) -> None:
        """Show *models*, each judged by *judge*; the selection is kept where it can be."""
        self._shown = (models, judge)
        selected = self.selected()
        self.table.clear()
        for model in models:
            item = QTreeWidgetItem([display_name(model.path), self._about(model)])
            item.setData(NAME, MODEL_ROLE, model)
            item.setToolTip(NAME, model.path.name)
            item.setToolTip(ABOUT, item.text(ABOUT))
            self._describe(item, model, judge)
            self.table.addTopLevelItem(item)
            if selected is not None and model.path == selected.path:
                item.setSelected(True)
        self._selection_changed()

    def selected(self) -> InstalledModel | None:
        items = self.table.selectedItems()
        return items[0].data(NAME, MODEL_ROLE) if items else None

    def select(self, model: InstalledModel) -> None:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            assert item is not None
            item.setSelected(item.data(NAME, MODEL_ROLE).path == model.path)

    def _about(self, model: InstalledModel) -> str:
        if model.bundled:
            return self.tr("The small model that comes with Sotto: quick, for simple questions.")
        if model.for_documents and not description(model.path):
            return self.tr("Searches your documents; choose it in Settings → Documents.")
        return description(model.path)

    def _describe(
        self,
        item: QTreeWidgetItem,
        model: InstalledModel,
        judge: Judge,
    ) -> None:
        name = item.text(NAME)
        if model.bundled:
            item.setText(NAME, self.tr("{name} (starter)").format(name=name))
        elif model.for_documents:
            item.setText(NAME, self.tr("{name} (for documents)").format(name=name))
        info: ModelInfo | None = None
        problem = judged = ""
        if not model.present:
            problem = self.tr("Missing: its file is gone")
            item.setText(OUTLOOK, problem)
        else:
            try:
                info = describe(model.path)
            except UserError as error:
                problem = user_message(error)
                item.setText(OUTLOOK, self.tr("Unreadable"))
                item.setToolTip(OUTLOOK, problem)
        if problem:
            item.setForeground(OUTLOOK, QBrush(status_colour(Status.BAD)))
        if info is not None:
            item.setText(SIZE, format_bytes(info.file_size))
            fit = judge.estimate(info.shape, info.file_size)
            speed = None
            if not model.for_documents:  # it writes nothing: a writing speed would mislead
                speed = judge.model_speed(
                    info.file_size,
                    info.layer_parameters,
                    info.shape.layers,
                    info.quantization,
                    fit.on_gpu,
                )
            show_outlook(
                item,
                OUTLOOK,
                fit,
                speed,
                judge.n_ctx,
                judge.measured_speed(model.path.name),
                judge.measuring and not model.for_documents,
            )
            judged = item.toolTip(OUTLOOK)
        item.setData(NAME, DETAILS_ROLE, details_html(model, info, problem, judged))

    def _request(self, signal: SignalInstance) -> None:
        model = self.selected()
        if model is not None:
            signal.emit(model)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._shown is not None:
            # The verdicts' colours and the caret's, for the theme shown now.
            self.set_models(*self._shown)
            self._show_details(self.details_button.isChecked())
        super().changeEvent(event)

    @Slot(bool)
    def _show_details(self, shown: bool) -> None:
        self.details_button.setIcon(icon("caret-down" if shown else "caret-right"))
        self.details.setVisible(shown)

    @Slot()
    def _selection_changed(self) -> None:
        model = self.selected()
        items = self.table.selectedItems()
        if items:
            self.details.setText(items[0].data(NAME, DETAILS_ROLE))
        else:
            self.details.setText(self.tr("Choose a model to see the details of its file."))
        for button in (self.load_button, self.verify_button, self.reveal_button):
            button.setEnabled(model is not None and model.present)
        self.load_button.setEnabled(model is not None and model.present and not model.for_documents)
        self.remove_button.setEnabled(model is not None and not model.bundled)
        if model is not None and model.bundled:
            self.remove_button.set_tip(self.tr("The starter model comes with Sotto"))
        else:
            self.remove_button.set_tip(self.tr("Remove…"))
