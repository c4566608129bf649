"""Saving the revised copy: whole or not at all, and never over the original."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.revise.errors import SameFileError
from desktop.core.revise.revision import Revision
from desktop.core.revise.source import read_source
from desktop.core.revise.tracked import save_tracked
from desktop.core.storage_errors import StorageFullError
from tests.contract_builder import contract
from tests.disks import fill, small_disk


def test_a_full_disk_leaves_no_part_of_the_copy_and_says_so(tmp_path: Path) -> None:
    original = contract(tmp_path / "contract.docx", clauses=40)
    source = read_source(original)
    passage = source.passages[3]
    revision = Revision(passage.index, passage.text, passage.text + " Amended.")
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)

        with pytest.raises(StorageFullError):
            save_tracked(disk / "revised.docx", source, original, [revision])

        assert sorted(path.name for path in disk.iterdir()) == ["filler"]


def test_the_original_is_never_written(tmp_path: Path) -> None:
    original = contract(tmp_path / "contract.docx", clauses=2)
    before = original.read_bytes()
    source = read_source(original)
    passage = source.passages[1]

    with pytest.raises(SameFileError):
        save_tracked(original, source, original, [Revision(passage.index, passage.text, "New.")])

    assert original.read_bytes() == before
