"""A scanned PDF and a picture added to a collection are found by a search for their words,
in English and in Chinese, on the right page, marked as scanned; a long scan shows its
progress page by page and stops when cancelled."""

from __future__ import annotations

from pathlib import Path

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import IndexProgress, index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.prompt import source_label
from desktop.core.documents.records import PENDING
from desktop.core.documents.search import Hit, Mode, search
from tests.scan_builder import picture_file, text_picture
from tests.unit.core.documents.conftest import BagOfWords


def found(index: DocumentIndex, query: str) -> Hit:
    hits = search(index, "Matter", query, 1, mode=Mode.FTS)
    assert hits, f"nothing found for {query}"
    return hits[0]


def test_scans_are_found_by_their_words_with_their_page_and_mark(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = tmp_path / "matter"
    folder.mkdir()
    (folder / "signed.pdf").write_bytes(
        picture_file(
            [
                text_picture(["The tenant pays a deposit", "of 2,500 pounds."]),
                text_picture(["租赁保证金应于三月三日前支付。"]),
            ],
            "PDF",
        )
    )
    (folder / "whiteboard.png").write_bytes(
        picture_file([text_picture(["Quince orchard meeting", "争议提交上海仲裁委员会。"])], "PNG")
    )
    (folder / "typed.txt").write_text("The deposit is held by the agent.")
    add_to_collection(index, "Matter", [folder], bag)
    told: list[tuple[str, tuple[int, int]]] = []

    def progress(step: IndexProgress) -> None:
        if step.recognised is not None and step.current is not None:
            told.append((step.current.name, step.recognised))

    report = index_collection(index, "Matter", bag, on_progress=progress)

    assert len(report.indexed) == 3 and not report.failed
    deposit = found(index, "tenant deposit")
    assert (deposit.file.name, deposit.page, deposit.scanned) == ("signed.pdf", 1, True)
    chinese = found(index, "保证金")
    assert (chinese.file.name, chinese.page, chinese.scanned) == ("signed.pdf", 2, True)
    assert source_label(chinese) == "signed.pdf, page 2 (scanned)"
    orchard = found(index, "quince orchard")
    assert (orchard.file.name, orchard.page, orchard.scanned) == ("whiteboard.png", None, True)
    arbitration = found(index, "仲裁委员会")
    assert arbitration.file.name == "whiteboard.png" and arbitration.scanned
    typed = found(index, "held by the agent")
    assert (typed.file.name, typed.scanned) == ("typed.txt", False)
    assert source_label(typed) == "typed.txt"
    assert told == [("signed.pdf", (1, 2)), ("signed.pdf", (2, 2)), ("whiteboard.png", (1, 1))]


def test_a_long_scan_is_cancelled_between_pages_and_left_for_the_next_run(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    scan = tmp_path / "bundle.pdf"
    scan.write_bytes(picture_file([text_picture([f"Exhibit {n}"]) for n in range(1, 6)], "PDF"))
    add_to_collection(index, "Matter", [scan], bag)
    pages: list[tuple[int, int]] = []

    def progress(step: IndexProgress) -> None:
        if step.recognised is not None:
            pages.append(step.recognised)

    report = index_collection(
        index, "Matter", bag, on_progress=progress, cancelled=lambda: len(pages) >= 2
    )

    assert report.cancelled
    assert pages == [(1, 5), (2, 5)]
    collection = index.collection("Matter")
    assert [doc.status for doc in index.documents(collection.id)] == [PENDING]
    assert collection.passages == 0
