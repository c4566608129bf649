"""The embedding model Sotto ships, run by onnxruntime: all-MiniLM-L6-v2 as int8 ONNX, made by
``scripts/make_embedder.py``, with its WordPiece tokenizer (``tokenizers``) beside it.

onnxruntime picks its int8 kernels for the processor it finds (AVX-512 VNNI, AVX2, NEON),
where the llama.cpp wheel is built for a common x86 only: embedding takes about a sixth of
the processor time that the same model in GGUF Q8_0 took (tests/bench/bench_embed.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.documents.embedder_errors import EmbedderDamagedError, EmbedderMissingError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

TOKENIZER_FILE = "tokenizer.json"
"""The model's tokenizer, in the model's folder."""


class OnnxModel:
    """One onnxruntime session that embeds passages, each on its own.

    Each passage is run alone, never padded into a batch with others: the model quantises
    its activations with scales taken from the whole input, so a passage's vector would
    otherwise depend on its neighbours; and alone no time is spent on padding. Its threads
    (one per core) share each passage's matrix products.

    Attributes:
        name, dimensions, max_tokens: as ``Embedder``'s.
    """

    def __init__(self, path: Path, n_threads: int, max_tokens: int) -> None:
        """Raises:
        EmbedderMissingError: there is no model or no tokenizer at *path*'s place.
        EmbedderDamagedError: one of them is not whole.
        """
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = n_threads
        options.inter_op_num_threads = 1
        # Threads that wait for work sleep rather than spin: the window, the indexer's reading
        # and other programs share the cores (on a busy machine, spinning made embedding three
        # times slower: tests/bench/bench_embed.py).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: no warnings on the terminal
        # The graph is written fused (make_embedder.py): the further rewrites find nothing to
        # gain, and cost 0.2 s of every load.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        try:
            session = onnxruntime.InferenceSession(
                str(_file(path)), options, providers=["CPUExecutionProvider"]
            )
        except OSError as error:
            raise EmbedderMissingError(str(path)) from error
        except Exception as error:  # onnxruntime's Fail, InvalidProtobuf, ... share no base
            raise EmbedderDamagedError(
                path.name, f"onnxruntime could not load it: {error}"
            ) from error
        tokenizer_path = path.with_name(TOKENIZER_FILE)
        try:
            tokenizer = Tokenizer.from_str(_file(tokenizer_path).read_text("utf-8"))
        except OSError as error:
            raise EmbedderMissingError(str(tokenizer_path)) from error
        except Exception as error:  # the tokenizers package raises Exception itself
            raise EmbedderDamagedError(path.name, f"its tokenizer is damaged: {error}") from error
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_tokens)  # [CLS] and [SEP] kept, as in training
        self._session = session
        self._tokenizer = tokenizer
        self._input = session.get_inputs()[0].name
        self.max_tokens = max_tokens
        self.name = session.get_modelmeta().graph_name or path.stem
        self.dimensions = int(session.get_outputs()[0].shape[-1])

    def vectors(self, texts: list[str], out: npt.NDArray[np.float32]) -> None:
        """Write the vector of each of *texts* (of unit length) into *out*."""
        import numpy as np

        # A lone surrogate (a damaged file's) cannot pass into the tokenizer: it reads "?".
        clean = [text.encode("utf-8", "replace").decode("utf-8") for text in texts]
        for row, encoding in enumerate(self._tokenizer.encode_batch(clean)):
            ids = np.array([encoding.ids], dtype=np.int64)
            out[row] = self._session.run(None, {self._input: ids})[0][0]

    def close(self) -> None:
        """Nothing to free by hand: the session goes with its last reference."""


def _file(path: Path) -> Path:
    """*path*, if it is a file (onnxruntime would wait on a pipe, or fail on a folder)."""
    if not path.is_file():
        raise FileNotFoundError(path)
    return path
