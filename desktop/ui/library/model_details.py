"""The Details of an installed model: what its file says of it (file name, architecture,
quantization, bits), for whoever wants the figures behind its name."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication

from desktop.core.library.installed import InstalledModel
from desktop.core.modelfile.model_info import ModelInfo
from desktop.text.units import format_bytes


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelDetails", text)


def details_html(model: InstalledModel, info: ModelInfo | None, problem: str, judged: str) -> str:
    """The details of *model*: its file, then *info* from its headers (or *problem*, why they
    could not be read), then *judged*, the figures behind how it would do here."""
    rows = [(_tr("File"), str(model.path))]
    if info is not None:
        bits = _tr("{quantization} · {bits} bits per weight").format(
            quantization=info.quantization or "?", bits=f"{info.bits_per_weight:.1f}"
        )
        rows += [
            (_tr("Architecture"), info.architecture),
            (_tr("Parameters"), info.parameter_label),
            (_tr("Quantization"), bits),
            (_tr("Size"), format_bytes(info.file_size)),
            (_tr("Context"), _tr("{tokens} tokens").format(tokens=info.context_length)),
            (_tr("License"), info.license or _tr("not given in the file")),
        ]
    lines = [f"<b>{escape(label)}</b>: {_breakable(escape(value))}" for label, value in rows]
    if problem:
        lines.append(escape(problem))
    if judged:
        lines += [escape(line) for line in judged.splitlines()]
    return "<br>".join(lines)


def _breakable(text: str) -> str:
    """*text* that may break after each "/" or "\\": a long path never widens the window."""
    return text.replace("/", "/\u200b").replace("\\", "\\\u200b")
