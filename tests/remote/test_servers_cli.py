"""`sotto servers` and `sotto ask --model SERVER/MODEL`, run as processes like a script does."""

from __future__ import annotations

import os
from pathlib import Path

import trustme
from keyring.backend import KeyringBackend

from desktop.core.vault.custody import SERVICE, keyring_user_for
from desktop.core.vault.server_keys import KIND
from tests.e2e.sotto_process import sotto
from tests.model_server import KEY, ModelServer


def with_key(key: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SOTTO_SERVER_KEY", None)
    if key is not None:
        env["SOTTO_SERVER_KEY"] = key
    return env


def test_add_list_ask_and_remove_a_server(
    tmp_path: Path,
    tls_server: ModelServer,
    firm_ca: trustme.CA,
    secret_service: KeyringBackend,
) -> None:
    data = tmp_path / "data"
    ca = tmp_path / "firm-ca.pem"
    firm_ca.cert_pem.write_to_path(str(ca))

    added = sotto(
        "servers", "add", "firm", tls_server.url, "--ca", str(ca), data_dir=data, env=with_key(KEY)
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout == "firm answers with 1 models: smollm2\n"
    entry = keyring_user_for(data, KIND)
    assert KEY in (secret_service.get_password(SERVICE, entry) or "")
    assert not any(KEY.encode() in p.read_bytes() for p in data.rglob("*") if p.is_file())

    listed = sotto("servers", "list", data_dir=data)
    assert listed.stdout == f"firm\t{tls_server.url}\tsmollm2\n"

    asked = sotto("ask", "--model", "firm/smollm2", "--max-tokens", "8", "Hi", data_dir=data)
    assert asked.returncode == 0, asked.stderr
    assert asked.stdout.strip() and "tokens/s" in asked.stderr
    history = sotto("history", "show", "1", data_dir=data)
    assert "firm/smollm2:\n" + asked.stdout.strip() in history.stdout

    unknown = sotto("ask", "--model", "firm/llama-405b", "Hi", data_dir=data)
    assert unknown.returncode == 1 and "firm has no model called llama-405b" in unknown.stderr

    removed = sotto("servers", "remove", "firm", data_dir=data)
    assert removed.returncode == 0 and removed.stdout == "Removed firm.\n"
    assert secret_service.get_password(SERVICE, entry) is None
    assert sotto("servers", "list", data_dir=data).stdout == ""
    again = sotto("servers", "remove", "firm", data_dir=data)
    assert again.returncode == 2 and "There is no server called firm." in again.stderr


def test_a_server_that_refuses_the_key_or_the_certificate_is_not_added(
    tmp_path: Path, tls_server: ModelServer, firm_ca: trustme.CA
) -> None:
    data = tmp_path / "data"
    ca = tmp_path / "firm-ca.pem"
    firm_ca.cert_pem.write_to_path(str(ca))

    wrong_key = sotto(
        "servers", "add", "firm", tls_server.url, "--ca", str(ca), data_dir=data,
        env=with_key("guess"),
    )  # fmt: skip
    untrusted = sotto("servers", "add", "firm", tls_server.url, data_dir=data, env=with_key(KEY))

    assert wrong_key.returncode == 1 and "firm refused the API key." in wrong_key.stderr
    assert untrusted.returncode == 1
    assert "Sotto does not trust the certificate of firm" in untrusted.stderr
    assert sotto("servers", "list", data_dir=data).stdout == ""


def test_plain_http_beyond_this_computer_needs_an_explicit_flag(tmp_path: Path) -> None:
    data = tmp_path / "data"

    refused = sotto(
        "servers", "add", "firm", "http://llm.firm.example:8000", data_dir=data,
        env=with_key(KEY), stdin="",
    )  # fmt: skip

    assert refused.returncode == 2
    assert "llm.firm.example would be reached over plain http" in refused.stderr
    assert sotto("servers", "list", data_dir=data).stdout == ""
