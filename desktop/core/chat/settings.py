"""A conversation's settings: its preset, system prompt, sampling, context length and the
documents it answers from."""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, get_args, get_type_hints

from desktop.core.inference.types import Sampling


@dataclass(frozen=True)
class ChatSettings:
    """How one conversation asks the model.

    Attributes:
        preset_id: the preset the system prompt came from ("general", or "custom:12").
        system_prompt: the system prompt in force, perhaps edited from the preset's.
        sampling: how the next token is chosen.
        n_ctx: the context length in tokens; 0 is the model's default.
        documents: the collection of documents its questions are answered from ("" for
            none).
    """

    preset_id: str = "general"
    system_prompt: str = ""
    sampling: Sampling = field(default_factory=Sampling)
    n_ctx: int = 0
    documents: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The settings as one flat, JSON-ready dict (what the vault stores)."""
        return {
            "preset_id": self.preset_id,
            "system_prompt": self.system_prompt,
            "n_ctx": self.n_ctx,
            "documents": self.documents,
            **asdict(self.sampling),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ChatSettings:
        """Settings from *data*, as saved by this or any other version.

        Unknown keys are ignored; missing keys, and values of the wrong type, take the
        defaults. A dict of sampling fields alone (what older versions saved) loads too.
        """
        sampling = Sampling(**_known_values(Sampling, data))
        return cls(sampling=sampling, **_known_values(cls, data, skip=frozenset({"sampling"})))


_MISFIT = object()


def _known_values(
    kind: type[Any], data: Mapping[str, Any], skip: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The values in *data* for the fields of the dataclass *kind* that have the right type."""
    hints = get_type_hints(kind)
    values: dict[str, Any] = {}
    for each in fields(kind):
        if each.name in skip or each.name not in data:
            continue
        value = _fitted(data[each.name], hints[each.name])
        if value is not _MISFIT:
            values[each.name] = value
    return values


def _fitted(value: Any, hint: Any) -> Any:
    """*value* as the type *hint* asks (an int where a float is asked), or ``_MISFIT``."""
    allowed = get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if isinstance(value, bool):  # bool is an int to Python, never a number here
        return value if bool in allowed else _MISFIT
    if float in allowed and isinstance(value, int):
        return float(value)
    return value if isinstance(value, allowed) else _MISFIT
