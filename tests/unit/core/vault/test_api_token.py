"""The local API's token: made once, replaced on demand, kept beside the vault's key."""

from __future__ import annotations

from keyring.backend import KeyringBackend

from desktop.core.paths import AppPaths
from desktop.core.privacy.forget import forget_everything
from desktop.core.vault.api_token import KIND, ApiTokens
from desktop.core.vault.custody import SERVICE, keyring_user_for
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore


def test_a_passphrase_vault_keeps_the_token_inside(
    paths: AppPaths, store: ConversationStore
) -> None:
    tokens = ApiTokens.of(paths, store.db)
    assert tokens.backend is None  # no keyring: the vault itself
    token = tokens.get()
    assert len(token) >= 43  # 256 random bits
    assert tokens.get() == token == ApiTokens.of(paths, store.db).get()
    renewed = tokens.renew()
    assert renewed != token and tokens.get() == renewed
    assert not any(
        token.encode() in p.read_bytes() or renewed.encode() in p.read_bytes()
        for p in paths.data_dir.rglob("*")
        if p.is_file()
    )


def test_a_keyring_vault_keeps_it_in_an_entry_forgetting_removes(
    paths: AppPaths, secret_service: KeyringBackend
) -> None:
    db = VaultOpener(paths).open()
    try:
        tokens = ApiTokens.of(paths, db)
        assert tokens.backend is not None
        token = tokens.get()
        user = keyring_user_for(paths.data_dir, KIND)
        assert secret_service.get_password(SERVICE, user) == token
    finally:
        db.close()
    report = forget_everything(paths)
    assert report.complete, report.failures
    assert secret_service.get_password(SERVICE, user) is None
