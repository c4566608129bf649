"""Passages as vectors, for finding them by meaning: the embedding model that ships with Sotto.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) made into GGUF by
``scripts/make_embedder.py``, run by llama.cpp like the chat models. Its vectors have 384
dimensions and unit length, so the dot product of two is their cosine similarity.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.inference.llama_log import silence_llama_cpp
from desktop.core.inference.types import default_threads
from desktop.core.modelfile.errors import (
    ModelIsFolderError,
    ModelLinkLoopError,
    ModelLoadError,
    ModelMissingError,
)
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_info import read_parts
from desktop.core.paths import BUNDLED_MODELS_DIR

EMBEDDER_NAME = "all-MiniLM-L6-v2"
EMBEDDER_FILE = "all-MiniLM-L6-v2.Q8_0.gguf"
EMBEDDER_PATH = BUNDLED_MODELS_DIR / "embedding" / EMBEDDER_FILE
"""The embedding model shipped with the app. It lies in a folder of its own: every ``.gguf``
directly in ``BUNDLED_MODELS_DIR`` is offered as a chat model."""
EMBEDDER_SHA256 = "ef69bf9c0cd6960af7efb791012122325931eaa665b33144b5fb36f2b5bdd3f6"

MAX_TOKENS = 256
"""Tokens of a passage the model reads, [CLS] and [SEP] included; the rest is left out. The
model was trained on passages this long (its sentence-transformers ``max_seq_length``)."""
BATCH_TOKENS = MAX_TOKENS
"""Tokens llama.cpp reads in one go, from as many passages as fit. Packing several passages
into a larger batch gains nothing on a processor (tests/bench/bench_embed.py): attention then
spans the whole batch, so its cost grows with the batch's square."""


class EmbedderError(UserError):
    """The embedding model cannot be used. Each subclass names one reason."""


class EmbedderMissingError(EmbedderError):
    def __init__(self, path: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "EmbedderError",
                "The model Sotto uses to search your documents is missing ({path}). "
                "Install Sotto again to bring it back.",
            ),
            path=path,
        )


class EmbedderDamagedError(EmbedderError):
    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "EmbedderError",
                "The model Sotto uses to search your documents ({name}) is damaged. "
                "Install Sotto again to repair it.",
            ),
            name=name,
        )
        self.details = detail


if TYPE_CHECKING:  # numpy is imported where vectors are made: it weighs on a start
    import numpy as np
    import numpy.typing as npt

    Vectors = npt.NDArray[np.float32]


class Embedder:
    """Owns one ``llama_cpp.Llama`` that embeds passages.

    It may be made on one thread and used on another, such as a worker's; calls from several
    threads at once take turns, as llama.cpp's context serves one at a time.

    Attributes:
        name: the model's name, "all-MiniLM-L6-v2" for the shipped one.
        dimensions: the length of each vector (384).
        max_tokens: the tokens of a passage that are read; the rest is left out.
    """

    def __init__(
        self,
        path: Path = EMBEDDER_PATH,
        *,
        n_threads: int | None = None,
        max_tokens: int = MAX_TOKENS,
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        """Load the model at *path*, to run on *n_threads* threads (one per physical core if
        None, as the chat models run: llama.cpp's own choice is half of them).

        Raises:
            EmbedderMissingError: there is no file at *path*.
            EmbedderDamagedError: the file is not a whole GGUF embedding model.
        """
        header = _checked_header(path)
        n_threads = n_threads or default_threads()
        from llama_cpp import LLAMA_POOLING_TYPE_NONE, Llama, llama_batch_init

        silence_llama_cpp()

        trained = header.arch_value("context_length")
        self.max_tokens = min(max_tokens, trained) if trained > 0 else max_tokens
        batch = max(batch_tokens, self.max_tokens)
        try:
            llama = Llama(
                model_path=str(path),
                embedding=True,
                n_ctx=batch,
                n_batch=batch,
                n_ubatch=batch,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                verbose=False,
            )
        except (ValueError, RuntimeError) as error:
            raise EmbedderDamagedError(path.name, "llama.cpp could not load it") from error
        if int(llama.pooling_type()) == LLAMA_POOLING_TYPE_NONE:  # typed str, is an int
            llama.close()
            raise EmbedderDamagedError(path.name, "it does not pool its tokens into one vector")
        self._llama: Any = llama
        self._n_batch = batch
        self._n_seq_max = int(llama.context_params.n_seq_max)
        self._batch = llama_batch_init(batch, 0, 1)
        self._lock = threading.Lock()
        self.name = str(header.metadata.get("general.name") or path.stem)
        self.dimensions = int(llama.n_embd())

    def embed(self, texts: Sequence[str]) -> Vectors:
        """The vectors of *texts*, one row each, of unit length, as float32.

        A text longer than ``max_tokens`` is embedded by its beginning, as sentence-transformers
        embeds it; characters that are not text (lone surrogates, as from a damaged file) are
        read as "?".
        """
        import numpy as np

        if not texts:
            return np.empty((0, self.dimensions), dtype=np.float32)
        with self._lock:
            if self._llama is None:
                raise RuntimeError("embed() called after close()")
            vectors = self._embed([self._tokens(text) for text in texts])
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        normalized: Vectors = vectors / np.maximum(norms, np.finfo(np.float32).tiny)
        return normalized

    def close(self) -> None:
        """Free the model. Calling it again does nothing."""
        with self._lock:
            if self._llama is not None:
                import llama_cpp

                llama_cpp.llama_batch_free(self._batch)
                self._llama.close()
                self._llama = None

    def __enter__(self) -> Embedder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _tokens(self, text: str) -> list[int]:
        """*text* as tokens, [CLS] first and [SEP] last, cut to ``max_tokens``.

        ``Llama.embed`` would cut a long text itself, but drop the closing [SEP] the model was
        trained with, and at its batch size rather than the model's window.
        """
        tokens: list[int] = self._llama.tokenize(text.encode("utf-8", "replace"))
        if len(tokens) > self.max_tokens:
            tokens = tokens[: self.max_tokens - 1] + tokens[-1:]
        return tokens

    def _embed(self, sequences: list[list[int]]) -> Vectors:
        """One pooled vector per token sequence, as many sequences at a time as fit a batch."""
        import llama_cpp
        import numpy as np

        vectors = np.empty((len(sequences), self.dimensions), dtype=np.float32)
        first = 0
        while first < len(sequences):
            batch = self._batch
            batch.n_tokens = 0
            count = 0
            for tokens in sequences[first : first + self._n_seq_max]:
                if count and batch.n_tokens + len(tokens) > self._n_batch:
                    break
                for position, token in enumerate(tokens):
                    j = batch.n_tokens + position
                    batch.token[j] = token
                    batch.pos[j] = position
                    batch.n_seq_id[j] = 1
                    batch.seq_id[j][0] = count
                    batch.logits[j] = True
                batch.n_tokens += len(tokens)
                count += 1
            memory = llama_cpp.llama_get_memory(self._llama.ctx)
            if memory:
                llama_cpp.llama_memory_clear(memory, True)
            if llama_cpp.llama_decode(self._llama.ctx, batch) != 0:
                raise RuntimeError("llama_decode failed")
            for seq in range(count):
                pooled = llama_cpp.llama_get_embeddings_seq(self._llama.ctx, seq)
                vectors[first + seq] = np.ctypeslib.as_array(pooled, shape=(self.dimensions,))
            first += count
        return vectors


def _checked_header(path: Path) -> GGUFHeader:
    try:
        return read_parts(path)[0].header
    except (ModelMissingError, ModelIsFolderError, ModelLinkLoopError) as error:
        raise EmbedderMissingError(str(path)) from error
    except ModelLoadError as error:
        raise EmbedderDamagedError(path.name, str(error)) from error
