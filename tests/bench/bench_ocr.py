"""How fast scanned pages are read by text recognition, and how well.

A PDF of scanned pages is made in memory: A4 pages drawn at 200 dots per inch, each some 40
lines of a contract in 11-point type, one line in four in Chinese, saved as pictures only (as a
scanner saves them). ``extract`` reads it with one ``Recogniser``, as an indexing run does; the
figures are the models' load, the pages a second, and the share of the words read back exactly.

    python tests/bench/bench_ocr.py [--pages N] [--lines N] [--tiny]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.core.documents.extract import extract
from desktop.core.documents.ocr import Recogniser
from tests.bench.tiny import parse_arguments
from tests.scan_builder import picture_file, text_picture

CONTRACT = (
    "The tenant shall pay the rent on the first day of each month and keep the premises in "
    "good repair; the landlord shall insure the building against fire, flood and other risks, "
    "and either party may end this lease by giving three months notice in writing"
)
ENGLISH = CONTRACT.split()
CHINESE = "租赁双方同意本合同自签字之日起生效保证金应于三月三日前支付逾期按日计收利息"
A4_AT_200_DPI = 1654
ELEVEN_POINT_AT_200_DPI = 30
TINY = {"pages": 1, "lines": 4}


def page_lines(page: int, count: int) -> list[str]:
    """*count* lines of page *page*: English of about 70 characters, every fourth Chinese."""
    lines = []
    for line in range(count):
        start = (page * 13 + line * 7) % len(ENGLISH)
        if line % 4 == 3:
            lines.append(CHINESE[start % 10 : start % 10 + 24])
        else:
            lines.append(" ".join((ENGLISH * 2)[start : start + 12]))
    return lines


def words(text: str) -> list[str]:
    """Latin words and single Chinese characters: what is counted as read right or not."""
    return re.findall(r"[A-Za-z0-9,;]+|[\u4e00-\u9fff]", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--lines", type=int, default=40)
    arguments = parse_arguments(parser, TINY)
    drawn = [page_lines(page, arguments.lines) for page in range(arguments.pages)]
    pictures = [
        text_picture(lines, width=A4_AT_200_DPI, size=ELEVEN_POINT_AT_200_DPI) for lines in drawn
    ]
    recogniser = Recogniser()
    started = time.perf_counter()
    recogniser.load("scan.pdf")
    print(f"models loaded in {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        scan = Path(folder) / "scan.pdf"
        scan.write_bytes(picture_file(pictures, "PDF"))
        started = time.perf_counter()
        extracted = extract(scan, recogniser=recogniser)
        seconds = time.perf_counter() - started
    pages = len(extracted.pages)
    print(
        f"scanned PDF: {pages} pages in {seconds:.2f} s: {pages / seconds:.3f} pages/s "
        f"({seconds / pages:.2f} s a page)"
    )
    expected = [word for lines in drawn for word in words("\n".join(lines))]
    right = sum((Counter(expected) & Counter(words(extracted.text))).values())
    print(f"words read right: {right}/{len(expected)} = {100 * right / len(expected):.1f} %")


if __name__ == "__main__":
    main()
