"""Revisions written as Word's tracked changes: accepting every change gives the revised text,
rejecting every one the original, and nothing else in the document changes."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop.core.revise.revision import Revision
from desktop.core.revise.source import Source, read_source
from desktop.core.revise.tracked import tracked_docx
from tests.unit.core.revise.revise_helpers import W, body, characters, revised, runs, text

WHEN = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)


def _document(paragraphs: list[list[tuple[str, bool, bool, bool]]], folder: Path) -> Source:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Header stays"
    for number, paragraph_runs in enumerate(paragraphs):
        paragraph = document.add_paragraph(style="List Number" if number % 2 else None)
        for content, bold, italic, underline in paragraph_runs:
            run = paragraph.add_run(content)
            run.bold, run.italic, run.underline = bold, italic, underline
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "A cell stays"
    path = folder / "random.docx"
    document.save(path)
    return read_source(path)


def _properties(paragraph: etree._Element) -> bytes:
    found = paragraph.find(f"{{{W}}}pPr")
    return b"" if found is None else etree.tostring(found)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(paragraphs=st.lists(runs, min_size=1, max_size=4), data=st.data())
def test_accepting_every_change_gives_the_revision_and_rejecting_gives_the_original(
    tmp_path: Path, paragraphs: list[list[tuple[str, bool, bool, bool]]], data: st.DataObject
) -> None:
    source = _document(paragraphs, tmp_path)
    revisions = []
    for passage in source.passages:
        if data.draw(st.booleans()):
            revisions.append(
                Revision(passage.index, passage.text, data.draw(revised(passage.text)))
            )

    written = tracked_docx(source, revisions, "Sotto", WHEN, comments=False)

    before, after = body(source.data), body(written)
    old = before.findall(f"{{{W}}}p")
    new = after.findall(f"{{{W}}}p")
    assert len(old) == len(new)
    changed = {revision.index: revision for revision in revisions}
    for index, (was, now) in enumerate(zip(old, new, strict=True)):
        # The paragraph's own properties (style, numbering) are never touched.
        assert _properties(now) == _properties(was)
        if index not in changed:
            assert etree.tostring(now) == etree.tostring(was)
            continue
        assert text(now, accept=True) == changed[index].revised
        # Rejected, every character is back, each in a run formatted as it was.
        assert characters(now, accept=False) == characters(was, accept=False)
    assert etree.tostring(after.find(f"{{{W}}}tbl")) == etree.tostring(before.find(f"{{{W}}}tbl"))


def test_every_change_carries_its_author_date_and_a_unique_id(tmp_path: Path) -> None:
    source = _document([[("The fees, in total.", True, False, False)]], tmp_path)
    passage = source.passages[0]
    revision = Revision(passage.index, passage.text, "The fees paid, in all.")

    changes = body(tracked_docx(source, [revision], "A. Lawyer", WHEN, comments=False)).findall(
        f".//{{{W}}}ins"
    ) + body(tracked_docx(source, [revision], "A. Lawyer", WHEN, comments=False)).findall(
        f".//{{{W}}}del"
    )

    assert len(changes) == 3  # " paid" inserted, "total" deleted, "all" inserted
    assert {change.get(f"{{{W}}}author") for change in changes} == {"A. Lawyer"}
    assert {change.get(f"{{{W}}}date") for change in changes} == {"2026-12-07T09:30:00Z"}
    assert len({change.get(f"{{{W}}}id") for change in changes}) == 3


def test_a_comment_holds_each_changes_reason_and_headers_are_left_as_they_were(
    tmp_path: Path,
) -> None:
    source = _document([[("Liability is capped.", False, True, False)]], tmp_path)
    passage = source.passages[0]
    revision = Revision(passage.index, passage.text, "Liability is capped at the fees paid.", "cap")

    written = tracked_docx(source, [revision], "Sotto", WHEN, comments=True)

    with (
        zipfile.ZipFile(io.BytesIO(written)) as new,
        zipfile.ZipFile(io.BytesIO(source.data)) as old,
    ):
        comments = etree.fromstring(new.read("word/comments.xml"))
        headers = [name for name in old.namelist() if name.startswith("word/header")]
        assert headers
        assert all(new.read(name) == old.read(name) for name in headers)
    assert [comment.get(f"{{{W}}}author") for comment in comments] == ["Sotto"]
    assert "".join(comments.itertext()) == "cap"
    ids = [element.get(f"{{{W}}}id") for element in body(written).iter(f"{{{W}}}ins")]
    assert "0" not in ids  # the comment's id


def test_text_typed_over_a_word_takes_its_formatting_and_added_text_the_one_before(
    tmp_path: Path,
) -> None:
    source = _document(
        [
            [
                ("Plain ", False, False, False),
                ("Obligation", True, False, False),
                (" text", False, True, False),
            ]
        ],
        tmp_path,
    )
    passage = source.passages[0]
    revision = Revision(passage.index, passage.text, "Plain Duty text added")

    paragraph = body(tracked_docx(source, [revision], "Sotto", WHEN, comments=False)).find(
        f"{{{W}}}p"
    )

    inserted = {
        "".join(change.itertext()): change.find(f".//{{{W}}}rPr")
        for change in paragraph.iter(f"{{{W}}}ins")
    }
    assert set(inserted) == {"Duty", " added"}
    assert inserted["Duty"].find(f"{{{W}}}b") is not None
    assert inserted[" added"].find(f"{{{W}}}i") is not None
