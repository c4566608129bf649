"""Other programs read the tracked changes as Sotto meant them: pandoc, with every change
accepted or rejected, and LibreOffice, which opens the file and prints it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from desktop.core.revise.revision import Revision
from desktop.core.revise.source import read_source
from desktop.core.revise.tracked import save_tracked, tracked_docx
from tests.contract_builder import contract
from tests.word_readers import pandoc_text

REVISED = {
    "4.1 ": "Obligation. The Supplier's total liability shall not exceed the fees paid, "
    "however it arises.",
    "4.2 ": "4.2 Obligation. Each party keeps the other's confidential information secret.",
}


def _revised(folder: Path) -> tuple[Path, list[str], list[str]]:
    """A contract with two clauses revised: its copy, and its paragraphs before and after."""
    original = contract(folder / "contract.docx", clauses=5)
    source = read_source(original)
    revisions = []
    before, after = [], []
    for passage in source.passages:
        new = next(
            (text for start, text in REVISED.items() if passage.text.startswith(start)), None
        )
        before.append(passage.text)
        after.append(new or passage.text)
        if new:
            revisions.append(Revision(passage.index, passage.text, new, "tightened"))
    out = folder / "revised.docx"
    save_tracked(out, source, original, revisions, comments=True)
    return out, before, after


def test_pandoc_reads_the_revision_when_accepting_and_the_original_when_rejecting(
    tmp_path: Path,
) -> None:
    out, before, after = _revised(tmp_path)

    accepted, rejected = pandoc_text(out, "accept"), pandoc_text(out, "reject")

    # pandoc writes the body's paragraphs one to a line (a numbered one after its number),
    # and the table between them; the title goes to the document's metadata.
    for expected, read in ((after, accepted), (before, rejected)):
        lines = [line.strip() for line in read.splitlines() if line.strip()]
        for paragraph in expected[1:]:
            assert any(line.endswith(paragraph) for line in lines), paragraph
    assert "fees paid" in accepted and "fees paid" not in rejected


def test_libreoffice_opens_the_tracked_copy_and_prints_it(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: run `make setup`"
    out, _, _ = _revised(tmp_path)

    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "revised.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 10_000


def test_a_document_without_revisions_is_copied_unchanged_in_its_text(tmp_path: Path) -> None:
    original = contract(tmp_path / "contract.docx", clauses=2)
    source = read_source(original)

    copy = tmp_path / "copy.docx"
    copy.write_bytes(tracked_docx(source, [], "Sotto", datetime.now(UTC), comments=False))

    assert pandoc_text(copy, "accept") == pandoc_text(original, "accept")
