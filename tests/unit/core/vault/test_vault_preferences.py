"""Preferences live in the vault and survive a restart."""

from __future__ import annotations

from desktop.core.paths import AppPaths
from desktop.core.vault.preferences import SEND_WITH_CTRL_ENTER, Preferences
from tests.conftest import TEST_PASSPHRASE, passphrase_opener


def test_preferences_round_trip_and_default(paths: AppPaths) -> None:
    with passphrase_opener(paths).open(TEST_PASSPHRASE) as db:
        preferences = Preferences(db)
        assert preferences.get(SEND_WITH_CTRL_ENTER, False) is False
        preferences.set(SEND_WITH_CTRL_ENTER, True)
        preferences.set("recent", [1, 2])
    with passphrase_opener(paths).open(TEST_PASSPHRASE) as db:
        preferences = Preferences(db)
        assert preferences.get(SEND_WITH_CTRL_ENTER, False) is True
        assert preferences.get("recent") == [1, 2]
