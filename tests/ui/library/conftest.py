"""A library window on its own, judged as on a laptop, whatever machine runs the tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.hardware.sampler import HardwareSampler
from desktop.core.library.catalog import load_catalog
from desktop.core.library.hub import HubClient
from desktop.core.library.names import use_catalog
from desktop.core.paths import AppPaths
from desktop.core.privacy.network import NetworkGuard
from desktop.core.services import open_library
from desktop.core.vault.store import ConversationStore
from desktop.ui.library.library_window import LibraryWindow
from desktop.ui.library.machine_memory import Judge, MachineMemory
from desktop.ui.tasks import TaskRunner
from tests.ui.conftest import LAPTOP

LAPTOP_JUDGE = Judge(n_ctx=4096, free_ram=16 * 10**9, free_vram=None, speed=LAPTOP)
"""A laptop with 16 GB free and no graphics card: what the recommendation is judged on, so
that it does not depend on the machine running the tests."""


@pytest.fixture
def library(qtbot: QtBot, paths: AppPaths, store: ConversationStore) -> Iterator[LibraryWindow]:
    runner = TaskRunner()
    catalog = load_catalog()
    use_catalog(catalog)  # named in English, whatever a test before chose
    window = LibraryWindow(
        open_library(paths, store),
        HubClient(NetworkGuard()),
        catalog,
        MachineMemory(HardwareSampler(), speed=LAPTOP),
        runner,
        lambda: None,
    )
    qtbot.add_widget(window)
    window.memory.judge = lambda: LAPTOP_JUDGE  # type: ignore[method-assign]
    yield window
    window.close()
    runner.shutdown()
