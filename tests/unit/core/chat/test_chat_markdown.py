"""Markdown replies as the rich text Qt shows, and replies cut into blocks as they stream."""

from __future__ import annotations

import re
from itertools import cycle

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.chat.markdown import Code, Prose, Segment, StreamSplitter, parse, render

CODE = 'def greet(name):\n\tif name < "z":  # ünïcode, 你好\n        return "\\\\n" + name\n'


def _anchors(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


def test_blocks_become_the_tags_qt_reads() -> None:
    html = render(
        "# Title\n\n## Part\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n"
        "| Left | Right |\n|:-----|------:|\n| a | 1 |\n\n"
        "Some `x < y` code, *em*, **strong** and ~~gone~~.\n"
    ).html
    assert "<h1>Title</h1>" in html and "<h2>Part</h2>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<blockquote>\n<p>quoted</p>\n</blockquote>" in html
    assert '<table border="1" cellspacing="0" cellpadding="4">' in html
    assert '<th style="text-align:left">Left</th>' in html
    assert '<td style="text-align:right">1</td>' in html
    assert "<code>x &lt; y</code>" in html
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<s>gone</s>" in html  # Qt before 6.12 does not read <del>


def test_raw_html_is_shown_as_text() -> None:
    html = render('<script>alert("hi")</script>\n\nA <img src=x onerror="go()"> inline.').html
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert" in html
    assert "&lt;img src=x onerror=" in html


def test_links_show_their_address_as_plain_text() -> None:
    rendered = render(
        "See [the docs](https://example.com/guide?a=1&b=2), <https://example.org>, "
        "[https://example.net](https://example.net) and ![a chart](chart.png)."
    )
    assert _anchors(rendered.html) == []
    assert "<img" not in rendered.html
    assert "the docs (https://example.com/guide?a=1&amp;b=2)" in rendered.html
    assert rendered.html.count("https://example.org") == 1
    assert rendered.html.count("https://example.net") == 1
    assert "and a chart." in rendered.html


def test_link_addresses_are_shown_readable() -> None:
    html = render("[café](https://example.com/caf%C3%A9)").html
    assert "café (https://example.com/café)" in html


def test_fenced_code_is_highlighted_and_kept_exactly() -> None:
    rendered = render(f"Here:\n\n```python\n{CODE}```\n")
    assert rendered.code_blocks == (CODE.removesuffix("\n"),)
    prose, code = rendered.segments
    assert isinstance(prose, Prose) and isinstance(code, Code) and code.language == "python"
    for html in (code.html(), code.html(dark=True), rendered.html):
        assert '<span style="color:' in html.split("<pre", 1)[1]
        assert "&lt;" in html and 'name < "z"' not in html
        assert "ünïcode, 你好" in html
        assert "\t" in html  # tabs are left for Qt to lay out
    assert code.html() != code.html(dark=True)  # coloured for the background


def test_unknown_or_missing_language_is_plain_text() -> None:
    rendered = render("```nosuchlanguage x=1\na <b>\n```\n\n```\nplain\n```\n")
    assert rendered.code_blocks == ("a <b>", "plain")
    assert "nosuchlanguage" in rendered.html
    for pre in re.findall(r"<pre[^>]*>(.*?)</pre>", rendered.html, re.DOTALL):
        assert "<span" not in pre
    assert "a &lt;b&gt;" in rendered.html


def test_top_level_code_blocks_are_segments_of_their_own() -> None:
    text = (
        "```js\nlet a = 1;\n```\n\ntext\n\n~~~\n\ttabbed\n\n  spaced\n~~~\n\n"
        "    indented\n    code\n\n- item\n\n  ```sh\n  echo hi\n  ```\n"
    )
    rendered = render(text)
    kinds = [type(segment).__name__ for segment in rendered.segments]
    assert kinds == ["Code", "Prose", "Code", "Code", "Prose"]
    assert rendered.code_blocks == ("let a = 1;", "\ttabbed\n\n  spaced", "indented\ncode")
    # A code block in a list stays in it, in the text's colour, its long lines wrapped.
    last = rendered.segments[-1]
    assert isinstance(last, Prose)
    assert '<pre style="white-space:pre-wrap">\necho hi</pre>' in last.html
    assert _anchors(rendered.html) == []


def test_nothing_copies_or_links_on_paper() -> None:
    html = render("```py\n" + "x = 1  # " + "a" * 500 + "\n```\n").html
    assert "Copy" not in html and _anchors(html) == []
    assert "white-space:pre-wrap" in html  # paper does not scroll


def test_single_line_ends_are_line_breaks() -> None:
    html = render("Clause 1\nClause 2\n\n1. The tenant shall pay.\n2. The landlord.\nSigned").html
    assert "<p>Clause 1<br>\nClause 2</p>" in html
    assert "The landlord.<br>\nSigned" in html
    assert "<li>The tenant shall pay.</li>" in html  # lists are still lists


def test_code_block_keeps_an_empty_first_line() -> None:
    rendered = render("```\n\nafter a blank line\n```")
    assert rendered.code_blocks == ("\nafter a blank line",)
    (code,) = rendered.segments
    assert isinstance(code, Code)
    # Qt drops one line end after <pre>, so one more is written than the code has.
    assert code.html() == "<pre>\n\nafter a blank line</pre>"
    assert ">\n\nafter a blank line</pre>" in rendered.html


REPLY = (
    "Here is a script.\n"
    "\n"
    "```python\n"
    "import sys\n"
    "\n"
    "\n"
    "def main():\n"
    "    print(sys.argv)\n"
    "```\n"
    "\n"
    "It does three things:\n"
    "\n"
    "1. reads the arguments;\n"
    "\n"
    "2. prints them;\n"
    "3. exits.\n"
    "\n"
    "That is all."
)


def _feed(text: str, sizes: list[int]) -> tuple[list[str], StreamSplitter]:
    splitter = StreamSplitter()
    runs: list[str] = []
    position = 0
    for size in cycle(sizes):
        if position >= len(text):
            break
        run = splitter.feed(text[position : position + size])
        position += size
        if run is not None:
            runs.append(run)
    return runs, splitter


def test_stream_is_cut_between_blocks_never_inside_a_fence() -> None:
    runs, splitter = _feed(REPLY, [3, 1, 4, 2, 5])
    assert "".join(runs) + splitter.tail == REPLY
    assert runs == [
        "Here is a script.\n\n",
        "```python\nimport sys\n\n\ndef main():\n    print(sys.argv)\n```\n\n",
        "It does three things:\n\n",
        # A loose list is one block: cut, it would be two lists.
        "1. reads the arguments;\n\n2. prints them;\n3. exits.\n\n",
    ]
    assert splitter.tail == "That is all."


def test_a_run_is_given_as_soon_as_the_next_block_begins() -> None:
    splitter = StreamSplitter()
    assert splitter.feed("First paragraph.\n") is None
    assert splitter.feed("\n") is None  # the next line may continue a list or code
    assert splitter.feed("S") == "First paragraph.\n\n"
    assert splitter.tail == "S"


def test_indented_continuation_is_not_cut() -> None:
    runs, splitter = _feed("- item\n\n  more of the item\n\n    code\n\nnext\n", [2])
    assert runs == ["- item\n\n  more of the item\n\n    code\n\n"]
    assert splitter.tail == "next\n"


def test_fence_in_a_list_item_is_not_cut() -> None:
    text = "- step\n  ```\n  one\n\n  two\n  ```\n\n- more\n\nend\n"
    runs, splitter = _feed(text, [1])
    assert runs == ["- step\n  ```\n  one\n\n  two\n  ```\n\n- more\n\n"]
    assert splitter.tail == "end\n"


def test_fence_closed_by_the_end_of_its_list_item_is_not_taken_for_open() -> None:
    # The "```" under "b" opens a fence: the one in the item closed when the item did.
    text = "- a\n  ```\n  x\nb\n```\ncode\n\nmore code\n```\n\nafter\n\nlast"
    runs, splitter = _feed(text, [1])
    assert runs == ["- a\n  ```\n  x\nb\n```\ncode\n\nmore code\n```\n\n", "after\n\n"]
    assert splitter.tail == "last"


def _rendered_in_runs(parts: list[str]) -> list[Segment]:
    """The segments of *parts* rendered one by one, prose that meets made one."""
    segments: list[Segment] = []
    for part in parts:
        for segment in render(part).segments:
            last = segments[-1] if segments else None
            if isinstance(segment, Prose) and isinstance(last, Prose):
                segments[-1] = Prose(last.html + segment.html)
            else:
                segments.append(segment)
    return segments


LINES = [
    "",
    "",
    "text",
    "*em* and `code`",
    "```",
    "```py",
    "~~~",
    "````",
    "   ```",
    "- item",
    "* star",
    "1. one",
    "2) two",
    "  indented",
    "    code",
    "\ttab",
    "> quote",
    "| a | b |",
    "|---|---|",
    "***",
    "# heading",
    "===",
    "-",
    " - sub",
    "<b>",
]


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(LINES) | st.text(alphabet="`~-*+1.)> \t\nab#|", max_size=8), max_size=30
    ).map("\n".join),
    sizes=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8),
)
def test_stream_runs_are_whole_blocks(text: str, sizes: list[int]) -> None:
    runs, splitter = _feed(text, sizes)
    assert "".join(runs) + splitter.tail == text
    fences = [token.map for token in parse(text) if token.type == "fence" and token.map]
    line = 0
    for run in runs:
        line += run.count("\n")
        assert run.splitlines()[-1].strip(" \t") == ""  # a run ends with a blank line
        assert not any(start < line < end for start, end in fences), (run, line)
    # Shown run by run, the reply looks as it does whole.
    assert _rendered_in_runs([*runs, splitter.tail]) == list(render(text).segments)
