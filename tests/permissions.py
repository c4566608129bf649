"""Running a command as a user whom file permissions bind.

Root reads any file whatever its mode (the permission override, CAP_DAC_OVERRIDE), so a test of
an unreadable file is only true for a process without it. Where the tests run as root, the
command runs with the overriding capabilities dropped (``setpriv``), staying root, so files the
test made stay its own; as any other user it runs as it is.
"""

from __future__ import annotations

import os
import shutil


def without_override() -> list[str]:
    """The prefix that runs a command without the permission override (empty if there is
    none to drop); it fails where it cannot be dropped, rather than pass untested."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")  # util-linux, on every Debian system
    assert setpriv, "setpriv is missing: install util-linux (make setup needs it too)"
    return [setpriv, "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner"]
