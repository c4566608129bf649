"""Sizing a model known only by its file's name and size, or its model card's label: the
hub's search results and the catalog, where no header can be read yet."""

from __future__ import annotations

import re

LAYER_SHARE = 0.85
"""The share of a model's weights in its layers, for a model whose tensors are not known:
the rest are its embeddings (15 % of 1B to 8B models, about)."""

BITS_PER_WEIGHT = {
    "F32": 32.0,
    "F16": 16.0,
    "BF16": 16.0,
    "Q8_0": 8.5,
    "Q6_K": 6.56,
    "Q5_K_M": 5.69,
    "Q5_K_S": 5.54,
    "Q5_1": 6.0,
    "Q5_0": 5.5,
    "Q4_K_M": 4.89,
    "Q4_K_S": 4.58,
    "Q4_1": 5.0,
    "Q4_0": 4.5,
    "IQ4_XS": 4.25,
    "IQ4_NL": 4.5,
    "Q3_K_L": 4.27,
    "Q3_K_M": 3.91,
    "Q3_K_S": 3.5,
    "IQ3_M": 3.7,
    "IQ3_XS": 3.3,
    "IQ3_XXS": 3.06,
    "Q2_K": 3.35,
    "IQ2_M": 2.7,
    "IQ2_XS": 2.31,
    "IQ2_XXS": 2.06,
    "IQ1_M": 1.75,
    "IQ1_S": 1.56,
}
"""Average bits a weight of each quantization takes in a whole model file, as llama.cpp's
quantize tool reports them for Llama-style models."""
_TYPICAL_BITS = BITS_PER_WEIGHT["Q4_K_M"]
"""For a file whose quantization its name does not say: the most common one."""
_QUANT_IN_NAME = re.compile(
    r"(?<![A-Z0-9])("
    + "|".join(sorted(map(re.escape, BITS_PER_WEIGHT), key=len, reverse=True))
    + r")(?![A-Z0-9])"
)
_PARAMETERS = re.compile(r"^\s*(?:(\d+)\s*x\s*)?(\d+(?:\.\d+)?)\s*([KMBT])\s*$", re.I)
_SCALES = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}


def quantization_in_name(file_name: str) -> str:
    """The quantization a file's name says ("…-Q4_K_M.gguf" says "Q4_K_M"), or ""."""
    match = _QUANT_IN_NAME.search(file_name.upper().replace("-", "_").replace(".", "_"))
    return match[1] if match else ""


def parameters_of_file(size: int, quantization: str) -> int:
    """About how many weights a model file of *size* bytes holds at *quantization*."""
    return int(size * 8 / BITS_PER_WEIGHT.get(quantization, _TYPICAL_BITS))


def parameters_of_label(label: str) -> int:
    """Weights a model card's label counts ("7.6B", "135M", "8x7B"); 0 if unreadable."""
    match = _PARAMETERS.match(label)
    if match is None:
        return 0
    experts = int(match[1]) if match[1] else 1
    return int(experts * float(match[2]) * _SCALES[match[3].upper()])


def typical_layers(parameters: int) -> int:
    """The layers a model of *parameters* weights usually has, for one whose shape is not
    known: nearly every model up to 10B has 24 to 36, larger ones more."""
    if parameters < 10 * 10**9:
        return 32
    return 48 if parameters < 40 * 10**9 else 80
