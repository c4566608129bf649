"""How "how would it do here?" reads to the user: one word in one colour for fit and speed
together, and the figures behind both as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.core.library.outlook import Outlook, outlook
from desktop.core.modelfile.fit import FitEstimate
from desktop.core.modelfile.speed import Measured, SpeedEstimate
from desktop.ui.library.fit_text import fit_details
from desktop.ui.library.speed_text import speed_details, speed_text
from desktop.ui.theme import Status, status_colour

OUTLOOK_STATUS = {
    Outlook.RUNS_WELL: Status.GOOD,
    Outlook.SLOW: Status.WARNING,
    Outlook.TIGHT: Status.WARNING,
    Outlook.TOO_SLOW: Status.BAD,
    Outlook.WONT_FIT: Status.BAD,
}
"""The colour each outlook is shown in."""


def outlook_text(judged: Outlook) -> str:
    texts = {
        Outlook.RUNS_WELL: QCoreApplication.translate("Outlook", "Runs well"),
        Outlook.SLOW: QCoreApplication.translate("Outlook", "Slow here"),
        Outlook.TIGHT: QCoreApplication.translate("Outlook", "Tight on memory"),
        Outlook.TOO_SLOW: QCoreApplication.translate("Outlook", "Too slow here"),
        Outlook.WONT_FIT: QCoreApplication.translate("Outlook", "Won't fit"),
    }
    return texts[judged]


def outlook_details(
    fit: FitEstimate,
    speed: SpeedEstimate | None,
    n_ctx: int,
    measured: Measured | None = None,
    measuring: bool = False,
) -> str:
    """The figures behind an outlook: the memory it needs, then how fast it would write."""
    lines = [fit_details(fit, n_ctx)]
    if speed is not None:
        lines.append(f"{speed_text(speed.writing)}. {speed_details(speed, measured)}")
    elif measuring:
        lines.append(
            QCoreApplication.translate(
                "Outlook",
                "Sotto is measuring this computer's speed, to estimate how fast it would write.",
            )
        )
    return "\n".join(lines)


def show_outlook(
    item: QTreeWidgetItem,
    column: int,
    fit: FitEstimate,
    speed: SpeedEstimate | None,
    n_ctx: int,
    measured: Measured | None = None,
    measuring: bool = False,
) -> Outlook:
    """Put the one word for *fit* and *speed*, in its colour, in *column* of *item*, with the
    figures as tooltip; return the outlook shown."""
    judged = outlook(fit.verdict, speed)
    item.setText(column, outlook_text(judged))
    item.setForeground(column, QBrush(status_colour(OUTLOOK_STATUS[judged])))
    item.setToolTip(column, outlook_details(fit, speed, n_ctx, measured, measuring))
    return judged
