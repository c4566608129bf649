"""The user's servers in the vault, and their API keys: in the OS keyring beside the vault's
key, or, for a vault locked with a passphrase, inside the vault; forgotten with everything."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.privacy.forget import forget_everything
from desktop.core.remote.errors import ServerNameError, UnknownServerError
from desktop.core.remote.server import RemoteModel, Server
from desktop.core.remote.server_store import ServerStore
from desktop.core.services import open_servers, open_store
from desktop.core.vault.custody import SERVICE, KeyringCustody, keyring_user_for
from desktop.core.vault.database import Database
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.server_keys import KIND, forget_server_keys
from desktop.core.vault.store import ConversationStore
from tests.conftest import TEST_PASSPHRASE, passphrase_opener

KEY = "sk-firm-0123456789abcdef"
FIRM = Server("firm", "https://llm.firm.example:8000", models=("llama-70b", "qwen-32b"))


@pytest.fixture
def keyring_vault(paths: AppPaths, secret_service: KeyringBackend) -> Iterator[Database]:
    db = VaultOpener(paths).open()
    yield db
    db.close()
    KeyringCustody(secret_service, keyring_user_for(paths.data_dir)).delete_key()
    forget_server_keys(secret_service, keyring_user_for(paths.data_dir, KIND))


def servers_of(paths: AppPaths, db: Database) -> ServerStore:
    return open_servers(paths, ConversationStore(db))


def vault_files(paths: AppPaths) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(paths.data_dir.rglob("*")) if p.is_file())


def test_a_servers_key_is_kept_in_the_keyring_and_never_in_the_vault(
    paths: AppPaths, keyring_vault: Database, secret_service: KeyringBackend
) -> None:
    servers = servers_of(paths, keyring_vault)

    servers.add(FIRM, KEY)

    assert servers.servers() == [FIRM]
    assert servers.keys.get("firm") == KEY
    assert KEY in (
        secret_service.get_password(SERVICE, keyring_user_for(paths.data_dir, KIND)) or ""
    )
    assert keyring_vault.execute("SELECT count(*) FROM server_keys").fetchone()[0] == 0
    assert KEY.encode() not in vault_files(paths)
    assert servers.remote_models() == [
        RemoteModel("firm", "llama-70b", "llm.firm.example"),
        RemoteModel("firm", "qwen-32b", "llm.firm.example"),
    ]


def test_removing_a_server_removes_its_key(
    paths: AppPaths, keyring_vault: Database, secret_service: KeyringBackend
) -> None:
    servers = servers_of(paths, keyring_vault)
    servers.add(FIRM, KEY)
    servers.add(Server("lab", "http://127.0.0.1:8080"), "lab-key")

    servers.remove("firm")

    assert [s.name for s in servers.servers()] == ["lab"]
    assert servers.keys.get("firm") == "" and servers.keys.get("lab") == "lab-key"
    servers.remove("lab")
    assert secret_service.get_password(SERVICE, keyring_user_for(paths.data_dir, KIND)) is None
    with pytest.raises(UnknownServerError):
        servers.remove("lab")


def test_a_name_is_taken_once(paths: AppPaths, keyring_vault: Database) -> None:
    servers = servers_of(paths, keyring_vault)
    servers.add(FIRM, KEY)

    with pytest.raises(ServerNameError):
        servers.add(Server("firm", "https://elsewhere.example"), "other")
    assert servers.keys.get("firm") == KEY


def test_checking_again_replaces_the_models_listed(
    paths: AppPaths, keyring_vault: Database
) -> None:
    servers = servers_of(paths, keyring_vault)
    servers.add(FIRM, KEY)

    servers.set_models("firm", ["llama-405b"])

    assert servers.get("firm").models == ("llama-405b",)


def test_with_a_passphrase_vault_the_key_is_kept_inside_the_encrypted_vault(
    paths: AppPaths, store: ConversationStore
) -> None:
    servers = open_servers(paths, store)

    servers.add(FIRM, KEY)

    assert servers.keys.backend is None and servers.keys.get("firm") == KEY
    assert KEY.encode() not in vault_files(paths)  # the vault is encrypted


def test_forget_everything_removes_the_servers_keys_from_the_keyring(
    paths: AppPaths, secret_service: KeyringBackend
) -> None:
    db = VaultOpener(paths).open()
    servers_of(paths, db).add(FIRM, KEY)
    db.close()
    entry = keyring_user_for(paths.data_dir, KIND)
    assert secret_service.get_password(SERVICE, entry) is not None

    report = forget_everything(paths)

    assert report.complete, report.failures
    assert secret_service.get_password(SERVICE, entry) is None
    # and a passphrase vault's keys went with the vault
    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    assert open_servers(paths, open_store(db)).servers() == []
    db.close()
