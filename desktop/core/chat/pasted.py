"""Long pastes in a question: the model reads them in full, the question's bubble shows them
folded.

A paste longer than ``FOLDED_FROM`` characters is not put in the composer; it goes with the
question as a fenced block marked ``pasted``, after what the user typed::

    What does clause 4 say?

    ```pasted
    (the pasted text, whole)
    ```

The fence is longer than any run of backticks in the pasted text, so no text can close it
early. The message is kept that way in the history, so the model reads the same text again
on every turn, and ``fold_pasted`` gives the words the user typed back for the bubble.
"""

from __future__ import annotations

import re

FOLDED_FROM = 1500
"""A paste longer than this many characters is attached to the question, folded."""

_MARK = "pasted"
_BLOCK = re.compile(
    rf"(?:\n\n|^)(?P<fence>`{{3,}}){_MARK}\n(?P<text>.*?)\n(?P=fence)(?=\n\n|$)", re.DOTALL
)
_WORD = re.compile(
    r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|[^\s\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+"
)


def with_pasted(typed: str, pasted: list[str]) -> str:
    """The message that carries *typed* and then each of *pasted*, as a fenced block."""
    parts = [typed.rstrip()] if typed.strip() else []
    for text in pasted:
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        parts.append(f"{fence}{_MARK}\n{text}\n{fence}")
    return "\n\n".join(parts)


def split_pasted(text: str) -> tuple[str, list[str]]:
    """What was typed and the texts pasted, of a message made by ``with_pasted``."""
    pasted = [match["text"] for match in _BLOCK.finditer(text)]
    return _BLOCK.sub("", text).strip(), pasted


def fold_pasted(text: str) -> tuple[str, int]:
    """A message as its bubble shows it: what was typed, and how many pasted texts are folded
    (the bubble says so below it, with ``word_count`` of each from ``split_pasted``)."""
    shown, pasted = split_pasted(text)
    return shown, len(pasted)


def word_count(text: str) -> int:
    """How many words *text* has; each Chinese or Japanese character counts as one."""
    return len(_WORD.findall(text))
