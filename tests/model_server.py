"""A real OpenAI-compatible model server on 127.0.0.1: llama-cpp-python's own
(``python -m llama_cpp.server``, the ``[server]`` extra's packages) serving the starter model,
with an API key, and over TLS with a certificate from a throwaway authority (trustme) when
asked. Tests and the remote benchmark chat with it as Sotto would with a firm's vLLM."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trustme

KEY = "test-key-of-the-firm"
MODEL = "smollm2"
"""The model's id on the server (``--model_alias``)."""
START_TIMEOUT_S = 120.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ModelServer:
    """One server process, ready when constructed.

    Attributes:
        url: its address (``http://`` or ``https://127.0.0.1:PORT``).
        port: the port it listens on.
        ca: the authority its certificate comes from (None: plain http).
    """

    def __init__(self, model: Path, ca: trustme.CA | None = None, key: str = KEY) -> None:
        self.ca = ca
        self.port = free_port()
        self._folder = tempfile.TemporaryDirectory(prefix="sotto-model-server-")
        folder = Path(self._folder.name)
        command = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(model), "--model_alias", MODEL,
            "--host", "127.0.0.1", "--port", str(self.port),
            "--api_key", key, "--n_ctx", "2048", "--verbose", "False",
            # One request at a time, each to its end: a new one must not cut the others off.
            "--interrupt_requests", "False",
        ]  # fmt: skip
        if ca is not None:
            certificate = ca.issue_cert("127.0.0.1", "localhost")
            certificate.cert_chain_pems[0].write_to_path(str(folder / "cert.pem"))
            certificate.private_key_pem.write_to_path(str(folder / "key.pem"))
            command += ["--ssl_certfile", str(folder / "cert.pem")]
            command += ["--ssl_keyfile", str(folder / "key.pem")]
        self.log = folder / "server.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self.url = f"{'https' if ca else 'http'}://127.0.0.1:{self.port}"
        self._wait_until_listening()

    def _wait_until_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the model server ended: {self.log.read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)  # it loads the model before it listens
        self.close()
        raise RuntimeError("the model server did not start listening in time")

    def ca_pem(self) -> str:
        """The certificate of its authority, as a user would give it."""
        assert self.ca is not None
        return self.ca.cert_pem.bytes().decode("ascii")

    def kill(self) -> None:
        """End it at once, as a crash or a pulled cable would, in the middle of anything."""
        self.process.kill()
        self.process.wait(timeout=30)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._folder.cleanup()
