"""The embedding models, as Sotto runs them, against the same model run another way.

Both runtimes are tested on all-MiniLM-L6-v2: the int8 ONNX model Sotto ships (onnxruntime),
and the same model as GGUF Q8_0, as an embedding model from the library is run (llama.cpp).
The reference is the model's ONNX export with float activations run by onnxruntime, with the
model's own tokenizer, mean pooling and L2 normalisation, as sentence-transformers runs it;
setup fetches it into .cache/ (scripts/fetch_embedder_reference.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime
import pytest
from tokenizers import Tokenizer

from desktop.core.documents.embedder import (
    EMBEDDER_NAME,
    EMBEDDER_PATH,
    EMBEDDER_SHA256,
    TOKENIZER_PATH,
    TOKENIZER_SHA256,
    Embedder,
)
from desktop.core.documents.embedder_errors import EmbedderDamagedError, EmbedderMissingError
from desktop.core.library.digest import file_sha256
from tests.embedder_reference import (
    GGUF_EMBEDDER,
    GGUF_EMBEDDER_NAME,
    REFERENCE_MODEL,
    REFERENCE_TOKENIZER,
)

SENTENCES = [
    "hi",
    "The cat sat on the mat.",
    "How do I reset my password?",
    "Stock markets fell sharply on Tuesday after the central bank raised interest rates.",
    "Photosynthesis converts light energy into chemical energy stored in glucose.",
    "Q3 revenue grew 12% year over year to $4.2 billion, beating analysts' estimates.",
    "The Licensee shall indemnify and hold harmless the Licensor against all claims arising "
    "from the use of the Software.",
    "Notwithstanding clause 4.2, either party may terminate this Agreement upon thirty (30) "
    "days' written notice to the other party.",
    "This Agreement shall be governed by and construed in accordance with the laws of England "
    "and Wales, and the courts of London shall have exclusive jurisdiction.",
    "我想在苹果公司工作。",
    "今天天气很好，我们去公园散步吧。",
    "Café au lait, naïve résumé — déjà vu!",
    (
        "Each party shall keep the other's Confidential Information secret and use it only to "
        "perform its obligations under this Agreement. "
    )
    * 12,
]
"""English, legal wording, Chinese, accents, short and long (the last one past 256 tokens)."""

MODELS = {"shipped": EMBEDDER_PATH, "gguf": GGUF_EMBEDDER}
"""The model Sotto ships (onnxruntime) and the same model as a library GGUF (llama.cpp)."""


@pytest.fixture(scope="module", params=sorted(MODELS))
def embedder(request: pytest.FixtureRequest) -> Iterator[Embedder]:
    path = MODELS[request.param]
    assert path.is_file(), f"{path} is missing: run `make setup` first"
    # llama.cpp's threads wait for each other by spinning: on a busy machine one is faster.
    with Embedder(path, n_threads=2 if path == EMBEDDER_PATH else 1) as embedder:
        yield embedder


@pytest.fixture(scope="module")
def shipped() -> Iterator[Embedder]:
    with Embedder(n_threads=2) as embedder:
        yield embedder


def _reference(texts: list[str]) -> npt.NDArray[np.float32]:
    assert REFERENCE_MODEL.is_file(), f"{REFERENCE_MODEL} is missing: run `make setup` first"
    tokenizer = Tokenizer.from_file(str(REFERENCE_TOKENIZER))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)  # the model's max_seq_length
    session = onnxruntime.InferenceSession(str(REFERENCE_MODEL), providers=["CPUExecutionProvider"])
    vectors = []
    for text in texts:
        ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.zeros_like(ids),
        }
        hidden = session.run(None, feeds)[0][0]
        mean = hidden.mean(axis=0)
        vectors.append(mean / np.linalg.norm(mean))
    return np.array(vectors, dtype=np.float32)


def test_the_shipped_model_is_the_one_make_embedder_makes() -> None:
    assert file_sha256(EMBEDDER_PATH) == EMBEDDER_SHA256
    assert file_sha256(TOKENIZER_PATH) == TOKENIZER_SHA256


def test_vectors_match_the_reference_model_for_every_sentence(embedder: Embedder) -> None:
    cosines = np.sum(embedder.embed(SENTENCES) * _reference(SENTENCES), axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.98, f"cos {cosines[worst]:.4f} for {SENTENCES[worst][:60]!r}"
    assert cosines.mean() >= 0.99


def test_the_runtimes_name_their_vectors_apart(shipped: Embedder) -> None:
    # A collection records the name: the two runtimes' vectors are never mixed in one.
    assert shipped.name == EMBEDDER_NAME
    with Embedder(GGUF_EMBEDDER, n_threads=1) as gguf:
        assert gguf.name == GGUF_EMBEDDER_NAME != EMBEDDER_NAME


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence(embedder: Embedder) -> None:
    pairs = [
        ("The tenant must pay the rent on the first day of each month.",
         "Rent is due from the lessee at the start of every month.",
         "The football match was postponed because of heavy rain."),
        ("How do I change my password?",
         "What are the steps to reset my password?",
         "Penguins live mostly in the Southern Hemisphere."),
        ("Either party may end the contract with thirty days' notice.",
         "The agreement can be terminated by either side on 30 days' written notice.",
         "Add two cups of flour and stir until smooth."),
        ("我喜欢吃苹果。", "苹果是我最喜欢的水果。", "The court dismissed the appeal."),
    ]  # fmt: skip
    for sentence, paraphrase, unrelated in pairs:
        one, near, far = embedder.embed([sentence, paraphrase, unrelated])
        assert one @ near > one @ far + 0.1, sentence


def test_vectors_are_float32_rows_of_unit_length(embedder: Embedder) -> None:
    vectors = embedder.embed(["one passage", "another passage, a little longer", ""])
    assert embedder.dimensions == 384
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_a_batch_gives_the_vectors_each_text_gives_alone(embedder: Embedder) -> None:
    together = embedder.embed(SENTENCES)
    alone = np.concatenate([embedder.embed([text]) for text in SENTENCES])
    # Not bit for bit with llama.cpp: it multiplies a batch's rows in blocks of another shape.
    assert np.sum(together * alone, axis=1).min() > 0.9999


def test_the_shipped_models_vector_of_a_text_never_depends_on_its_neighbours(
    shipped: Embedder,
) -> None:
    # Its activations are quantised with scales of the whole input: each text is run alone.
    texts = [SENTENCES[1], SENTENCES[-1], SENTENCES[9]]
    first = shipped.embed(texts)
    again = shipped.embed([texts[0], "x " * 300, texts[1], "", texts[2]])
    np.testing.assert_array_equal(first, again[[0, 2, 4]])


def test_no_texts_give_no_vectors(embedder: Embedder) -> None:
    vectors = embedder.embed([])
    assert vectors.shape == (0, 384)
    assert vectors.dtype == np.float32


def test_a_text_past_the_models_window_is_embedded_by_its_beginning(embedder: Embedder) -> None:
    words = [f"clause{n % 97} shall apply to party{n % 13}" for n in range(1000)]
    long = " ".join(words)  # 5,000 words
    beginning = " ".join(words[:200])  # already more than 256 tokens
    vectors = embedder.embed([long, beginning])
    assert vectors[0] @ vectors[1] > 0.99


def test_text_that_is_not_valid_unicode_is_embedded(embedder: Embedder) -> None:
    vectors = embedder.embed(["a damaged \udcff file", "\x00\x01 control characters"])
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(vectors[0], embedder.embed(["a damaged ? file"])[0], atol=1e-6)


def test_threads_may_embed_at_once_and_get_the_same_vectors(embedder: Embedder) -> None:
    expected = embedder.embed(SENTENCES[:6])
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: embedder.embed(SENTENCES[:6]), range(6)))
    for vectors in results:
        np.testing.assert_allclose(vectors, expected, atol=1e-5)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_an_embedder_made_on_one_thread_works_on_another(model: str) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        embedder = pool.submit(Embedder, MODELS[model], n_threads=1).result()
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            vectors = pool.submit(embedder.embed, ["from a worker"]).result()
        assert vectors.shape == (1, 384)
    finally:
        embedder.close()


def _copied(model: Path, folder: Path, size: int | None = None) -> Path:
    """*model* copied into *folder* (its first *size* bytes), with the tokenizer beside it."""
    copy = folder / model.name
    with model.open("rb") as source, copy.open("wb") as out:
        out.write(source.read(size if size is not None else -1))
    shutil.copy(TOKENIZER_PATH, folder / TOKENIZER_PATH.name)
    return copy


@pytest.mark.parametrize("model", sorted(MODELS))
def test_a_truncated_model_file_is_reported_as_damaged(model: str, tmp_path: Path) -> None:
    path = MODELS[model]
    copy = _copied(path, tmp_path, path.stat().st_size // 2)
    with pytest.raises(EmbedderDamagedError) as raised:
        Embedder(copy)
    assert path.name in str(raised.value)
    assert "Install Sotto again" in str(raised.value)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_a_file_that_is_not_a_model_is_reported_as_damaged(model: str, tmp_path: Path) -> None:
    bogus = tmp_path / MODELS[model].name
    bogus.write_bytes(b"not a model at all" * 100)
    with pytest.raises(EmbedderDamagedError):
        Embedder(bogus)


@pytest.mark.parametrize("name", ["gone.gguf", "gone.onnx"])
def test_a_missing_model_file_is_reported_as_missing(name: str, tmp_path: Path) -> None:
    with pytest.raises(EmbedderMissingError) as raised:
        Embedder(tmp_path / name)
    assert name in str(raised.value)


def test_a_missing_or_damaged_tokenizer_is_reported(tmp_path: Path) -> None:
    copy = _copied(EMBEDDER_PATH, tmp_path)
    tokenizer = tmp_path / TOKENIZER_PATH.name
    tokenizer.unlink()
    with pytest.raises(EmbedderMissingError) as missing:
        Embedder(copy)
    assert str(tokenizer) in str(missing.value)
    tokenizer.write_text('{"model": "not a tokenizer"', encoding="utf-8")
    with pytest.raises(EmbedderDamagedError):
        Embedder(copy)


def test_a_chat_model_is_not_taken_for_an_embedding_model(starter_model: Path) -> None:
    with pytest.raises(EmbedderDamagedError):
        Embedder(starter_model)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_closing_twice_is_harmless_and_embedding_after_it_is_a_bug(model: str) -> None:
    embedder = Embedder(MODELS[model], n_threads=1)
    embedder.close()
    embedder.close()
    with pytest.raises(RuntimeError):
        embedder.embed(["too late"])
