"""What scripts/fetch_embedder_reference.py puts in .cache/embedder-reference/ for the tests:
all-MiniLM-L6-v2 as its float ONNX reference, and as GGUF, a library embedding model such as
a user downloads (run by llama.cpp rather than onnxruntime)."""

from __future__ import annotations

from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / ".cache" / "embedder-reference"
REFERENCE_MODEL = REFERENCE / "model.onnx"
REFERENCE_TOKENIZER = REFERENCE / "tokenizer.json"
GGUF_EMBEDDER = REFERENCE / "all-MiniLM-L6-v2.Q8_0.gguf"
GGUF_EMBEDDER_NAME = "all-MiniLM-L6-v2"
"""The name the GGUF model gives itself (and Sotto's bundled model before it was ONNX)."""
