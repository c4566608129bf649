"""The bootstrap record: written atomically and privately, read strictly, no secret in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.core.vault.bootstrap import BootstrapRecord
from desktop.core.vault.errors import KeyMissingError

KEYRING_RECORD = BootstrapRecord(
    custody="keyring",
    keyring_backend="keyring.backends.SecretService.Keyring",
    keyring_user="vault-0123456789abcdef",
)
PASSPHRASE_RECORD = BootstrapRecord(
    custody="passphrase",
    kdf={"salt": "00" * 16, "n": 2**17, "r": 8, "p": 1, "maxmem": 2**28},
)
FIELDS = {"custody", "keyring_backend", "keyring_user", "kdf", "version"}


@pytest.mark.parametrize("record", [KEYRING_RECORD, PASSPHRASE_RECORD])
def test_record_round_trips_with_exactly_its_fields(tmp_path: Path, record: Any) -> None:
    path = tmp_path / "vault.json"
    record.save(path)
    assert set(json.loads(path.read_text())) == FIELDS
    assert BootstrapRecord.load(path) == record
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["vault.json"]


def test_passphrase_record_gives_its_scrypt_parameters() -> None:
    assert PASSPHRASE_RECORD.scrypt_parameters() == (bytes(16), 2**17, 8, 1)
    with pytest.raises(ValueError):
        KEYRING_RECORD.scrypt_parameters()


def test_absent_record_is_none(tmp_path: Path) -> None:
    assert BootstrapRecord.load(tmp_path / "vault.json") is None


def test_save_replaces_a_leftover_and_tightens_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    leftover = tmp_path / "vault.json.tmp"
    leftover.write_text("half a record")
    leftover.chmod(0o644)
    PASSPHRASE_RECORD.save(path)
    KEYRING_RECORD.save(path)
    assert BootstrapRecord.load(path) == KEYRING_RECORD
    assert not leftover.exists()
    assert path.stat().st_mode & 0o777 == 0o600


def _keyring(**changes: Any) -> dict[str, Any]:
    return {**json.loads(json.dumps(KEYRING_RECORD.__dict__)), **changes}


def _passphrase(**kdf_changes: Any) -> dict[str, Any]:
    data = json.loads(json.dumps(PASSPHRASE_RECORD.__dict__))
    data["kdf"].update(kdf_changes)
    return data


MALFORMED = {
    "not json": "{custody: keyring",
    "not an object": json.dumps(["keyring"]),
    "a field missing": json.dumps({k: v for k, v in _keyring().items() if k != "version"}),
    "a field too many": json.dumps(_keyring(key="00" * 32)),
    "unknown custody": json.dumps(_keyring(custody="plaintext")),
    "unknown version": json.dumps(_keyring(version=2)),
    "version not a number": json.dumps(_keyring(version="1")),
    "keyring without a user": json.dumps(_keyring(keyring_user=None)),
    "keyring with a KDF": json.dumps(_keyring(kdf=PASSPHRASE_RECORD.kdf)),
    "passphrase without a KDF": json.dumps({**_passphrase(), "kdf": None}),
    "passphrase with a keyring": json.dumps({**_passphrase(), "keyring_user": "vault-x"}),
    "salt not hex": json.dumps(_passphrase(salt="salty")),
    "salt too short": json.dumps(_passphrase(salt="00" * 8)),
    "cost zero": json.dumps(_passphrase(n=0)),
    "cost not an integer": json.dumps(_passphrase(n=True)),
    "cost a string": json.dumps(_passphrase(r="8")),
}


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_record_fails_closed(tmp_path: Path, text: str) -> None:
    path = tmp_path / "vault.json"
    path.write_text(text)
    with pytest.raises(KeyMissingError, match="never make a new key"):
        BootstrapRecord.load(path)


def test_record_that_is_not_text_fails_closed(tmp_path: Path) -> None:
    path = tmp_path / "vault.json"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(KeyMissingError):
        BootstrapRecord.load(path)
