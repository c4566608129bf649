"""A folder that cannot be reached at an update (a drive not connected, a folder renamed)
keeps its documents, searchable, and is remembered as unavailable until it is back; a file
deleted from a folder that is there is removed."""

from __future__ import annotations

from pathlib import Path

from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import IndexReport, index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.search import Mode, search
from tests.permissions import without_override
from tests.unit.core.documents.conftest import BagOfWords
from tests.unit.core.documents.indexing_child import index_in_child


def make_matter(root: Path) -> Path:
    folder = root / "drive" / "matter"
    (folder / "letters").mkdir(parents=True)
    (folder / "lease.txt").write_text("The okapi clause: rent on the first day.\n")
    (folder / "letters" / "reply.md").write_text("We accept the quokka terms.\n")
    return folder


def update(index: DocumentIndex, bag: BagOfWords) -> IndexReport:
    return index_collection(index, "Matter", bag)


def found(index: DocumentIndex, word: str) -> list[str]:
    return [hit.file.name for hit in search(index, "Matter", word, mode=Mode.FTS)]


def test_a_renamed_folder_keeps_its_passages_and_comes_back(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = make_matter(tmp_path)
    add_to_collection(index, "Matter", [folder], bag)
    assert len(update(index, bag).indexed) == 2
    collection = index.collection("Matter")

    folder.rename(folder.with_name("matter-unplugged"))  # as a drive taken out
    away = update(index, bag)

    assert away.removed == [] and away.failed == [] and away.indexed == []
    assert away.unavailable == [folder]
    assert index.unavailable(collection.id) == [folder]
    assert index.collection("Matter").files == 2
    assert found(index, "okapi") == ["lease.txt"] and found(index, "quokka") == ["reply.md"]

    folder.with_name("matter-unplugged").rename(folder)
    back = update(index, bag)

    assert back.unavailable == [] and index.unavailable(collection.id) == []
    assert back.unchanged == 2 and back.indexed == [] and back.removed == []


def test_a_deleted_file_is_removed_and_its_count_given(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = make_matter(tmp_path)
    alone = tmp_path / "memo.txt"
    alone.write_text("A memo about the zebra.\n")
    add_to_collection(index, "Matter", [folder, alone], bag)
    update(index, bag)

    (folder / "letters" / "reply.md").unlink()
    alone.unlink()  # a file added by itself, gone from a folder that is there
    report = update(index, bag)

    assert sorted(path.name for path in report.removed) == ["memo.txt", "reply.md"]
    assert report.unavailable == [] and report.unchanged == 1
    assert found(index, "zebra") == [] and found(index, "quokka") == []


def test_a_file_added_by_itself_on_a_drive_taken_out_is_kept(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    drive = tmp_path / "drive"
    drive.mkdir()
    memo = drive / "memo.txt"
    memo.write_text("A memo about the zebra.\n")
    add_to_collection(index, "Matter", [memo], bag)
    update(index, bag)

    drive.rename(tmp_path / "elsewhere")
    report = update(index, bag)

    assert report.removed == [] and report.unavailable == [memo]
    assert found(index, "zebra") == ["memo.txt"]


def test_a_folder_closed_to_the_user_keeps_its_documents(tmp_path: Path) -> None:
    folder = make_matter(tmp_path)
    data = tmp_path / "data"
    assert len(index_in_child(data, [folder])["indexed"]) == 2

    (folder / "letters").chmod(0)
    try:
        closed = index_in_child(data, [folder], prefix=without_override())
    finally:
        (folder / "letters").chmod(0o755)

    assert closed["removed"] == [] and closed["unavailable"] == [str(folder / "letters")]
    assert closed["unchanged"] == 1
