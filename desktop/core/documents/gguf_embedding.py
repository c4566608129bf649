"""An embedding model in a GGUF file, run by llama.cpp like the chat models: those a user
downloads from the model library (multilingual-e5, nomic-embed, bge-m3). The one Sotto ships
runs on onnxruntime (``onnx_embedding.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.documents.embedder_errors import EmbedderDamagedError, EmbedderMissingError
from desktop.core.inference.llama_log import silence_llama_cpp
from desktop.core.modelfile.errors import (
    ModelIsFolderError,
    ModelLinkLoopError,
    ModelLoadError,
    ModelMissingError,
)
from desktop.core.modelfile.gguf import GGUFHeader
from desktop.core.modelfile.model_info import read_parts

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class GgufModel:
    """Owns one ``llama_cpp.Llama`` that embeds passages in batches of the model's window
    (``max_tokens``): a larger batch gains nothing on a processor, as attention then spans
    the whole batch and its cost grows with the batch's square. Not safe for several
    threads: ``Embedder`` makes them take turns.

    Attributes:
        name, dimensions, max_tokens: as ``Embedder``'s.
    """

    def __init__(self, path: Path, n_threads: int, max_tokens: int) -> None:
        """Raises:
        EmbedderMissingError: there is no file at *path*.
        EmbedderDamagedError: the file is not a whole GGUF embedding model.
        """
        header = _checked_header(path)
        from llama_cpp import LLAMA_POOLING_TYPE_NONE, Llama, llama_batch_init

        silence_llama_cpp()
        trained = header.arch_value("context_length")
        self.max_tokens = min(max_tokens, trained) if trained > 0 else max_tokens
        try:
            llama = Llama(
                model_path=str(path),
                embedding=True,
                n_ctx=self.max_tokens,
                n_batch=self.max_tokens,
                n_ubatch=self.max_tokens,
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
        self._batch = llama_batch_init(self.max_tokens, 0, 1)
        self._n_seq_max = int(llama.context_params.n_seq_max)
        self.name = str(header.metadata.get("general.name") or path.stem)
        self.dimensions = int(llama.n_embd())

    def vectors(self, texts: list[str], out: npt.NDArray[np.float32]) -> None:
        """Write the pooled vector of each of *texts* (not yet of unit length) into *out*,
        as many texts to a batch of ``max_tokens`` tokens as fit (short ones share one)."""
        import llama_cpp
        import numpy as np

        sequences = [self._tokens(text) for text in texts]
        first = 0
        while first < len(sequences):
            batch = self._batch
            batch.n_tokens = 0
            count = 0
            for tokens in sequences[first : first + self._n_seq_max]:
                if count and batch.n_tokens + len(tokens) > self.max_tokens:
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
                out[first + seq] = np.ctypeslib.as_array(pooled, shape=(self.dimensions,))
            first += count

    def close(self) -> None:
        import llama_cpp

        llama_cpp.llama_batch_free(self._batch)
        self._llama.close()

    def _tokens(self, text: str) -> list[int]:
        """*text* as tokens, [CLS] first and [SEP] last, cut to ``max_tokens``.

        ``Llama.embed`` would cut a long text itself, but drop the closing [SEP] the model was
        trained with, and at its batch size rather than the model's window.
        """
        tokens: list[int] = self._llama.tokenize(text.encode("utf-8", "replace"))
        if len(tokens) > self.max_tokens:
            tokens = tokens[: self.max_tokens - 1] + tokens[-1:]
        return tokens


def _checked_header(path: Path) -> GGUFHeader:
    try:
        return read_parts(path)[0].header
    except (ModelMissingError, ModelIsFolderError, ModelLinkLoopError) as error:
        raise EmbedderMissingError(str(path)) from error
    except ModelLoadError as error:
        raise EmbedderDamagedError(path.name, str(error)) from error
