"""How "will it fit?" reads to the user: the figures behind the verdict, in a sentence or two."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core.modelfile.fit import FitEstimate
from desktop.text.units import format_bytes


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
