"""How "will it fit?" reads to the user: a verdict in colour, and the figures behind it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.core.modelfile.fit import FitEstimate, Verdict
from desktop.text.units import format_bytes
from desktop.ui.theme import Status, status_colour

_STATUS = {
    Verdict.RUNS_WELL: Status.GOOD,
    Verdict.TIGHT: Status.WARNING,
    Verdict.WONT_FIT: Status.BAD,
}


def verdict_text(verdict: Verdict) -> str:
    texts = {
        Verdict.RUNS_WELL: QCoreApplication.translate("Fit", "Runs well"),
        Verdict.TIGHT: QCoreApplication.translate("Fit", "Tight"),
        Verdict.WONT_FIT: QCoreApplication.translate("Fit", "Won't fit"),
    }
    return texts[verdict]


def fit_details(estimate: FitEstimate, n_ctx: int) -> str:
    """The figures behind a verdict, in one or two sentences."""
    needs = QCoreApplication.translate(
        "Fit",
        "Needs about {needed}: {weights} for the model, {cache} to remember {tokens} tokens "
        "of conversation and {buffers} of working space.",
    ).format(
        needed=format_bytes(estimate.needed),
        weights=format_bytes(estimate.weights),
        cache=format_bytes(estimate.kv_cache),
        tokens=n_ctx,
        buffers=format_bytes(estimate.buffers),
    )
    if estimate.on_gpu and estimate.free_vram is not None:
        free = QCoreApplication.translate("Fit", "The graphics card has {free} free.").format(
            free=format_bytes(estimate.free_vram)
        )
    else:
        free = QCoreApplication.translate("Fit", "This computer has {free} of memory free.").format(
            free=format_bytes(estimate.free_ram)
        )
    return f"{needs} {free}"


def show_fit(item: QTreeWidgetItem, column: int, estimate: FitEstimate, n_ctx: int) -> None:
    """Put the verdict, in its colour, in *column* of *item*, with the figures as tooltip."""
    item.setText(column, verdict_text(estimate.verdict))
    item.setForeground(column, QBrush(status_colour(_STATUS[estimate.verdict])))
    item.setToolTip(column, fit_details(estimate, n_ctx))
