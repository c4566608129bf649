"""``sotto serve`` and ``sotto api token`` as a user runs them, with the real keyring."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from keyring.backend import KeyringBackend

from desktop.core.vault.api_token import KIND
from desktop.core.vault.custody import SERVICE, keyring_user_for
from tests.api.conftest import curl
from tests.e2e.sotto_process import sotto


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_any_address_but_loopback_is_refused_with_a_sentence(tmp_path: Path) -> None:
    for host in ("0.0.0.0", "::", "192.168.0.2"):
        refused = sotto("serve", "--host", host, data_dir=tmp_path / "data")
        assert refused.returncode == 1
        assert f"never on {host}" in refused.stderr
        assert "127.0.0.1 or ::1" in refused.stderr
    assert not (tmp_path / "data" / "vault.db").exists()  # refused before anything opened


def test_serve_answers_with_the_token_until_ctrl_c(
    tmp_path: Path, secret_service: KeyringBackend
) -> None:
    data = tmp_path / "data"
    printed = sotto("api", "token", data_dir=data)
    assert printed.returncode == 0, printed.stderr
    token = printed.stdout.strip()
    assert len(token) >= 43  # 256 bits, URL-safe base64
    assert sotto("api", "token", data_dir=data).stdout.strip() == token  # kept
    user = keyring_user_for(data, KIND)
    assert secret_service.get_password(SERVICE, user) == token  # beside the vault's key
    assert token.encode() not in b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), "serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not listening(port) and time.monotonic() < deadline:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
        status, _, body = curl(f"http://127.0.0.1:{port}/v1/models", token=token)
        assert status == 200
        assert json.loads(body)["data"][0]["id"] == "SmolLM2-135M-Instruct.Q4_1"
        status, _, _ = curl(f"http://127.0.0.1:{port}/v1/models", token=None)
        assert status == 401
        server.send_signal(signal.SIGINT)
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert server.stderr is not None
    said = server.stderr.read()
    assert f"http://127.0.0.1:{port}/v1" in said and "Ctrl+C" in said
    assert "Traceback" not in said
    assert not listening(port)

    renewed = sotto("api", "token", "--new", data_dir=data).stdout.strip()
    assert renewed != token and len(renewed) >= 43
    forgotten = sotto("forget-everything", "--yes", data_dir=data)
    assert forgotten.returncode == 0, forgotten.stderr
    assert secret_service.get_password(SERVICE, user) is None  # forgetting removed it
    assert sotto("api", "token", data_dir=data).stdout.strip() not in (token, renewed)
