"""What a model file is for: writing replies, or finding passages of documents (an embedding
model), as its GGUF header says.

An embedding model turns text into a vector and writes nothing; llama.cpp would load one as a
chat model and fail on the first reply. Its header gives it away: an encoder architecture
(BERT and its kin), or a pooling type, which only models that pool their tokens into one
vector carry.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.modelfile.errors import ModelLoadError
from desktop.core.modelfile.gguf import GGUFFormatError, GGUFHeader, read_header

ENCODER_ARCHITECTURES = frozenset(
    {"bert", "nomic-bert", "nomic-bert-moe", "jina-bert-v2", "jina-bert-v3", "neo-bert"}
)
"""llama.cpp's architectures that only embed (XLM-RoBERTa models such as BGE-M3 are "bert")."""


class EmbeddingModelError(ModelLoadError):
    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ModelLoadError",
                "{name} is a model for searching documents, not for chatting. Choose it in "
                "Settings → Documents, and choose a chat model here.",
            ),
            name=name,
        )


def embeds_only(header: GGUFHeader) -> bool:
    """Whether the model of *header* is an embedding model, which writes no replies."""
    return (
        header.architecture in ENCODER_ARCHITECTURES
        or f"{header.architecture}.pooling_type" in header.metadata
    )


def is_embedding_model(path: Path) -> bool:
    """Whether the GGUF file at *path* holds an embedding model; False for a file that
    cannot be read (loading it says why)."""
    try:
        stat = path.stat()
    except OSError:
        return False
    if not S_ISREG(stat.st_mode):  # a FIFO would block the reading for good
        return False
    return _embeds_only(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _embeds_only(path: Path, size: int, mtime_ns: int) -> bool:
    """Keyed by size and time too, so a file replaced under the same name is read again; the
    model picker asks at every refill, and a large vocabulary takes a while to step over."""
    try:
        return embeds_only(read_header(path))
    except (OSError, GGUFFormatError):
        return False
