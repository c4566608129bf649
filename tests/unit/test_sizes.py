"""Sizes are written the way the user's locale writes numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from desktop.core.library.errors import NotEnoughDiskError
from desktop.core.units import Bytes
from desktop.text.messages import user_message
from desktop.text.units import format_bytes


@pytest.fixture
def locale() -> Iterator[None]:
    saved = QLocale()
    yield
    QLocale.setDefault(saved)


@pytest.mark.parametrize(
    ("name", "size", "text"),
    [
        ("en_US", 7_400_000_000, "7.4 GB"),
        ("en_US", 812_000_000, "812 MB"),
        ("en_US", 512, "512 B"),
        ("zh_CN", 98_400_000, "98.4 MB"),
        ("de_DE", 7_400_000_000, "7,4 GB"),
        ("fr_FR", 1_500, "1,5 KB"),
    ],
)
def test_sizes_follow_the_locale(locale: None, name: str, size: int, text: str) -> None:
    QLocale.setDefault(QLocale(name))
    assert format_bytes(size) == text


def test_a_size_in_an_error_is_written_the_locale_way(locale: None) -> None:
    error = NotEnoughDiskError(Bytes(7_400_000_000), Bytes(1_500_000), "/models")
    assert "7.4 GB" in str(error)  # the plain form, for logs

    QLocale.setDefault(QLocale("de_DE"))

    assert "7,4 GB" in user_message(error)
    assert "1,5 MB" in user_message(error)
