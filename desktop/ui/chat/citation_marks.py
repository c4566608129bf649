"""A reply's citations, "[2]", shown as small chips that open the passage they cite."""

from __future__ import annotations

import re
from collections.abc import Collection

from PySide6.QtCore import QUrl
from PySide6.QtGui import QPalette

from desktop.ui.chat.message_colours import mix

SCHEME = "cite"
"""The scheme of a chip's link: ``cite:2`` cites the reply's second source."""

_MARK = re.compile(r"\[(\d{1,3})\]")
_CODE = re.compile(r"(<pre\b.*?</pre>|<code\b.*?</code>)", re.DOTALL)
_CHIP_TINT = 0.3


def with_citations(html: str, numbers: Collection[int], palette: QPalette) -> str:
    """*html*, a reply's prose, with each "[n]" outside code, where n is one of *numbers*,
    shown as a chip: its number in the link colour on a tinted ground, a link to
    ``cite:n``."""
    if not numbers or "[" not in html:
        return html
    ground = mix(
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.Highlight),
        _CHIP_TINT,
    ).name()
    ink = palette.color(QPalette.ColorRole.Link).name()

    def chip(found: re.Match[str]) -> str:
        number = int(found[1])
        if number not in numbers:
            return found[0]
        return (
            f'<a href="{SCHEME}:{number}" style="text-decoration:none; color:{ink}; '
            f'background-color:{ground}; font-weight:600; font-size:small;">'
            f"&nbsp;{number}&nbsp;</a>"
        )

    parts = _CODE.split(html)
    return "".join(part if index % 2 else _MARK.sub(chip, part) for index, part in enumerate(parts))


def cited(url: QUrl) -> int | None:
    """The source number a chip's link *url* cites; None for another link."""
    if url.scheme() != SCHEME or not url.path().isdigit():
        return None
    return int(url.path())
