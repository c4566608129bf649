"""The shipped embedding model, run by llama.cpp, against the same model run another way.

The reference is all-MiniLM-L6-v2's int8 ONNX export run by onnxruntime, with the model's own
tokenizer, mean pooling and L2 normalisation, as sentence-transformers runs it; setup fetches
it into .cache/ (scripts/fetch_embedder_reference.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime
import pytest
from tokenizers import Tokenizer

from desktop.core.documents.embedder import (
    EMBEDDER_PATH,
    EMBEDDER_SHA256,
    Embedder,
    EmbedderDamagedError,
    EmbedderMissingError,
)
from desktop.core.library.digest import file_sha256

REFERENCE = Path(__file__).resolve().parents[4] / ".cache" / "embedder-reference"

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


@pytest.fixture(scope="module")
def embedder() -> Iterator[Embedder]:
    assert EMBEDDER_PATH.is_file(), f"{EMBEDDER_PATH} is missing: run `make setup` first"
    with Embedder(n_threads=2) as embedder:
        yield embedder


def _reference(texts: list[str]) -> npt.NDArray[np.float32]:
    model = REFERENCE / "model.onnx"
    assert model.is_file(), f"{model} is missing: run `make setup` first"
    tokenizer = Tokenizer.from_file(str(REFERENCE / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(256)  # the model's max_seq_length
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
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


def test_vectors_match_the_reference_model_for_every_sentence(embedder: Embedder) -> None:
    cosines = np.sum(embedder.embed(SENTENCES) * _reference(SENTENCES), axis=1)
    worst = int(np.argmin(cosines))
    assert cosines.min() >= 0.98, f"cos {cosines[worst]:.4f} for {SENTENCES[worst][:60]!r}"


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
    assert embedder.name == "all-MiniLM-L6-v2"
    assert embedder.dimensions == 384
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_a_batch_gives_the_vectors_each_text_gives_alone(embedder: Embedder) -> None:
    together = embedder.embed(SENTENCES)
    alone = np.concatenate([embedder.embed([text]) for text in SENTENCES])
    # Not bit for bit: llama.cpp multiplies a batch's rows in blocks of another shape.
    assert np.sum(together * alone, axis=1).min() > 0.9999


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


def test_threads_may_embed_at_once_and_get_the_same_vectors(embedder: Embedder) -> None:
    expected = embedder.embed(SENTENCES[:6])
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: embedder.embed(SENTENCES[:6]), range(6)))
    for vectors in results:
        np.testing.assert_allclose(vectors, expected, atol=1e-5)


def test_an_embedder_made_on_one_thread_works_on_another() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        embedder = pool.submit(Embedder, n_threads=1).result()
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            vectors = pool.submit(embedder.embed, ["from a worker"]).result()
        assert vectors.shape == (1, 384)
    finally:
        embedder.close()


def test_a_truncated_model_file_is_reported_as_damaged(tmp_path: Path) -> None:
    copy = tmp_path / EMBEDDER_PATH.name
    with EMBEDDER_PATH.open("rb") as source, copy.open("wb") as out:
        out.write(source.read(EMBEDDER_PATH.stat().st_size // 2))
    with pytest.raises(EmbedderDamagedError) as raised:
        Embedder(copy)
    assert EMBEDDER_PATH.name in str(raised.value)
    assert "Install Sotto again" in str(raised.value)


def test_a_file_that_is_not_gguf_is_reported_as_damaged(tmp_path: Path) -> None:
    bogus = tmp_path / EMBEDDER_PATH.name
    bogus.write_bytes(b"not a model at all" * 100)
    with pytest.raises(EmbedderDamagedError):
        Embedder(bogus)


def test_a_missing_model_file_is_reported_as_missing(tmp_path: Path) -> None:
    with pytest.raises(EmbedderMissingError) as raised:
        Embedder(tmp_path / "gone.gguf")
    assert "gone.gguf" in str(raised.value)


def test_a_chat_model_is_not_taken_for_an_embedding_model(starter_model: Path) -> None:
    with pytest.raises(EmbedderDamagedError):
        Embedder(starter_model)


def test_closing_twice_is_harmless_and_embedding_after_it_is_a_bug() -> None:
    embedder = Embedder(n_threads=1)
    embedder.close()
    embedder.close()
    with pytest.raises(RuntimeError):
        embedder.embed(["too late"])
