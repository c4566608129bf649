"""How "how will it run?" reads to the user: a speed in words a second and how it feels, the
figures behind it, and the speed measured once the model has run."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.core.modelfile.speed import Measured, Pace, SpeedEstimate, pace, words
from desktop.ui.theme import Status, status_colour

_STATUS = {
    Pace.FAST: Status.GOOD,
    Pace.COMFORTABLE: Status.GOOD,
    Pace.READABLE: Status.WARNING,
    Pace.SLOW: Status.BAD,
}


def _number(value: float) -> str:
    """A speed as people read it: "6", "12", "0.8" (in the locale's way)."""
    return QLocale().toString(value, "f", 0 if value >= 2 else 1)


def pace_text(speed_pace: Pace) -> str:
    texts = {
        Pace.FAST: QCoreApplication.translate("Speed", "fast"),
        Pace.COMFORTABLE: QCoreApplication.translate("Speed", "comfortable"),
        Pace.READABLE: QCoreApplication.translate("Speed", "readable"),
        Pace.SLOW: QCoreApplication.translate("Speed", "slow"),
    }
    return texts[speed_pace]


def speed_text(tokens_per_second: float) -> str:
    """ "≈ 6 words/s — comfortable"."""
    return QCoreApplication.translate("Speed", "≈ {words} words/s — {pace}").format(
        words=_number(words(tokens_per_second)), pace=pace_text(pace(tokens_per_second))
    )


def speed_details(estimate: SpeedEstimate, measured: Measured | None) -> str:
    """The figures behind an estimate, and those measured, in a sentence or three."""
    if estimate.on_gpu:
        where = QCoreApplication.translate("Speed", "on the graphics card")
    else:
        where = QCoreApplication.translate("Speed", "on the processor")
    lines = [
        QCoreApplication.translate(
            "Speed",
            "Estimated: writes about {writing} tokens a second and reads about {reading} "
            "tokens a second {where}, from its size and this computer's measured speed.",
        ).format(writing=_number(estimate.writing), reading=_number(estimate.reading), where=where)
    ]
    if measured is not None:
        lines.append(
            QCoreApplication.translate(
                "Speed", "Measured here: writes {writing} tokens a second."
            ).format(writing=_number(measured.writing))
        )
        if measured.reading:
            lines.append(
                QCoreApplication.translate(
                    "Speed", "Measured here: reads {reading} tokens a second."
                ).format(reading=_number(measured.reading))
            )
    return " ".join(lines)


def show_speed(
    item: QTreeWidgetItem,
    column: int,
    estimate: SpeedEstimate | None,
    measured: Measured | None = None,
    measuring: bool = False,
) -> None:
    """Put the estimate (and the speed measured, once the model has run) in *column* of
    *item*, in the colour of its pace, with the figures as tooltip."""
    if estimate is None:
        item.setText(column, QCoreApplication.translate("Speed", "Measuring…") if measuring else "")
        item.setToolTip(
            column,
            QCoreApplication.translate(
                "Speed",
                "Sotto measures this computer's speed once, with the starter model, to "
                "estimate how fast each model would run.",
            )
            if measuring
            else "",
        )
        return
    text = speed_text(estimate.writing)
    if measured is not None:
        text = QCoreApplication.translate("Speed", "{estimate} · measured {words} words/s").format(
            estimate=text, words=_number(words(measured.writing))
        )
    item.setText(column, text)
    item.setForeground(column, QBrush(status_colour(_STATUS[estimate.pace])))
    item.setToolTip(column, speed_details(estimate, measured))
