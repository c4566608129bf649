"""Passages as vectors, for finding them by meaning: the embedding model that ships with Sotto,
or one the user downloaded.

The shipped model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as int8 ONNX, made
by ``scripts/make_embedder.py`` and run by onnxruntime (``onnx_embedding.py``); a model from
the library is a GGUF file run by llama.cpp (``gguf_embedding.py``). Either way the vectors
have unit length, so the dot product of two is their cosine similarity; the shipped model's
have 384 dimensions.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from desktop.core.inference.types import default_threads
from desktop.core.paths import BUNDLED_MODELS_DIR

if TYPE_CHECKING:  # numpy is imported where vectors are made: it weighs on a start
    import numpy as np
    import numpy.typing as npt

    from desktop.core.documents.gguf_embedding import GgufModel
    from desktop.core.documents.onnx_embedding import OnnxModel

    Vectors = npt.NDArray[np.float32]

EMBEDDER_NAME = "all-MiniLM-L6-v2 int8"
"""The shipped model's name, as a collection records the model that embedded it. The same
model run by llama.cpp (Sotto 0.x shipped it as GGUF Q8_0) was "all-MiniLM-L6-v2": its
vectors differ a little, so a collection embedded by it is embedded again (``schema.py``)."""
EMBEDDER_FILE = "all-MiniLM-L6-v2.int8.onnx"
EMBEDDER_PATH = BUNDLED_MODELS_DIR / "embedding" / EMBEDDER_FILE
"""The embedding model shipped with the app, with its tokenizer beside it. It lies in a folder
of its own: every ``.gguf`` directly in ``BUNDLED_MODELS_DIR`` is offered as a chat model."""
TOKENIZER_PATH = EMBEDDER_PATH.with_name("tokenizer.json")
EMBEDDER_SHA256 = "4fdd47fe3fc017ea7c5b877d47e2dc9a280d5145f8ef82aafdecdae91049ef20"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"

MAX_TOKENS = 256
"""Tokens of a passage the model reads, [CLS] and [SEP] included; the rest is left out. The
model was trained on passages this long (its sentence-transformers ``max_seq_length``)."""


class Embedder:
    """Owns one embedding model: the shipped ONNX one, or a GGUF one from the library.

    It may be made on one thread and used on another, such as a worker's; calls from several
    threads at once take turns (llama.cpp's context serves one at a time).

    Attributes:
        name: the model's name, ``EMBEDDER_NAME`` for the shipped one.
        dimensions: the length of each vector (384 for the shipped one).
        max_tokens: the tokens of a passage that are read; the rest is left out.
    """

    def __init__(
        self,
        path: Path = EMBEDDER_PATH,
        *,
        n_threads: int | None = None,
        max_tokens: int = MAX_TOKENS,
    ) -> None:
        """Load the model at *path* (``.onnx``: onnxruntime; else a GGUF file: llama.cpp), to
        run on *n_threads* threads (one per physical core if None, as the chat models run).

        Raises:
            EmbedderMissingError: there is no file at *path* (or no tokenizer beside an ONNX).
            EmbedderDamagedError: the file is not a whole embedding model.
        """
        n_threads = n_threads or default_threads()
        model: OnnxModel | GgufModel
        if path.suffix.lower() == ".onnx":
            from desktop.core.documents.onnx_embedding import OnnxModel

            model = OnnxModel(path, n_threads, max_tokens)
        else:
            from desktop.core.documents.gguf_embedding import GgufModel

            model = GgufModel(path, n_threads, max_tokens)
        self._model: OnnxModel | GgufModel | None = model
        self._lock = threading.Lock()
        self.name = model.name
        self.dimensions = model.dimensions
        self.max_tokens = model.max_tokens

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The vectors of *texts*, one row each, of unit length, as float32.

        Each text's vector is the one it gets alone, whatever else is embedded with it. A
        text longer than ``max_tokens`` is embedded by its beginning, as sentence-transformers
        embeds it; characters that are not text (lone surrogates, as from a damaged file) are
        read as "?".
        """
        import numpy as np

        vectors: Vectors = np.empty((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return vectors
        with self._lock:
            if self._model is None:
                raise RuntimeError("embed() called after close()")
            self._model.vectors(list(texts), vectors)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors /= np.maximum(norms, np.finfo(np.float32).tiny)
        return vectors

    def close(self) -> None:
        """Free the model. Calling it again does nothing."""
        with self._lock:
            if self._model is not None:
                self._model.close()
                self._model = None

    def __enter__(self) -> Embedder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
