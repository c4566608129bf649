"""NVIDIA GPUs, asked through NVML, which never raises to its caller.

NVML comes from the optional ``nvidia-ml-py`` package (module ``pynvml``). Without the package,
or without NVIDIA's driver library, there are simply no GPUs to show: that is the normal case.
An installed driver that fails is different, and its reason is kept as ``error``.
"""

from __future__ import annotations

import contextlib
import importlib
from types import ModuleType
from typing import Any

from desktop.core.hardware.snapshot import GpuInfo, GpuSample


def import_pynvml() -> ModuleType | None:
    """The ``pynvml`` module, or None if it is not installed."""
    try:
        return importlib.import_module("pynvml")
    except ImportError:
        return None


def _text(value: str | bytes) -> str:
    """NVML's strings are bytes in older ``pynvml`` releases and str in newer ones."""
    return value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value


class NvidiaGpus:
    """The GPUs NVML reports, started on first use; not thread-safe.

    NVML is asked nothing again after it fails once: a driver that stopped answering can take
    seconds to fail each time, and the figures are sampled often.

    Attributes:
        error: why NVML gave no answer, such as "NVIDIA driver not answering: Unknown Error";
            None while it answers or when it is absent.
    """

    def __init__(self, nvml: Any) -> None:
        self._nvml = nvml
        self._started = False
        self._handles: list[Any] = []
        self._names: list[str] = []
        self.error: str | None = None

    def info(self) -> tuple[GpuInfo, ...]:
        """What each GPU is; empty when NVML is absent or failed."""
        if not self._start():
            return ()
        try:
            driver = _text(self._nvml.nvmlSystemGetDriverVersion())
            return tuple(
                GpuInfo(name, driver, int(self._nvml.nvmlDeviceGetMemoryInfo(handle).total))
                for name, handle in zip(self._names, self._handles, strict=True)
            )
        except Exception as error:  # NVML has an error class per reason; all mean "no figures"
            self._fail(error)
            return ()

    def samples(self) -> tuple[GpuSample, ...]:
        """How busy each GPU is now; empty when NVML is absent or failed."""
        if not self._start():
            return ()
        try:
            samples = []
            for name, handle in zip(self._names, self._handles, strict=True):
                memory = self._nvml.nvmlDeviceGetMemoryInfo(handle)
                rates = self._nvml.nvmlDeviceGetUtilizationRates(handle)
                samples.append(
                    GpuSample(name, int(memory.total), int(memory.used), float(rates.gpu))
                )
            return tuple(samples)
        except Exception as error:  # as in info()
            self._fail(error)
            return ()

    def close(self) -> None:
        """Shut NVML down if it was started."""
        if self._started:
            self._started = False
            # The driver is going away with the app either way.
            with contextlib.suppress(Exception):
                self._nvml.nvmlShutdown()

    def _start(self) -> bool:
        """Start NVML and find the GPUs, once; return whether NVML is answering."""
        if self._nvml is None or self.error is not None:
            return False
        if self._started:
            return True
        try:
            self._nvml.nvmlInit()
        except Exception as error:  # as in info()
            if self._is_absent(error):
                self._nvml = None
            else:
                self._fail(error)
            return False
        self._started = True
        try:
            count = self._nvml.nvmlDeviceGetCount()
            self._handles = [self._nvml.nvmlDeviceGetHandleByIndex(i) for i in range(count)]
            self._names = [_text(self._nvml.nvmlDeviceGetName(h)) for h in self._handles]
        except Exception as error:  # as in info()
            self._fail(error)
            return False
        return True

    def _is_absent(self, error: Exception) -> bool:
        """Whether *error* says there is no NVIDIA driver at all: the package alone is no GPU."""
        absent = getattr(self._nvml, "NVMLError_LibraryNotFound", None)
        return isinstance(absent, type) and isinstance(error, absent)

    def _fail(self, error: Exception) -> None:
        self.error = f"NVIDIA driver not answering: {str(error) or type(error).__name__}"
        self._handles = []
        self._names = []
