"""Which group of the sidebar a conversation falls in: pinned, or by the day of its last
activity (today, yesterday, the previous 7 days, the previous 30 days, older)."""

from __future__ import annotations

import enum
from datetime import datetime

from PySide6.QtCore import QCoreApplication


class DateGroup(enum.IntEnum):
    """The sidebar's groups, in the order they are shown."""

    PINNED = 0
    TODAY = 1
    YESTERDAY = 2
    WEEK = 3
    MONTH = 4
    OLDER = 5


def date_group(updated_at_ms: int, pinned: bool, now: datetime) -> DateGroup:
    """The group of a conversation last active at *updated_at_ms* (ms since the epoch),
    counted in calendar days of the local time from *now* (a naive local time, as
    ``datetime.now()`` gives). A time after *now* (a clock put back) counts as today."""
    if pinned:
        return DateGroup.PINNED
    days = (now.date() - datetime.fromtimestamp(updated_at_ms / 1000).date()).days
    if days <= 0:
        return DateGroup.TODAY
    if days == 1:
        return DateGroup.YESTERDAY
    if days <= 7:
        return DateGroup.WEEK
    if days <= 30:
        return DateGroup.MONTH
    return DateGroup.OLDER


def group_title(group: DateGroup) -> str:
    """The heading of *group* in the sidebar, in the user's language."""
    titles = {
        DateGroup.PINNED: QCoreApplication.translate("DateGroup", "Pinned"),
        DateGroup.TODAY: QCoreApplication.translate("DateGroup", "Today"),
        DateGroup.YESTERDAY: QCoreApplication.translate("DateGroup", "Yesterday"),
        DateGroup.WEEK: QCoreApplication.translate("DateGroup", "Previous 7 days"),
        DateGroup.MONTH: QCoreApplication.translate("DateGroup", "Previous 30 days"),
        DateGroup.OLDER: QCoreApplication.translate("DateGroup", "Older"),
    }
    return titles[group]
