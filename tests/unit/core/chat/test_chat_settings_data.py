"""A conversation's settings as the vault stores them: a dict that any version can read back."""

from __future__ import annotations

import json

import pytest

from desktop.core.chat.settings import ChatSettings
from desktop.core.inference.types import Sampling

CHANGED = ChatSettings(
    preset_id="custom:12",
    system_prompt="Answer like a pirate.",
    sampling=Sampling(
        temperature=1.25,
        top_p=0.8,
        top_k=0,
        min_p=0.0,
        repeat_penalty=1.3,
        max_tokens=4096,
        seed=42,
    ),
    n_ctx=8192,
    documents="Acme v Beta",
)


@pytest.mark.parametrize("settings", [ChatSettings(), CHANGED])
def test_round_trip_through_json(settings: ChatSettings) -> None:
    stored = json.dumps(settings.to_dict())
    assert ChatSettings.from_dict(json.loads(stored)) == settings


def test_the_dict_is_flat() -> None:
    assert CHANGED.to_dict() == {
        "preset_id": "custom:12",
        "system_prompt": "Answer like a pirate.",
        "n_ctx": 8192,
        "documents": "Acme v Beta",
        "temperature": 1.25,
        "top_p": 0.8,
        "top_k": 0,
        "min_p": 0.0,
        "repeat_penalty": 1.3,
        "max_tokens": 4096,
        "seed": 42,
    }


def test_missing_keys_take_the_defaults() -> None:
    assert ChatSettings.from_dict({}) == ChatSettings()
    loaded = ChatSettings.from_dict({"temperature": 0.2, "preset_id": "coder"})
    assert loaded == ChatSettings(preset_id="coder", sampling=Sampling(temperature=0.2))


def test_unknown_keys_are_ignored() -> None:
    data = CHANGED.to_dict() | {"mirostat": 2, "sampling": {"temperature": 2.0}, "theme": "dark"}
    assert ChatSettings.from_dict(data) == CHANGED


def test_values_of_the_wrong_type_take_the_defaults() -> None:
    loaded = ChatSettings.from_dict(
        {
            "preset_id": 7,
            "system_prompt": None,
            "n_ctx": "4096",
            "temperature": "hot",
            "top_k": 2.5,
            "max_tokens": True,
            "seed": "random",
        }
    )
    assert loaded == ChatSettings()


def test_whole_numbers_are_accepted_where_fractions_are_asked() -> None:
    loaded = ChatSettings.from_dict({"temperature": 1, "repeat_penalty": 2})
    assert loaded.sampling.temperature == 1.0 and isinstance(loaded.sampling.temperature, float)
    assert loaded.sampling.repeat_penalty == 2.0


def test_a_random_seed_is_kept_as_none() -> None:
    assert ChatSettings.from_dict({"seed": None}).sampling.seed is None
    assert ChatSettings.from_dict({"seed": 7}).sampling.seed == 7


def test_sampling_saved_by_an_older_version_loads() -> None:
    loaded = ChatSettings.from_dict({"temperature": 0.0, "max_tokens": 24})
    assert loaded.sampling == Sampling(temperature=0.0, max_tokens=24)
    assert loaded.preset_id == "general" and loaded.n_ctx == 0
