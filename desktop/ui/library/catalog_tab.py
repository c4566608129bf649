"""The Catalog view: good models for common jobs, judged for this machine before download:
one word for how each size would do here (fit and speed together), and the one model and
size recommended to try first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.catalog import CatalogModel, CatalogVariant
from desktop.core.library.outlook import Outlook
from desktop.core.library.recommend import Recommendation
from desktop.core.modelfile.fit import Verdict
from desktop.text.units import format_bytes
from desktop.ui.icons import icon
from desktop.ui.library.machine_memory import Judge
from desktop.ui.library.outlook_text import OUTLOOK_STATUS, outlook_text, show_outlook
from desktop.ui.theme import status_colour

NAME, DETAIL, SIZE, OUTLOOK = range(4)
ENTRY_ROLE = Qt.ItemDataRole.UserRole


class CatalogTab(QWidget):
    """The curated catalog: each model, and under it its quantization variants.

    Attributes:
        models: the catalog's models, in its order.
        tree: a job per top-level row, its models under it and their variants under them;
            a variant row's ``ENTRY_ROLE`` data is ``(CatalogModel, CatalogVariant)``, a model
            row's is the ``CatalogModel``. A model row's outlook is its best size's.

    Signals:
        download_requested(CatalogModel, CatalogVariant): the user asked for a variant.
    """

    download_requested = Signal(object, object)

    def __init__(self, catalog: tuple[CatalogModel, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.models = catalog
        self._judged: Recommendation | None = None
        self._judge: Judge | None = None  # the last, to show again in another theme
        self._follow_recommended = False  # shown at the recommended model, not moved since
        self._selecting = False
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Good at"),
                self.tr("Size"),
                self.tr("On this computer"),
            ]
        )
        # "Good at" takes the room left and is cut short, so that every column shows at
        # 1024 pixels, with larger text too.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
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
        best variant of each model marked, and the model to try first for each job.

        The row selected stays selected; while the tab shows the recommended model (and the
        user has chosen no other), it shows the one recommended now.
        """
        self._judge = judge
        kept = self.selected()
        self._selecting = True  # emptying the tree is not the user choosing another row
        try:
            self._fill(judge)
        finally:
            self._selecting = False
        if self._follow_recommended:
            self.select_recommended()
        elif kept is not None:
            self._select(*kept)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._judge is not None:
            self.set_judge(self._judge)  # the verdicts' colours, for the theme shown now
        super().changeEvent(event)

    def _fill(self, judge: Judge) -> None:
        jobs = {
            "general": self.tr("Everyday help"),
            "coding": self.tr("Programming"),
            "writing": self.tr("Writing and role-play"),
            "small": self.tr("Small and quick"),
            "embedding": self.tr("Embedding (for documents)"),
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
        judged = self._judged = judge.recommend(self.models)
        first = judged.recommended
        for job, model in judged.by_job.items():
            if first is not None and model is first.model:
                heading = self.tr("Try first on this computer: {name}")
            else:
                heading = self.tr("Best of these on this computer: {name}")
            groups[job].setText(DETAIL, heading.format(name=model.name))
            groups[job].setToolTip(DETAIL, groups[job].text(DETAIL))  # cut short when narrow
        for model in self.models:
            parent = QTreeWidgetItem([model.name, model.good_at])
            parent.setData(NAME, ENTRY_ROLE, model)
            parent.setToolTip(DETAIL, model.good_at)
            best = judged.best[model.id]
            shown: dict[str, Outlook] = {}
            for option in judged.options[model.id]:
                variant = option.variant
                child = QTreeWidgetItem([variant.quant, "", format_bytes(variant.size)])
                child.setData(NAME, ENTRY_ROLE, (model, variant))
                shown[variant.quant] = show_outlook(
                    child,
                    OUTLOOK,
                    option.fit,
                    option.speed,
                    judge.n_ctx,
                    judge.measured_speed(variant.file),
                    judge.measuring and not model.for_documents,
                )
                if option is first:
                    self._mark_recommended(child)
                if variant == best:
                    parent.setToolTip(
                        OUTLOOK,
                        self.tr("The best size for this computer: {quant}.").format(
                            quant=variant.quant
                        )
                        + "\n"
                        + child.toolTip(OUTLOOK),
                    )
                parent.addChild(child)
            self._show_model_outlook(parent, best, shown, judged, model)
            groups[model.job].addChild(parent)
        self.tree.expandAll()

    def _mark_recommended(self, item: QTreeWidgetItem) -> None:
        accent = QGuiApplication.palette().color(QPalette.ColorRole.Accent)
        item.setIcon(DETAIL, icon("star-fill", accent))
        item.setText(DETAIL, self.tr("Recommended"))
        item.setForeground(DETAIL, QBrush(accent))
        item.setToolTip(DETAIL, self.tr("The model and size to try first on this computer"))
        font = item.font(DETAIL)
        font.setBold(True)
        item.setFont(DETAIL, font)

    def _show_model_outlook(
        self,
        parent: QTreeWidgetItem,
        best: CatalogVariant | None,
        shown: dict[str, Outlook],
        judged: Recommendation,
        model: CatalogModel,
    ) -> None:
        """A model's word is its best size's; with none to recommend, why not."""
        if best is not None:
            word = shown[best.quant]
        elif any(o.fit.verdict is not Verdict.WONT_FIT for o in judged.options[model.id]):
            word = Outlook.TOO_SLOW
            parent.setToolTip(
                OUTLOOK, self.tr("It fits, but would write too slowly to follow on this computer.")
            )
        else:
            word = Outlook.WONT_FIT
            parent.setToolTip(OUTLOOK, self.tr("No size of it fits this computer's memory."))
        parent.setText(OUTLOOK, outlook_text(word))
        parent.setForeground(OUTLOOK, QBrush(status_colour(OUTLOOK_STATUS[word])))

    def recommended(self) -> tuple[CatalogModel, CatalogVariant] | None:
        """The model to try first on this computer, and its best variant: for everyday
        help if one fits, else for another job; None before ``set_judge`` or if none fits."""
        if self._judged is None or self._judged.recommended is None:
            return None
        return self._judged.recommended.model, self._judged.recommended.variant

    def select_recommended(self) -> bool:
        """Select and show the recommended variant; False if there is none."""
        entry = self.recommended()
        self._follow_recommended = entry is not None
        return entry is not None and self._select(*entry)

    def _select(self, model: CatalogModel, variant: CatalogVariant) -> bool:
        for item in self._variant_items():
            entry = item.data(NAME, ENTRY_ROLE)
            if entry[0].id == model.id and entry[1].quant == variant.quant:
                self._selecting = True
                try:
                    self.tree.setCurrentItem(item)
                finally:
                    self._selecting = False
                self.tree.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)
                return True
        return False

    def _variant_items(self) -> list[QTreeWidgetItem]:
        items = []
        for job in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(job)
            for row in range(group.childCount() if group else 0):
                parent = group.child(row) if group else None
                for index in range(parent.childCount() if parent else 0):
                    child = parent.child(index) if parent else None
                    if child is not None:
                        items.append(child)
        return items

    def selected(self) -> tuple[CatalogModel, CatalogVariant] | None:
        items = self.tree.selectedItems()
        if not items:
            return None
        entry = items[0].data(NAME, ENTRY_ROLE)
        return entry if isinstance(entry, tuple) else None

    @Slot()
    def _selection_changed(self) -> None:
        if not self._selecting:
            self._follow_recommended = False
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
        ]
        if model.for_documents:
            lines += [
                self.tr("Languages: {languages}.").format(languages=model.languages),
                self.tr(
                    "License: {license}. For searching your documents, not for chatting: "
                    "once downloaded, choose it in Settings → Documents."
                ).format(license=model.license),
            ]
        else:
            lines.append(
                self.tr("License: {license}. Remembers up to {tokens} tokens.").format(
                    license=model.license, tokens=model.context_length
                )
            )
        if model.confirmed is not True:
            lines.append(self.tr("Not confirmed on the hub: {note}").format(note=model.confirmed))
        self.about.setText("<br>".join(lines))

    @Slot()
    def _download(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.download_requested.emit(*entry)
