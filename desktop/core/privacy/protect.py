"""What the process does first, before anything that could connect or leak is imported."""

from __future__ import annotations

import os
import sys

from desktop.core.privacy.network import NetworkGuard

QUIET_ENVIRONMENT = {
    # huggingface_hub reads these when imported: offline unless a library action opens a
    # permit, no telemetry, no token sent by surprise, and no Xet transfer backend (its
    # native code would open sockets the guard cannot see).
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "HF_HUB_DISABLE_XET": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    # The common opt-out, honoured by many libraries.
    "DO_NOT_TRACK": "1",
    # onnxruntime (text recognition, embedding) would otherwise write a telemetry session
    # file in the temporary folder when imported, and collect events.
    "ORT_DISABLE_TELEMETRY": "1",
}


def protect_process() -> NetworkGuard:
    """Turn off telemetry and core dumps, and install the network guard. Call it first."""
    os.environ.update(QUIET_ENVIRONMENT)
    disable_core_dumps()
    return NetworkGuard().install()


PR_SET_DUMPABLE = 4


def disable_core_dumps() -> None:
    """A core dump of this process would hold decrypted conversations.

    On Linux the process is also marked not dumpable: crash handlers such as systemd-coredump
    or apport capture memory through the kernel's pipe, which the core size limit does not
    stop, and other processes of the user can no longer attach to it or read its memory.
    """
    if sys.platform != "win32":
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
