"""Every passage a model is given is numbered and asked to be cited as [n], a small
collection given whole too: one number a stored passage, so that "[2]" in a reply is its
second source, the one clause it used, not the whole document."""

from __future__ import annotations

from pathlib import Path

from desktop.core.chat.records import Entry
from desktop.core.documents.index import DocumentIndex
from desktop.core.documents.indexer import index_collection
from desktop.core.documents.library import add_to_collection
from desktop.core.documents.prompt import INSTRUCTION, grounded_messages
from desktop.core.documents.retrieval import choose_passages, whole_budget
from desktop.core.inference.types import Message
from tests.unit.core.documents.conftest import BagOfWords

CONTEXT = 32_768
"""A model whose share of the context holds the whole lease."""


def lease(tmp_path: Path, index: DocumentIndex, bag: BagOfWords) -> Path:
    folder = tmp_path / "matter"
    folder.mkdir()
    clauses = [f"Clause {n}. The tenant keeps the garden number {n} tidy." for n in range(60)]
    clauses[41] = "Clause 41. The tenant shall pay the rent on the third day of each month."
    (folder / "lease.txt").write_text("\n\n".join(clauses), encoding="utf-8")
    add_to_collection(index, "Matter", [folder], bag)
    index_collection(index, "Matter", bag)
    return folder / "lease.txt"


def test_a_collection_given_whole_is_numbered_passage_by_passage(
    tmp_path: Path, index: DocumentIndex, bag: BagOfWords
) -> None:
    file = lease(tmp_path, index, bag)
    assert len(file.read_text(encoding="utf-8")) < whole_budget(CONTEXT)
    question = "When is the rent paid?"

    def no_search() -> BagOfWords:
        raise AssertionError("a collection given whole needs no search")

    hits = choose_passages(index, "Matter", question, 3, CONTEXT, no_search)
    assert len(hits) > 2  # the lease, cut into its passages
    grounded = grounded_messages([Entry(Message(role="user", content=question))], hits, CONTEXT)
    prompt = grounded.messages[-1]["content"]
    assert prompt.startswith(INSTRUCTION) and "like [1]" in INSTRUCTION
    assert prompt.endswith(f"Question: {question}")
    for number, hit in enumerate(hits, 1):
        assert f"[{number}] lease.txt:\n{hit.text.strip()}" in prompt
    cited = next(n for n, hit in enumerate(hits, 1) if "pay the rent" in hit.text)
    sources = grounded.sources(f"On the third day [{cited}].")
    assert [source.number for source in sources] == list(range(1, len(hits) + 1))
    source = sources[cited - 1]  # "[n]" is the reply's n-th source
    assert source.number == cited
    assert "pay the rent" in source.text
    assert len(source.text) < len(file.read_text(encoding="utf-8")) / 2  # a clause, not all
    assert file.read_text(encoding="utf-8")[source.start : source.end] == source.text
