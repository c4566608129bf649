"""``sotto docs`` indexes a folder, lists, searches and removes collections; ``sotto ask
--docs`` answers from them and names its sources."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.core.documents.extract import extract
from tests.e2e.sotto_process import sotto
from tests.pdf_builder import text_pdf

FILES = {
    "lease.txt": "The tenant pays the rent on the first day of each month.\n\n"
    "Clause 7.2: either party may end the lease with three months' notice.\n",
    "notes/meeting.md": "# Meeting\n\nIngrid Halvorsen agreed to review the contract.\n",
    "notes/付款.txt": "本合同的付款期限为收到发票后三十天。\n",
    "notes/.hidden.txt": "Nothing to see here about the lease.\n",
}


def make_folder(root: Path) -> Path:
    folder = root / "matter"
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    return folder


def test_a_folder_is_indexed_listed_searched_and_removed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = make_folder(tmp_path)

    added = sotto("docs", "add", "--collection", "Lease", str(folder), data_dir=data)
    assert added.returncode == 0, added.stderr
    assert "broken.pdf" in added.stderr  # a sentence for the bad file, the rest indexed
    assert "3 files indexed" in added.stdout

    listed = sotto("docs", "list", data_dir=data)
    assert listed.returncode == 0
    collection, unreadable = listed.stdout.splitlines()
    assert collection == "Lease\t3 files\t3 passages\t1 unreadable"
    assert unreadable.startswith(f"\t{folder / 'broken.pdf'}\tbroken.pdf is damaged")

    for query, name in (("7.2", "lease.txt"), ("Halvorsen", "meeting.md"), ("付款", "付款.txt")):
        found = sotto(
            "docs", "search", "--collection", "Lease", "--k", "2", "--json", query, data_dir=data
        )
        assert found.returncode == 0, found.stderr
        hits = json.loads(found.stdout)
        assert Path(hits[0]["file"]).name == name, (query, hits)
        for hit in hits:
            assert set(hit) == {"file", "page", "scanned", "start", "end", "text", "score"}
            assert hit["page"] is None and hit["scanned"] is False
            text = Path(hit["file"]).read_text(encoding="utf-8")
            assert text[hit["start"] : hit["end"]] == hit["text"]  # a verbatim span

    (folder / "notes" / "meeting.md").unlink()
    again = sotto("docs", "add", "--collection", "Lease", str(folder), data_dir=data)
    # The bad file still fails, and says so again: not "unchanged".
    assert "0 files indexed, 2 unchanged, 1 failed, 1 removed." in again.stdout
    assert "broken.pdf is damaged" in again.stderr

    removed = sotto("docs", "remove", "Lease", data_dir=data)
    assert removed.returncode == 0
    assert sotto("docs", "list", data_dir=data).stdout == ""
    gone = sotto("docs", "search", "--collection", "Lease", "--json", "7.2", data_dir=data)
    assert gone.returncode == 1 and "no collection" in gone.stderr


def test_ask_with_docs_answers_and_lists_its_sources(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = make_folder(tmp_path)
    assert sotto("docs", "add", str(folder / "lease.txt"), data_dir=data).returncode == 0

    asked = sotto(
        "ask",
        "--docs",
        "Documents",
        "--temperature",
        "0",
        "--max-tokens",
        "16",
        "How much notice ends the lease?",
        data_dir=data,
    )

    assert asked.returncode == 0, asked.stderr
    reply, _, sources = asked.stdout.partition("Sources:\n")
    assert reply.strip()
    assert sources.startswith(f"[1] {folder / 'lease.txt'}\n")
    assert "three months' notice" in sources


def test_a_pdf_passage_cites_its_page_and_is_verbatim(tmp_path: Path) -> None:
    data = tmp_path / "data"
    pages = [
        ["Agreement between Acme Ltd and Beta LLP.", "1. Definitions apply throughout."],
        ["2. Payment. Invoices are paid within thirty days.", "Interest: Zanzibarite rate."],
        ["3. Termination on six months notice.", "Signed in Rotterdam."],
    ]
    contract = tmp_path / "contract.pdf"
    contract.write_bytes(text_pdf(pages))

    assert sotto("docs", "add", str(contract), data_dir=data).returncode == 0
    found = sotto("docs", "search", "--k", "1", "--json", "Zanzibarite", data_dir=data)

    (hit,) = json.loads(found.stdout)
    assert hit["page"] == 2
    assert extract(contract).text[hit["start"] : hit["end"]] == hit["text"]
    assert "Zanzibarite" in hit["text"] and "Rotterdam" not in hit["text"]


def test_a_link_out_of_the_folder_is_listed_with_why_it_was_not_read(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = make_folder(tmp_path)
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.txt").write_text("Dear diary.\n", encoding="utf-8")
    (folder / "diary.txt").symlink_to(private / "diary.txt")

    added = sotto("docs", "add", str(folder), data_dir=data)

    assert added.returncode == 0, added.stderr
    assert "diary.txt is a link to" in added.stderr
    listed = sotto("docs", "list", data_dir=data).stdout
    assert f"\t{folder / 'diary.txt'}\tdiary.txt is a link to {private / 'diary.txt'}" in listed
    assert "2 unreadable" in listed  # the link, and the broken PDF
    found = sotto("docs", "search", "--json", "diary", data_dir=data)
    assert all("diary" not in hit["text"].lower() for hit in json.loads(found.stdout))


@pytest.mark.parametrize("loss", ["emptied", "deleted"])
def test_an_index_lost_from_disk_is_refused_not_made_anew(tmp_path: Path, loss: str) -> None:
    data = tmp_path / "data"
    folder = make_folder(tmp_path)
    assert sotto("docs", "add", str(folder / "lease.txt"), data_dir=data).returncode == 0
    index = data / "documents.db"
    for file in (index, data / "documents.db-wal", data / "documents.db-shm"):
        file.unlink(missing_ok=True)
    if loss == "emptied":
        index.write_bytes(b"")

    listed = sotto("docs", "list", data_dir=data)

    assert listed.returncode == 1 and listed.stdout == ""
    assert ("is empty" if loss == "emptied" else "is missing") in listed.stderr
    assert "remove the index in Documents" in listed.stderr  # the way forward
    assert index.exists() == (loss == "emptied") and (not index.exists() or not index.read_bytes())


def test_a_pipe_and_a_symlink_loop_given_by_themselves_are_named_not_missing(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "loop").symlink_to("loop")

    added = sotto("docs", "add", str(tmp_path / "pipe"), str(tmp_path / "loop"), data_dir=data)

    assert added.returncode == 1  # nothing could be read
    assert "There is no file or folder" not in added.stderr
    assert "pipe is a named pipe (FIFO), not an ordinary file" in added.stderr
    assert "loop is a link that leads round in a circle (a symlink loop)" in added.stderr
    assert "0 files indexed, 0 unchanged, 2 failed, 0 removed." in added.stdout


def test_an_unplugged_folder_is_listed_as_unavailable_with_its_files_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = make_folder(tmp_path)
    assert sotto("docs", "add", str(folder), data_dir=data).returncode == 0
    folder.rename(tmp_path / "unplugged")

    updated = sotto("docs", "add", str(tmp_path / "unplugged" / "lease.txt"), data_dir=data)
    listed = sotto("docs", "list", data_dir=data).stdout

    assert f"{folder} cannot be reached: its drive may not be connected" in updated.stderr
    assert "0 removed." in updated.stdout
    assert f"\t{folder}\t{folder} cannot be reached" in listed
    assert listed.startswith("Documents\t4 files\t4 passages\t1 unreadable")
