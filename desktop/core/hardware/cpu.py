"""The processor: its name and the instruction sets llama.cpp uses on it."""

from __future__ import annotations

import platform
from pathlib import Path

# Features llama.cpp lists beside the instruction sets that are options of its build, not of
# the processor: showing "OPENMP" as an instruction set would mislead.
_BUILD_OPTIONS = frozenset(
    {"AARCH64_REPACK", "ACCELERATE", "KLEIDIAI", "LLAMAFILE", "OPENMP", "REPACK"}
)


def cpu_name(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The processor's name: Linux's "model name", else the platform's, else "unknown processor"."""
    try:
        with cpuinfo.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and value.strip():
                    return value.strip()
    except OSError:
        pass  # not Linux, or /proc is hidden: the platform may still know
    return platform.processor() or "unknown processor"


def instruction_sets(system_info: bytes) -> tuple[str, ...]:
    """The processor features enabled in llama.cpp's *system_info*, in the order it lists them.

    *system_info* is what ``llama_cpp.llama_print_system_info()`` returns, such as
    ``b"CUDA : ARCHS = 890 | USE_GRAPHS = 1 | CPU : SSE3 = 1 | AVX = 1 | AVX512 = 0 | "``:
    each backend's name, then its features as ``NAME = value``. Only the CPU's features whose
    value is 1 are kept; older builds list them without a backend name.
    """
    backend = "CPU"
    enabled: list[str] = []
    for item in system_info.decode("utf-8", errors="replace").split("|"):
        if ":" in item:
            backend, _, item = item.partition(":")
            backend = backend.strip()
        name, _, value = item.partition("=")
        name = name.strip()
        if backend == "CPU" and value.strip() == "1" and name not in _BUILD_OPTIONS:
            enabled.append(name)
    return tuple(enabled)


def llama_instruction_sets() -> tuple[str, ...]:
    """The processor features the installed llama.cpp uses on this machine."""
    import llama_cpp  # loads the native library: only when asked

    return instruction_sets(llama_cpp.llama_print_system_info())
