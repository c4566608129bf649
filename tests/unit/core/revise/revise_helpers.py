"""Reading a tracked .docx back as Word shows it with every change accepted or rejected, from
its XML alone (independent of the writer), and random formatted paragraphs to revise."""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TEXT = {f"{{{W}}}t", f"{{{W}}}delText"}


def body(data: bytes) -> etree._Element:
    """The ``w:body`` of the .docx in *data*."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found = root.find(f"{{{W}}}body")
    assert found is not None
    return found


def characters(paragraph: etree._Element, accept: bool) -> list[tuple[str, bytes]]:
    """Each character of *paragraph* with every change accepted (or rejected), with the
    properties of the run it is in."""
    out: list[tuple[str, bytes]] = []
    for element in paragraph.iter(f"{{{W}}}t", f"{{{W}}}delText", f"{{{W}}}tab", f"{{{W}}}br"):
        change = {etree.QName(a).localname for a in element.iterancestors()} & {"ins", "del"}
        if ("del" in change) if accept else ("ins" in change):
            continue
        run = element.getparent()
        properties = run.find(f"{{{W}}}rPr") if run is not None else None
        style = b"" if properties is None else etree.tostring(properties)
        if element.tag in _TEXT:
            out.extend((char, style) for char in element.text or "")
        else:
            out.append(("\t" if element.tag == f"{{{W}}}tab" else "\n", style))
    return out


def text(paragraph: etree._Element, accept: bool) -> str:
    return "".join(char for char, _ in characters(paragraph, accept))


_WORDS = st.sampled_from(
    [
        "the",
        "fees",
        "paid",
        "Supplier",
        "shall",
        "not",
        "exceed",
        "colour",
        "organise",
        "café",
        "合同",
        "12,000",
        "£",
    ]
)
_GLUE = st.sampled_from([" ", " ", ", ", ". ", "\t", "  ", "; ", "\n", "-", "'"])

words = st.lists(st.tuples(_WORDS, _GLUE), min_size=1, max_size=12).map(
    lambda pairs: "".join(word + glue for word, glue in pairs).strip(" ")
)
"""A stretch of text: words, spaces, punctuation, tabs and line breaks."""

runs = st.lists(
    st.tuples(words, st.booleans(), st.booleans(), st.booleans()), min_size=1, max_size=5
)
"""A paragraph's runs: text, bold, italic, underlined."""


@st.composite
def revised(draw: st.DrawFn, original: str) -> str:
    """*original* with some of its words kept, some dropped, some replaced and some added."""
    pieces = []
    for token in _tokens(original):
        action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "replace", "add"]))
        if action in ("keep", "add"):
            pieces.append(token)
        if action in ("replace", "add"):
            pieces.append(draw(_WORDS) + draw(_GLUE))
    return "".join(pieces)


def _tokens(text: str) -> list[str]:
    import re

    return re.findall(r"\w+|\s+|[^\w\s]", text)
