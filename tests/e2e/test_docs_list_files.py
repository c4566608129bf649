"""``sotto docs list``: each collection's counts and why a file could not be read; with
``--files`` every file with its status (read, waiting, unavailable, failed and why), and
``--collection`` one collection alone."""

from __future__ import annotations

from pathlib import Path

from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import DocumentLibrary, add_to_collection
from desktop.core.paths import AppPaths
from desktop.core.vault.store import ConversationStore
from tests.conftest import TEST_PASSPHRASE
from tests.e2e.sotto_process import sotto, without_keyring
from tests.unit.core.documents.conftest import BagOfWords


def test_files_are_listed_with_their_status_and_why(
    tmp_path: Path, paths: AppPaths, store: ConversationStore
) -> None:
    office, drive = tmp_path / "office", tmp_path / "drive"
    office.mkdir()
    drive.mkdir()
    (office / "lease.txt").write_text("The okapi clause: rent on the first day.\n")
    (office / "later.txt").write_text("Read at the next update.\n")
    (office / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    (drive / "letter.md").write_text("We accept the quokka terms.\n")
    (tmp_path / "other.txt").write_text("Another matter.\n")
    bag = BagOfWords()
    with DocumentLibrary.of(paths, store.db).open() as index:
        add_to_collection(index, "Matter", [office, drive], bag)
        add_to_collection(index, "Other", [tmp_path / "other.txt"], bag)
        index_collection(index, "Matter", bag)
        index_collection(index, "Other", bag)
        drive.rename(tmp_path / "unplugged")  # as a drive taken out
        index_collection(index, "Matter", bag)
        index.mark_pending(index.collection("Matter").id, [office / "later.txt"])
    env = without_keyring(TEST_PASSPHRASE)

    listed = sotto("docs", "list", data_dir=paths.data_dir, env=env)
    files = sotto(
        "docs", "list", "--files", "--collection", "Matter", data_dir=paths.data_dir, env=env
    )

    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "Matter\t2 files\t3 passages\t1 unreadable\t1 waiting"
    assert lines[1].startswith(f"\t{drive}\t{drive} cannot be reached")
    assert lines[2].startswith(f"\t{office / 'broken.pdf'}\tbroken.pdf is damaged")
    assert lines[3:] == ["Other\t1 files\t1 passages"]

    assert files.returncode == 0, files.stderr
    lines = files.stdout.splitlines()
    assert lines[0] == "Matter\t2 files\t3 passages\t1 unreadable\t1 waiting"
    assert lines[1].startswith(f"\t{drive}\t{drive} cannot be reached")
    assert lines[2].startswith(f"\t{drive / 'letter.md'}\tunavailable")
    assert lines[3].startswith(f"\t{office / 'broken.pdf'}\tfailed\tbroken.pdf is damaged")
    assert lines[4:] == [f"\t{office / 'later.txt'}\twaiting", f"\t{office / 'lease.txt'}\tread"]

    missing = sotto("docs", "list", "--collection", "Nope", data_dir=paths.data_dir, env=env)
    assert missing.returncode == 1 and "Nope" in missing.stderr and missing.stdout == ""
