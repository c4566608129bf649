"""Sizes for people, written the way their locale writes numbers."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from desktop.core import units


def format_bytes(size: int) -> str:
    """Return *size* as "812 MB" or "7.4 GB", with the decimal separator of the default
    locale ("7,4 GB" in German)."""
    locale = QLocale()
    return units.format_bytes(size, lambda value, decimals: locale.toString(value, "f", decimals))
