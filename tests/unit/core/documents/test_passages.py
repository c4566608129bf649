"""Cutting a document's text into passages: verbatim offsets, one page each, breaks at
paragraphs and sentences (Chinese too), and an overlap between neighbours."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.core.documents.extract import PAGE_SEPARATOR, Extracted, Page
from desktop.core.documents.passages import Passage, split_passages

SENTENCE = "The tenant pays the rent on the first day of each month. "


def document(*pages: str, numbered: bool = True) -> Extracted:
    built = []
    start = 0
    for number, text in enumerate(pages, start=1):
        built.append(Page(number if numbered else None, start, text))
        start += len(text) + len(PAGE_SEPARATOR)
    return Extracted(tuple(built))


def assert_well_formed(extracted: Extracted, passages: list[Passage], target: int) -> None:
    for passage in passages:
        assert passage.text == extracted.text[passage.start : passage.end]
        assert passage.text.strip() == passage.text != ""
        assert len(passage.text) <= target
        (page,) = [
            page
            for page in extracted.pages
            if page.start <= passage.start and passage.end <= page.start + len(page.text)
        ]
        assert passage.page == page.number


def test_every_passage_is_verbatim_and_on_one_page() -> None:
    extracted = document(SENTENCE * 40, "Short page.", "\n\n", SENTENCE * 7)
    passages = split_passages(extracted, target_chars=500, overlap_chars=100)
    assert_well_formed(extracted, passages, 500)
    assert {passage.page for passage in passages} == {1, 2, 4}
    assert [p.text for p in passages if p.page == 2] == ["Short page."]


def test_passages_end_at_sentences_and_overlap() -> None:
    extracted = document(SENTENCE * 40)
    passages = split_passages(extracted, target_chars=500, overlap_chars=120)
    assert len(passages) > 3
    for before, after in pairwise(passages):
        assert before.text.endswith(".")
        assert after.text.startswith("The tenant")
        assert after.start < before.end  # overlap
        assert before.end - after.start <= 120
    assert passages[-1].end == len(extracted.text.rstrip())


def test_a_paragraph_break_is_preferred_to_a_sentence() -> None:
    first = SENTENCE * 6 + "\n\n"
    extracted = document(first + SENTENCE * 6)
    passages = split_passages(extracted, target_chars=500, overlap_chars=0)
    assert passages[0].end == len(first.rstrip())


def test_a_page_shorter_than_the_target_is_one_passage() -> None:
    extracted = document("  A short note.\n", numbered=False)
    assert split_passages(extracted) == [Passage(None, 2, 15, "A short note.")]


def test_white_space_makes_no_passage() -> None:
    assert split_passages(document(" \n\n\t", "")) == []


def test_chinese_without_spaces_is_cut_at_its_sentences() -> None:
    text = "租金每月一号支付，逾期需付违约金。" * 60 + "房东负责维修！" * 20
    extracted = document(text)
    passages = split_passages(extracted, target_chars=200, overlap_chars=40)
    assert_well_formed(extracted, passages, 200)
    assert len(passages) > 5
    for passage in passages[:-1]:
        assert passage.text[-1] in "。！"
    for after in passages[1:]:
        assert after.text.startswith(("租金", "房东"))


def test_text_with_no_break_at_all_is_cut_at_the_target() -> None:
    extracted = document("x" * 2500)
    passages = split_passages(extracted, target_chars=1000, overlap_chars=150)
    assert_well_formed(extracted, passages, 1000)
    assert [len(p.text) for p in passages][:2] == [1000, 1000]
    assert passages[1].start == 850
    assert passages[-1].end == 2500


def test_impossible_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        split_passages(document("text"), target_chars=0)
    with pytest.raises(ValueError):
        split_passages(document("text"), overlap_chars=-1)


@given(
    pages=st.lists(
        st.text(alphabet=st.sampled_from("ab 。.!\n\t，中"), max_size=400), min_size=1, max_size=4
    ),
    target=st.integers(min_value=1, max_value=120),
    overlap=st.integers(min_value=0, max_value=200),
)
def test_any_text_gives_well_formed_passages_that_cover_it(
    pages: list[str], target: int, overlap: int
) -> None:
    extracted = document(*pages)
    passages = split_passages(extracted, target_chars=target, overlap_chars=overlap)
    assert_well_formed(extracted, passages, target)
    covered: set[int] = set()
    for passage in passages:
        covered.update(range(passage.start, passage.end))
    visible = {i for i, char in enumerate(extracted.text) if not char.isspace()}
    assert visible <= covered


def test_a_thousand_pages_are_cut_without_trouble() -> None:
    extracted = document(*[SENTENCE * 35] * 1000)
    passages = split_passages(extracted)
    assert {passage.page for passage in passages} == set(range(1, 1001))
    assert_well_formed(extracted, passages[:50], 1000)
