"""Collections another model embedded (Sotto's own model changed in an upgrade) are embedded
again by the indexing service without the user asking, once a session, without reading
their files again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.documents.embedder import Embedder
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.ui.documents.indexing_service import IndexingService
from desktop.ui.tasks import TaskRunner
from desktop.ui.window.main_window import MainWindow
from tests.ui.documents.documents_helpers import library, real_embedder, write_matter
from tests.unit.core.documents.conftest import BagOfWords

__all__ = ["library", "real_embedder"]  # fixtures


class Bag(BagOfWords):
    def close(self) -> None:
        pass


def test_an_outdated_collection_is_embedded_again_once_a_session(
    qtbot: QtBot, tmp_path: Path, library: DocumentLibrary
) -> None:
    bag = Bag()
    folder = write_matter(tmp_path / "Acme", count=2)
    with library.open() as index:
        add_to_collection(index, "Acme", [folder], bag)
        assert len(index_collection(index, "Acme", bag).indexed) == 2
        index.db.execute("UPDATE documents SET embedder = 'an older model'")  # as an upgrade
    runner = TaskRunner()
    service = IndexingService(library, runner, lambda: bag, runner)
    try:
        service.bring_up_to_date(["Acme"])
        task = service.indexing("Acme")
        assert task is not None
        with qtbot.wait_signal(task.done, timeout=60_000) as done:
            pass
        report = done.args[0]
        assert report.reembedded == 2 and report.indexed == []  # no file read again
        with library.open() as index:
            assert index.outdated_collections() == []
            index.db.execute("UPDATE documents SET embedder = 'an older model'")
        qtbot.wait_until(lambda: service.indexing("Acme") is None)
        service.bring_up_to_date(["Acme"])  # once a session: a Cancel holds till a restart
        assert service.indexing("Acme") is None
    finally:
        runner.shutdown()
        service.shutdown()


def test_the_window_embeds_an_upgraded_collection_again_at_start(
    qtbot: QtBot,
    tmp_path: Path,
    library: DocumentLibrary,
    real_embedder: Embedder,
    make_window: Callable[..., MainWindow],
) -> None:
    folder = write_matter(tmp_path / "Acme", count=2)
    with library.open() as index:
        add_to_collection(index, "Acme", [folder], real_embedder)
        index_collection(index, "Acme", real_embedder)
        index.db.execute("UPDATE documents SET embedder = 'an older model'")  # as an upgrade

    make_window()

    def embedded_again() -> bool:
        with library.open() as index:
            return index.outdated_collections() == []

    qtbot.wait_until(embedded_again, timeout=60_000)
