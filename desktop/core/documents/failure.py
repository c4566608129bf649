"""Why a document could not be read, as the index keeps it: the reason's code and its values,
never the English sentence, so it is written in the user's language whenever it is shown.

Values are the reason's placeholders. Most are text (a file name); a size (``Bytes``) and a
marked phrase (``Marked``, such as "you may not use it") are kept as what they are, so they
are written the user's way too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.core.documents.errors import REASONS, DocumentError
from desktop.core.i18n import Marked
from desktop.core.units import Bytes


@dataclass(frozen=True)
class Failure:
    """A document's stored reason for failing.

    Attributes:
        code: the reason (``DocumentError.code``); "" for a row an older Sotto wrote, which
            kept only its English sentence (``sentence``).
        values: the JSON of the reason's values.
        details: what the system said, in its own words ("" if nothing).
        sentence: the English sentence of a row an older Sotto wrote, or "".
    """

    code: str
    values: str
    details: str = ""
    sentence: str = ""

    def error(self) -> DocumentError | None:
        """The reason as an error to show, or None for a code this Sotto does not know (a
        newer one wrote it) or an older row (see ``sentence``)."""
        kind = REASONS.get(self.code)
        if kind is None:
            return None
        params = {name: _decoded(value) for name, value in json.loads(self.values).items()}
        return kind.restored(params, self.details)


def failure_of(error: DocumentError) -> Failure:
    """*error* as the index keeps it."""
    values = {name: _encoded(value) for name, value in error.params.items()}
    return Failure(error.code, json.dumps(values, ensure_ascii=False), error.details)


def _encoded(value: Any) -> Any:
    if isinstance(value, Marked):
        return {"marked": [value.context, str(value)]}
    if isinstance(value, Bytes):
        return {"bytes": int(value)}
    return value


def _decoded(value: Any) -> Any:
    if isinstance(value, dict) and "marked" in value:
        context, text = value["marked"]
        return Marked(context, text)
    if isinstance(value, dict) and "bytes" in value:
        return Bytes(value["bytes"])
    return value
