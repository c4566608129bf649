"""A model is called by its catalog name, with the catalog's one line on it, not by its file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.language import CHINESE
from desktop.core.library.catalog import load_catalog
from desktop.core.library.names import description, display_name, use_catalog


@pytest.fixture(autouse=True)
def english_catalog() -> Iterator[None]:
    use_catalog(load_catalog())
    yield
    use_catalog(load_catalog())


def test_a_catalog_file_is_called_by_the_catalog_name_wherever_it_lies() -> None:
    path = Path("/home/ann/models/Llama-3.2-3B-Instruct-Q4_K_M.gguf")
    assert display_name(path) == "Llama 3.2 3B Instruct"
    assert display_name(Path("llama-3.2-3b-instruct-q8_0.gguf")) == "Llama 3.2 3B Instruct"
    assert description(path) == (
        "A capable everyday assistant that still runs on an ordinary laptop."
    )


def test_each_part_of_a_split_catalog_model_has_its_name() -> None:
    for part in (1, 2):
        path = Path(f"qwen2.5-7b-instruct-q4_k_m-0000{part}-of-00002.gguf")
        assert display_name(path) == "Qwen2.5 7B Instruct"


def test_a_file_the_catalog_does_not_know_is_named_from_its_file_name() -> None:
    starter = Path("SmolLM2-135M-Instruct.Q4_1.gguf")
    assert display_name(starter) == "SmolLM2 135M Instruct"
    assert display_name(Path("my_own-model-00001-of-00003.gguf")) == "my own model"
    assert display_name(Path("Drafting-Helper-F16.gguf")) == "Drafting Helper"
    assert description(starter) == ""


def test_descriptions_follow_the_catalog_in_the_users_language() -> None:
    path = Path("gemma-2-2b-it-Q4_K_M.gguf")
    english = description(path)
    use_catalog(load_catalog(language=CHINESE))
    chinese = description(path)
    assert display_name(path) == "Gemma 2 2B Instruct"
    assert chinese != english and "Google" in chinese and "笔记本电脑" in chinese
