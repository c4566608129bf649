"""A folder the Documents window's update cannot reach (a drive taken out) is shown as
unavailable, its files kept and marked so, until an update finds it again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.documents.library import DocumentLibrary
from desktop.ui.documents.documents_window import DocumentsWindow
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.tasks import Task, TaskRunner
from tests.ui.documents.documents_helpers import files_read, library, write_matter
from tests.unit.core.documents.conftest import BagOfWords

__all__ = ["library"]  # fixture

TIMEOUT_MS = 60_000


class Bag(BagOfWords):
    """The stand-in embedder, as the service's factory hands it out."""

    def close(self) -> None:
        pass


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()
    for service in runner.findChildren(IndexingService):
        service.shutdown()


def ended(qtbot: QtBot, task: Task | None) -> None:
    assert task is not None
    with qtbot.wait_signal(task.ended, timeout=TIMEOUT_MS):
        pass


def statuses(window: DocumentsWindow) -> dict[str, str]:
    items = (window.files.topLevelItem(i) for i in range(window.files.topLevelItemCount()))
    return {item.text(0): item.text(2) for item in items if item is not None}


def test_an_unplugged_folder_is_shown_unavailable_and_comes_back(
    qtbot: QtBot, tmp_path: Path, library: DocumentLibrary, runner: TaskRunner
) -> None:
    folder = write_matter(tmp_path / "drive" / "Acme", count=2)
    bag = Bag()
    window = DocumentsWindow(IndexingService(library, runner, lambda: bag, runner))
    qtbot.add_widget(window)
    window.show()
    with qtbot.wait_signal(window.collections_changed, timeout=TIMEOUT_MS):
        window.new_collection("Acme")
    ended(qtbot, window.add_folder(folder))
    assert set(statuses(window).values()) == {"Indexed"}
    assert window.unavailable.isHidden()

    (tmp_path / "drive").rename(tmp_path / "taken-out")
    ended(qtbot, window.update_collection())

    notice = window.unavailable
    assert notice.isVisible() and notice.text().startswith(f"{folder} cannot be reached")
    assert set(statuses(window).values()) == {"Kept: its folder cannot be reached"}
    row = window.row("Acme")
    assert row is not None and f"{folder} cannot be reached" in row.detail.text()
    assert "taken out" not in row.detail.text()  # nothing counted as deleted
    item = window.collections.topLevelItem(0)
    assert item is not None and item.text(1) == "2" and "cannot be reached" in item.toolTip(0)

    (tmp_path / "taken-out").rename(tmp_path / "drive")
    ended(qtbot, window.update_collection())

    assert notice.isHidden() and set(statuses(window).values()) == {"Indexed"}
    assert f"{files_read(0)}, 2 unchanged" in row.detail.text()
