"""Offline mode fails closed (issue 29): a settings file with offline mode on that is then cut
short, or made unreadable, still refuses a question to the user's server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from keyring.backend import KeyringBackend

from tests.e2e.sotto_process import sotto
from tests.model_server import KEY, ModelServer
from tests.permissions import without_override

QUESTION = ("ask", "--model", "firm/smollm2", "--max-tokens", "8", "Hi")


@pytest.fixture
def data(
    tmp_path: Path, tls_server: ModelServer, firm_ca: trustme.CA, secret_service: KeyringBackend
) -> Path:
    """A data folder with the firm's server added, and offline mode on."""
    data = tmp_path / "data"
    ca = tmp_path / "firm-ca.pem"
    firm_ca.cert_pem.write_to_path(str(ca))
    env = dict(os.environ, SOTTO_SERVER_KEY=KEY)
    added = sotto("servers", "add", "firm", tls_server.url, "--ca", str(ca), data_dir=data, env=env)
    assert added.returncode == 0, added.stderr
    (data / "settings.json").write_text('{"offline": true}', encoding="utf-8")
    return data


def refused(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode == 1 and "Offline mode is on, so nothing was sent" in result.stderr


def test_offline_mode_refuses_a_question_to_a_server(data: Path) -> None:
    assert refused(sotto(*QUESTION, data_dir=data))


def test_a_settings_file_cut_short_keeps_offline_mode_on(data: Path) -> None:
    (data / "settings.json").write_text('{"offline": true, "theme": "da', encoding="utf-8")
    asked = sotto(*QUESTION, data_dir=data)
    assert refused(asked)
    assert "could not read its settings file" in asked.stderr


def test_an_unreadable_settings_file_keeps_offline_mode_on(data: Path) -> None:
    settings = data / "settings.json"
    settings.chmod(0o000)
    # Tests run as root, whom a mode of 000 does not stop: the command runs without the
    # capabilities that override file permissions, as any other user would.
    command = [sys.executable, "-m", "desktop", "--data-dir", str(data), *QUESTION]
    asked = subprocess.run(
        [*without_override(), *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert refused(asked), asked.stderr
    assert "could not read its settings file" in asked.stderr
    assert settings.stat().st_mode & 0o777 == 0  # nothing replaced it
