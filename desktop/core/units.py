"""Sizes for people, written by one rule in every language."""

from __future__ import annotations

from collections.abc import Callable

NumberText = Callable[[float, int], str]
"""Writes a number with a given count of decimals: the UI's follows the user's locale."""


def _plain(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def format_bytes(size: int, number: NumberText = _plain) -> str:
    """Return *size* as "812 MB" or "7.4 GB" (decimal units, as file managers show them),
    its number written by *number*."""
    for unit, scale in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= scale:
            value = size / scale
            return f"{number(value, 1 if value < 100 else 0)} {unit}"
    return f"{number(float(size), 0)} B"


class Bytes(int):
    """A size in a sentence for the user: the UI writes it the locale's way ("7,4 GB" in
    German); ``str`` and ``format`` give the plain form ("7.4 GB")."""

    def __str__(self) -> str:
        return format_bytes(self)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)
