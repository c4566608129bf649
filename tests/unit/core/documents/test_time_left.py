"""The time left of an indexing run is told only once it means something: not from the first
step, which bears the embedding model's warm-up, and not for a kind of file not yet seen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

import numpy as np
import numpy.typing as npt

from desktop.core.documents.extract import Extracted, read_document
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import IndexProgress, index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.time_left import TimeLeft
from tests.pdf_builder import text_pdf
from tests.unit.core.documents.conftest import BagOfWords

SECONDS_PER_BYTE = {".html": 0.02, ".pdf": 0.001}
"""What a byte costs to read and embed: an HTML file is all text, a PDF mostly not."""

WARM_UP = 5.0


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class WarmingBag(BagOfWords):
    """Embeds as ``BagOfWords``; its first batch takes the model's warm-up."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if self.calls == 0:
            self.clock.now += WARM_UP
        return super().embed(texts)


def test_the_estimate_waits_for_each_kind_and_is_then_close(
    tmp_path: Path, index: DocumentIndex
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "a-cover.html").write_text("<p>Cover letter for the okapi matter.</p>")
    for number in range(5):
        pages = [[f"Exhibit {number}, page {page}: the quokka terms."] for page in range(3)]
        (folder / f"exhibit{number}.pdf").write_bytes(text_pdf(pages))
    clock = Clock()

    def read(file: BinaryIO, path: Path, cancelled: Callable[[], bool]) -> Extracted:
        clock.now += SECONDS_PER_BYTE[path.suffix] * path.stat().st_size
        return read_document(file, path, cancelled)

    told: list[tuple[float, float | None]] = []

    def progress(step: IndexProgress) -> None:
        told.append((clock.now, step.seconds_left))

    bag = WarmingBag(clock)
    add_to_collection(index, "Matter", [folder], bag)
    report = index_collection(index, "Matter", bag, on_progress=progress, read=read, clock=clock)

    assert len(report.indexed) == 6
    end = clock.now
    shown = [(at, left) for at, left in told if left is not None]
    assert shown, told
    # Nothing told while only the warm-up and the HTML file were seen: from them, the
    # PDFs' bytes would have seemed to take a hundred times what they take.
    cover = SECONDS_PER_BYTE[".html"] * (folder / "a-cover.html").stat().st_size
    assert all(left is None for at, left in told if at <= WARM_UP + cover)
    for at, left in shown:
        actual = end - at
        assert 0.5 * actual - 0.01 <= left <= 2 * actual + 0.01, (at, left, actual)


def test_no_estimate_for_a_kind_not_yet_seen() -> None:
    now = [0.0]
    left = TimeLeft([(".pdf", 1000), (".txt", 10)], lambda: now[0])
    now[0] = 1.0
    left.advance(".pdf", 100)  # the first step: not learnt from
    now[0] = 10.0
    left.advance(".pdf", 100)
    assert left.seconds() is None  # no .txt read yet
    left.advance(".txt", 10, learn=False)  # it failed: its bytes are done, nothing learnt
    assert left.seconds() == (1000 - 200) * 9.0 / 100
