"""The engine with the real starter model and real llama.cpp."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from desktop.core.inference.engine import Engine
from desktop.core.inference.errors import ChatTemplateError, ConversationTooLongError
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.types import Message, Sampling
from desktop.core.modelfile.errors import (
    ModelCorruptError,
    ModelLoadError,
    ModelMissingError,
    ModelTooBigError,
    ModelTruncatedError,
    NotGGUFError,
)
from tests.conftest import BadModels

GREEDY = Sampling(temperature=0.0, max_tokens=48)
QUESTION = [Message(role="user", content="Name three colours of the rainbow.")]


def test_greedy_reply_is_text_and_repeatable(engine: Engine) -> None:
    first = engine.chat(QUESTION, GREEDY, lambda piece: None)
    second = engine.chat(QUESTION, GREEDY, lambda piece: None)
    assert first.text.strip()
    assert first.text == second.text
    assert first.tokens > 1
    assert not first.cancelled
    assert first.tokens_per_second > 0
    assert 0 < first.first_token_seconds <= first.seconds


def test_reply_streams_in_pieces_that_make_the_text(engine: Engine) -> None:
    pieces: list[str] = []
    reply = engine.chat(QUESTION, GREEDY, pieces.append)
    assert len(pieces) > 1
    assert "".join(pieces) == reply.text


def test_chat_template_comes_from_the_model(engine: Engine) -> None:
    model = engine.model
    assert model is not None
    assert "<|im_start|>" in model.header.metadata["tokenizer.chat_template"]


def test_cancel_stops_within_a_few_tokens(engine: Engine) -> None:
    cancel = threading.Event()
    pieces: list[str] = []

    def on_text(piece: str) -> None:
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()

    long_story = [Message(role="user", content="Tell me a very long story about a lighthouse.")]
    reply = engine.chat(long_story, Sampling(temperature=0.0, max_tokens=400), on_text, cancel)
    assert reply.cancelled
    assert 3 <= len(pieces) <= 6
    assert reply.tokens <= 8


def test_a_message_longer_than_the_context_is_refused(engine: Engine) -> None:
    model = engine.model
    assert model is not None
    flood = [Message(role="user", content="word " * model.n_ctx)]
    with pytest.raises(ConversationTooLongError, match="longer than the model can read"):
        engine.chat(flood, GREEDY, lambda piece: None)
    assert engine.chat(QUESTION, GREEDY, lambda piece: None).text  # still usable


@pytest.mark.parametrize(
    ("make", "error", "sentence"),
    [
        ("missing", ModelMissingError, "was not found"),
        ("not_gguf", NotGGUFError, "is not a GGUF model file"),
        ("truncated", ModelTruncatedError, "is incomplete"),
        ("corrupt", ModelCorruptError, "is damaged"),
        ("too_big", ModelTooBigError, "of memory, but only"),
    ],
)
def test_bad_model_file_raises_its_error_and_keeps_the_loaded_model(
    engine: Engine, bad_models: BadModels, make: str, error: type[ModelLoadError], sentence: str
) -> None:
    loaded = engine.model
    path: Path = getattr(bad_models, make)()
    with pytest.raises(error, match=sentence) as raised:
        engine.load(path)
    assert isinstance(raised.value, ModelLoadError)
    assert path.name in str(raised.value)
    assert engine.model == loaded
    assert engine.chat(QUESTION, GREEDY, lambda piece: None).text


def test_file_llama_cpp_rejects_after_the_checks_is_reported_as_damaged(
    bad_models: BadModels, tmp_path: Path
) -> None:
    """A header that reads well but that llama.cpp refuses: an unknown architecture."""
    data = bad_models.starter.read_bytes()
    renamed = data.replace(
        b"\x05\x00\x00\x00\x00\x00\x00\x00llama", b"\x05\x00\x00\x00\x00\x00\x00\x00zzzzz", 1
    )
    assert renamed != data
    path = tmp_path / "unknown-architecture.gguf"
    path.write_bytes(renamed)
    engine = Engine(SelfCheck(tmp_path / "selfcheck.json"))
    with pytest.raises(ModelCorruptError, match="is damaged") as damaged:
        engine.load(path)
    assert "llama.cpp could not load it" in damaged.value.details
    assert engine.model is None


def test_broken_chat_template_is_refused_at_load(bad_models: BadModels, tmp_path: Path) -> None:
    engine = Engine(SelfCheck(tmp_path / "selfcheck.json"))
    with pytest.raises(ChatTemplateError, match=r"broken-template\.gguf does not work"):
        engine.load(bad_models.broken_template())
    assert engine.model is None


def test_template_that_refuses_a_conversation_says_so(
    bad_models: BadModels, tmp_path: Path
) -> None:
    engine = Engine(SelfCheck(tmp_path / "selfcheck.json"))
    engine.load(bad_models.refusing_template())
    with pytest.raises(ChatTemplateError, match="refusing-template does not work") as refused:
        engine.chat(QUESTION, GREEDY, lambda piece: None)
    assert refused.value.details == "no"  # what the template itself said
    engine.unload()
