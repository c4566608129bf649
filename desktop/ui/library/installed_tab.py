"""The Installed view of the library: every model on this computer, described and judged:
whether it fits, and how fast it would run (and ran)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.library.installed import InstalledModel
from desktop.core.modelfile.model_info import describe
from desktop.text.messages import user_message
from desktop.text.units import format_bytes
from desktop.ui.library.fit_text import show_fit
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.speed_text import show_speed

NAME, ARCHITECTURE, PARAMETERS, QUANTIZATION, SIZE, CONTEXT, LICENSE, FIT, SPEED = range(9)
MODEL_ROLE = Qt.ItemDataRole.UserRole


class InstalledTab(QWidget):
    """A table of the installed models and the buttons that act on the selected one.

    Attributes:
        table: one row per model; its ``MODEL_ROLE`` data is the ``InstalledModel``.
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
                self.tr("Name"),
                self.tr("Architecture"),
                self.tr("Parameters"),
                self.tr("Quantization"),
                self.tr("Size"),
                self.tr("Context"),
                self.tr("License"),
                self.tr("Fit"),
                self.tr("Speed here"),
            ]
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda item: self._request(self.load_requested))
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.clicked.connect(lambda: self._request(self.load_requested))
        self.verify_button = QPushButton(self.tr("Verify"))
        self.verify_button.setToolTip(
            self.tr("Check the file against the SHA-256 recorded when it was added")
        )
        self.verify_button.clicked.connect(lambda: self._request(self.verify_requested))
        self.reveal_button = QPushButton(self.tr("Show file"))
        self.reveal_button.clicked.connect(lambda: self._request(self.reveal_requested))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(lambda: self._request(self.remove_requested))
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
        buttons.addStretch()
        buttons.addWidget(self.copy_box)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._selection_changed()

    def set_models(
        self,
        models: list[InstalledModel],
        judge: Judge,
    ) -> None:
        """Show *models*, each judged by *judge*; the selection is kept where it can be."""
        selected = self.selected()
        self.table.clear()
        for model in models:
            item = QTreeWidgetItem([model.name])
            item.setData(NAME, MODEL_ROLE, model)
            item.setToolTip(NAME, str(model.path))
            self._describe(item, model, judge)
            self.table.addTopLevelItem(item)
            if selected is not None and model.path == selected.path:
                item.setSelected(True)
        for column in range(self.table.columnCount()):
            self.table.resizeColumnToContents(column)
        self._selection_changed()

    def selected(self) -> InstalledModel | None:
        items = self.table.selectedItems()
        return items[0].data(NAME, MODEL_ROLE) if items else None

    def select(self, model: InstalledModel) -> None:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            assert item is not None
            item.setSelected(item.data(NAME, MODEL_ROLE).path == model.path)

    def _describe(
        self,
        item: QTreeWidgetItem,
        model: InstalledModel,
        judge: Judge,
    ) -> None:
        if model.bundled:
            item.setText(NAME, self.tr("{name} (starter)").format(name=model.name))
        elif model.for_documents:
            item.setText(NAME, self.tr("{name} (for documents)").format(name=model.name))
            item.setToolTip(
                NAME,
                self.tr("Searches your documents; choose it in Settings → Documents.")
                + "\n"
                + str(model.path),
            )
        if not model.present:
            item.setText(ARCHITECTURE, self.tr("Missing: its file is gone"))
            return
        try:
            info = describe(model.path)
        except UserError as error:
            item.setText(ARCHITECTURE, self.tr("Unreadable"))
            item.setToolTip(ARCHITECTURE, user_message(error))
            return
        item.setText(ARCHITECTURE, info.architecture)
        item.setText(PARAMETERS, info.parameter_label)
        item.setText(
            QUANTIZATION,
            self.tr("{quantization} · {bits:.1f} bits").format(
                quantization=info.quantization, bits=info.bits_per_weight
            ),
        )
        item.setText(SIZE, format_bytes(info.file_size))
        item.setText(CONTEXT, self.tr("{tokens} tokens").format(tokens=info.context_length))
        item.setText(LICENSE, info.license)
        fit = judge.estimate(info.shape, info.file_size)
        show_fit(item, FIT, fit, judge.n_ctx)
        if model.for_documents:  # it writes nothing: a writing speed would mislead
            return
        speed = judge.model_speed(
            info.file_size,
            info.layer_parameters,
            info.shape.layers,
            info.quantization,
            fit.on_gpu,
        )
        show_speed(item, SPEED, speed, judge.measured_speed(model.path.name), judge.measuring)

    def _request(self, signal: SignalInstance) -> None:
        model = self.selected()
        if model is not None:
            signal.emit(model)

    @Slot()
    def _selection_changed(self) -> None:
        model = self.selected()
        for button in (self.load_button, self.verify_button, self.reveal_button):
            button.setEnabled(model is not None and model.present)
        self.load_button.setEnabled(model is not None and model.present and not model.for_documents)
        self.remove_button.setEnabled(model is not None and not model.bundled)
        if model is not None and model.bundled:
            self.remove_button.setToolTip(self.tr("The starter model comes with Sotto"))
        else:
            self.remove_button.setToolTip("")
