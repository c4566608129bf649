"""Revising a Word document (issue 27), measured in one run:

1. the time to diff and write a 500-paragraph contract with every paragraph revised, as
   tracked changes (goal: under a second), beside python-docx opening and saving the same
   document untouched, in alternating turns; their ratio;
2. the starter model's time per page (about 500 words) of that contract, asked a paragraph
   at a time as the window and ``sotto revise`` ask it.

The contract is tests/contract_builder.py's: numbered clauses under headings, runs in bold
and italics, a table, a header.

    python tests/bench/bench_revise.py [--paragraphs N] [--turns N] [--words N] [--tiny]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.inference.engine import Engine
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.revise.asking import revise
from desktop.core.revise.revision import Revision
from desktop.core.revise.source import Source, open_document, read_source
from desktop.core.revise.tracked import tracked_docx
from tests.bench.tiny import parse_arguments
from tests.contract_builder import contract

INSTRUCTION = "Use British spelling and cap liability at the fees paid."


def revised(text: str) -> str:
    """A lawyer's kind of edit: words replaced, one deleted, a phrase added."""
    return (
        text.replace("shall", "must").replace("reasonable ", "").replace("Agreement", "Contract")
        + " as agreed"
    )


def diff_and_write(source: Source) -> float:
    """Seconds to diff every paragraph of *source* and write the tracked copy."""
    started = time.perf_counter()
    revisions = [Revision(p.index, p.text, revised(p.text)) for p in source.passages]
    for revision in revisions:
        assert revision.pieces
    tracked_docx(source, revisions, "Sotto", datetime.now().astimezone(), comments=True)
    return time.perf_counter() - started


def open_and_save(source: Source) -> float:
    """Seconds for python-docx to open *source* and save it untouched: the floor."""
    started = time.perf_counter()
    open_document(source.data, source.name).save(io.BytesIO())
    return time.perf_counter() - started


def writing(paragraphs: int, turns: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        # Each clause: a heading and four paragraphs; and the title.
        source = read_source(contract(Path(folder) / "contract.docx", clauses=paragraphs // 5))
    ours, floor = [], []
    for _ in range(turns):
        ours.append(diff_and_write(source))
        floor.append(open_and_save(source))
    mine, plain = statistics.median(ours), statistics.median(floor)
    print(
        f"{len(source.passages)} paragraphs: diff and write {mine * 1000:.0f} ms "
        f"(median of {turns}; goal under 1000 ms); python-docx open and save "
        f"{plain * 1000:.0f} ms; ratio {mine / plain:.2f}"
    )


def model_per_page(words: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = read_source(contract(Path(folder) / "contract.docx", clauses=4))
    page, count = [], 0
    for passage in source.passages:
        if count >= words:
            break
        page.append(passage)
        count += len(passage.text.split())
    engine = Engine(self_check=None)
    context = engine.load(STARTER_MODEL_PATH).n_ctx
    try:
        started = time.perf_counter()
        revise(engine, INSTRUCTION, page, context, threading.Event())
        seconds = time.perf_counter() - started
    finally:
        engine.unload()
    print(
        f"starter model: {seconds * 500 / count:.1f} s a page of 500 words "
        f"({len(page)} paragraphs, {count} words in {seconds:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--paragraphs", type=int, default=500)
    parser.add_argument("--turns", type=int, default=5)
    parser.add_argument("--words", type=int, default=500, help="a page, for the model")
    arguments = parse_arguments(parser, tiny={"paragraphs": 25, "turns": 1, "words": 1})
    writing(arguments.paragraphs, arguments.turns)
    model_per_page(arguments.words)


if __name__ == "__main__":
    main()
