"""The Catalog view: good models for common jobs, judged for this machine before download:
whether each fits, how fast it would run, and the best choice."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.catalog import CatalogModel, CatalogVariant
from desktop.core.modelfile.fit import Verdict
from desktop.ui.library.fit_text import show_fit
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.speed_text import show_speed
from desktop.units import format_bytes

NAME, DETAIL, SIZE, FIT, SPEED = range(5)
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class CatalogTab(QWidget):
    """The curated catalog: each model, and under it its quantization variants.

    Attributes:
        tree: a job per top-level row, its models under it and their variants under them;
            a variant row's ``ENTRY_ROLE`` data is ``(CatalogModel, CatalogVariant)``, a model
            row's is the ``CatalogModel``.

    Signals:
        download_requested(CatalogModel, CatalogVariant): the user asked for a variant.
    """

    download_requested = Signal(object, object)

    def __init__(self, catalog: tuple[CatalogModel, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Good at"),
                self.tr("Size"),
                self.tr("Fit"),
                self.tr("Speed here"),
            ]
        )
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.clicked.connect(self._download)
        self.tree.itemDoubleClicked.connect(lambda item: self._download())
        row = QHBoxLayout()
        row.addWidget(self.about, 1)
        row.addWidget(self.download_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self._selection_changed()

    def set_judge(self, judge: Judge) -> None:
        """Show the catalog with every variant judged by *judge*: its fit and speed, the
        best variant of each model marked, and the model to try first for each job."""
        jobs = {
            "general": self.tr("Everyday help"),
            "coding": self.tr("Programming"),
            "writing": self.tr("Writing and role-play"),
            "small": self.tr("Small and quick"),
        }
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for job, title in jobs.items():
            groups[job] = QTreeWidgetItem([title])
            font = groups[job].font(NAME)
            font.setBold(True)
            groups[job].setFont(NAME, font)
            groups[job].setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(groups[job])
        judged = judge.recommend(self._catalog)
        for job, model in judged.by_job.items():
            groups[job].setText(
                DETAIL, self.tr("Try first on this computer: {name}").format(name=model.name)
            )
        for model in self._catalog:
            parent = QTreeWidgetItem([model.name, model.good_at])
            parent.setData(NAME, ENTRY_ROLE, model)
            best = judged.best[model.id]
            for option in judged.options[model.id]:
                variant = option.variant
                child = QTreeWidgetItem([variant.quant, "", format_bytes(variant.size)])
                child.setData(NAME, ENTRY_ROLE, (model, variant))
                show_fit(child, FIT, option.fit, judge.n_ctx)
                measured = judge.measured_speed(variant.file)
                show_speed(child, SPEED, option.speed, measured, judge.measuring)
                if variant == best:
                    child.setText(DETAIL, self.tr("Best choice for this computer"))
                    parent.setText(FIT, self.tr("{quant} fits best").format(quant=variant.quant))
                    show_speed(parent, SPEED, option.speed, measured)
                parent.addChild(child)
            if best is None:
                fits = any(o.fit.verdict is not Verdict.WONT_FIT for o in judged.options[model.id])
                if fits:
                    parent.setText(FIT, self.tr("Too slow for this computer"))
                else:
                    parent.setText(FIT, self.tr("Too big for this computer"))
            groups[model.job].addChild(parent)
        self.tree.expandAll()
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)

    def selected(self) -> tuple[CatalogModel, CatalogVariant] | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        entry = items[0].data(NAME, ENTRY_ROLE)
        return entry if isinstance(entry, tuple) else None

    @Slot()
    def _selection_changed(self) -> None:
        items = self.tree.selectedItems()
        entry = items[0].data(NAME, ENTRY_ROLE) if items else None
        model = entry[0] if isinstance(entry, tuple) else entry
        self.download_button.setEnabled(isinstance(entry, tuple))
        if model is None:
            self.about.setText(self.tr("Choose a model, then one of its sizes, to download it."))
            return
        lines = [
            f"<b>{model.name}</b> · {model.parameters} · {model.repo}",
            model.for_everyone,
            self.tr("License: {license}. Remembers up to {tokens} tokens.").format(
                license=model.license, tokens=model.context_length
            ),
        ]
        if model.confirmed is not True:
            lines.append(self.tr("Not confirmed on the hub: {note}").format(note=model.confirmed))
        self.about.setText("<br>".join(lines))

    @Slot()
    def _download(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.download_requested.emit(*entry)
