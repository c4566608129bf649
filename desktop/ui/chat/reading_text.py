"""How far the model has read, as the reply being written shows it."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication

from desktop.core.inference.types import Reading


def reading_text(reading: Reading) -> str:
    """ "Reading your message… 45%, about 12 s left" (the time once it can be told)."""
    percent = math.floor(100 * reading.share)
    left = reading.seconds_left
    if left is None:
        return QCoreApplication.translate("Reading", "Reading your message… {percent}%").format(
            percent=percent
        )
    if left < 90:
        time_left = QCoreApplication.translate("Reading", "about {seconds} s left").format(
            seconds=max(1, math.ceil(left))
        )
    else:
        time_left = QCoreApplication.translate("Reading", "about {minutes} min left").format(
            minutes=math.ceil(left / 60)
        )
    return QCoreApplication.translate(
        "Reading", "Reading your message… {percent}%, {time_left}"
    ).format(percent=percent, time_left=time_left)
