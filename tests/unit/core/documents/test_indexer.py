"""Indexing reads only what changed, resumes where a stopped run left off, and tells why a
file cannot be read while indexing the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from desktop.core.documents.extract import Extracted, read_document
from desktop.core.documents.folders import find_files
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import IndexProgress, IndexReport, index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.documents.records import FAILED, INDEXED, PENDING
from desktop.core.documents.search import Mode, search
from tests.conftest import FAST_KDF, TEST_PASSPHRASE
from tests.unit.core.documents.conftest import BagOfWords

ROOT = Path(__file__).resolve().parents[4]


class CountingReader:
    """The real ``read_document``, counting which files it reads."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, file: BinaryIO, path: Path, cancelled: Callable[[], bool]) -> Extracted:
        self.read.append(path.name)
        return read_document(file, path, cancelled)


def make_folder(root: Path, count: int = 4) -> Path:
    folder = root / "matter"
    (folder / "sub").mkdir(parents=True)
    for number in range(count):
        where = folder / "sub" if number % 2 else folder
        (where / f"note{number}.txt").write_text(f"Note {number}: the zebra{number} clause.\n")
    (folder / ".hidden.txt").write_text("not for the index")
    (folder / "drawing.svg").write_bytes(b"<svg/>")
    (folder / "~$lock.docx").write_bytes(b"lock")
    return folder


def run(
    index: DocumentIndex, reader: CountingReader, bag: BagOfWords, **kwargs: Any
) -> IndexReport:
    return index_collection(index, "Matter", bag, read=reader, **kwargs)


def test_only_supported_visible_files_are_found(tmp_path: Path) -> None:
    folder = make_folder(tmp_path)
    names = [path.name for path in find_files([folder]).files]
    assert names == ["note0.txt", "note2.txt", "note1.txt", "note3.txt"]


def test_indexing_again_reads_only_what_changed(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = make_folder(tmp_path)
    add_to_collection(index, "Matter", [folder], bag)
    reader = CountingReader()
    progress: list[IndexProgress] = []

    first = run(index, reader, bag, on_progress=progress.append)
    assert sorted(reader.read) == ["note0.txt", "note1.txt", "note2.txt", "note3.txt"]
    assert len(first.indexed) == 4 and not first.failed
    assert (progress[-1].files_done, progress[-1].files_total) == (4, 4)
    assert progress[-1].passages == 4

    reader.read.clear()
    assert run(index, reader, bag).unchanged == 4
    assert reader.read == []

    changed = folder / "note0.txt"
    changed.write_text("Note 0: now about the okapi clause, longer than before.\n")
    touched = folder / "note2.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    (folder / "sub" / "note1.txt").unlink()
    (folder / "new.md").write_text("# New\n\nThe quokka clause.\n")

    report = run(index, reader, bag)
    assert sorted(reader.read) == ["new.md", "note0.txt"]  # touched, not changed: not read
    assert [path.name for path in report.removed] == ["note1.txt"]
    assert report.unchanged == 2

    def found(word: str) -> list[str]:
        return [hit.file.name for hit in search(index, "Matter", word, mode=Mode.FTS)]

    assert found("okapi") == ["note0.txt"] and found("zebra0") == []
    assert found("zebra1") == []  # the deleted file's passages are gone
    assert found("quokka") == ["new.md"]
    assert index.collection("Matter").files == 4


def test_a_cancelled_run_resumes_without_reading_anything_twice(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = make_folder(tmp_path, count=6)
    add_to_collection(index, "Matter", [folder], bag)
    reader = CountingReader()

    stored: list[int] = []
    stopped = run(
        index,
        reader,
        bag,
        on_progress=lambda progress: stored.append(progress.passages),
        cancelled=lambda: stored[-1] >= 2,  # once two files are stored
    )
    assert stopped.cancelled and len(stopped.indexed) == 2
    statuses = [doc.status for doc in index.documents(index.collection("Matter").id)]
    assert statuses.count(INDEXED) == 2 and statuses.count(PENDING) == 4

    first = list(reader.read)
    reader.read.clear()
    resumed = run(index, reader, bag)
    assert not resumed.cancelled and resumed.unchanged == 2
    assert sorted(first + reader.read) == sorted(p.name for p in find_files([folder]).files)
    assert index.collection("Matter").files == 6


KILLED_RUN = """
import sys, time
from pathlib import Path
from desktop.core.documents.extract import read_document
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.paths import AppPaths
from desktop.core.services import open_store
from tests.conftest import passphrase_opener
from tests.unit.core.documents.conftest import BagOfWords

paths = AppPaths.resolve(Path(sys.argv[1]))
store = open_store(passphrase_opener(paths).open(sys.argv[2]))
index = DocumentLibrary.of(paths, store.db).open()
bag = BagOfWords()
add_to_collection(index, "Matter", [Path(sys.argv[3])], bag)
read = []

def reader(file, path, cancelled):
    read.append(path)
    if len(read) == 3:
        print("third", flush=True)
        time.sleep(600)  # killed here, while the third file is being read
    return read_document(file, path, cancelled)

index_collection(index, "Matter", bag, read=reader)
"""


def test_a_killed_run_resumes_at_the_next_document(
    tmp_path: Path, paths_data: tuple[Path, DocumentLibrary], bag: BagOfWords
) -> None:
    data_dir, library = paths_data
    folder = make_folder(tmp_path, count=5)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_RUN, str(data_dir), TEST_PASSPHRASE, str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "third\n"
    child.send_signal(signal.SIGKILL)
    child.wait()

    reader = CountingReader()
    with library.open() as index:
        before = {d.path.name: d.status for d in index.documents(index.collection("Matter").id)}
        assert sorted(before.values()) == [INDEXED, INDEXED, PENDING, PENDING, PENDING]
        report = run(index, reader, bag)
        assert report.unchanged == 2
        assert sorted(reader.read) == sorted(n for n, s in before.items() if s == PENDING)
        assert index.collection("Matter").files == 5
        assert index.collection("Matter").passages == 5  # no passage stored twice


@pytest.fixture
def paths_data(tmp_path: Path) -> tuple[Path, DocumentLibrary]:
    """A passphrase vault in its own data folder, whose library a child process opens too."""
    from desktop.core.paths import AppPaths
    from desktop.core.vault.opener import VaultOpener

    data_dir = tmp_path / "data"
    paths = AppPaths.resolve(data_dir).ensure()
    vault = VaultOpener(paths, keyring_finder=lambda: None, kdf_params=FAST_KDF).open(
        TEST_PASSPHRASE
    )
    library = DocumentLibrary.of(paths, vault)
    library.open().close()  # made, as the window and every command make it at once
    vault.close()
    return data_dir, library


def test_bad_files_each_get_a_sentence_and_the_rest_is_indexed(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    folder = make_folder(tmp_path, count=2)
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    add_to_collection(index, "Matter", [folder], bag)
    reader = CountingReader()

    report = run(index, reader, bag)

    assert len(report.indexed) == 2
    reasons = {path.name: str(error) for path, error in report.failed}
    assert sorted(reasons) == ["corrupt.pdf", "empty.txt", "photo.pdf"]
    for name, reason in reasons.items():
        assert reason.startswith(name) or name in reason
        assert reason.endswith(".")
    failed = [d for d in index.documents(index.collection("Matter").id) if d.status == FAILED]
    stored = {d.path.name: d.failure for d in failed}
    assert {name: str(failure.error()) for name, failure in stored.items() if failure} == reasons
    for failure in stored.values():  # kept as a reason and its values, not as English
        assert failure is not None and failure.code and failure.sentence == ""
        assert "Sotto" not in failure.values and "." not in failure.code

    reader.read.clear()
    again = run(index, reader, bag)
    assert reader.read == []  # a bad file is not read again unchanged
    assert again.unchanged == 2  # still failing is not "unchanged": its sentence comes again
    assert {path.name: str(error) for path, error in again.failed} == reasons


def test_a_new_embedder_embeds_the_stored_passages_again_without_reading_files(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    from desktop.core.documents.index_errors import EmbedderChangedError

    class Other(BagOfWords):
        name = "another-model"

    folder = make_folder(tmp_path)
    add_to_collection(index, "Matter", [folder], bag)
    reader = CountingReader()
    run(index, reader, bag)
    other = Other()
    with pytest.raises(EmbedderChangedError):
        run(index, reader, other)  # never silently: the index is kept

    collection = index.collection("Matter")
    index.set_embedder(collection.id, other.name, other.dimensions)
    reader.read.clear()
    report = run(index, reader, other)
    assert reader.read == [] and report.reembedded == 4
    assert len(index.vectors(collection.id)[0]) == 4
    hits = search(index, "Matter", "zebra2", embedder=other, mode=Mode.VECTORS)
    assert hits[0].file.name == "note2.txt"
