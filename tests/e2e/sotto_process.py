"""Running ``sotto`` as a separate process, as a user or a script does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def sotto(
    *args: str,
    data_dir: Path,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m desktop --data-dir DATA_DIR ARGS…`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        check=False,
        env=os.environ if env is None else env,
    )


def without_keyring(passphrase: str | None) -> dict[str, str]:
    """This environment with no D-Bus session (so no keyring), and the passphrase variable.

    The bus address points nowhere rather than being unset: unset, the keyring library would
    fall back to the user's own session bus and find their real keyring.
    """
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/sotto-no-bus")
    env.pop("SOTTO_PASSPHRASE", None)
    if passphrase is not None:
        env["SOTTO_PASSPHRASE"] = passphrase
    return env
