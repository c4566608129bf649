"""Shared test setup: Qt offscreen, the real starter model, and bad model files made from it."""

from __future__ import annotations

import os

# Before anything imports Qt: every test window is offscreen unless a test starts Xvfb itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# English, whatever the developer's system speaks: tests that want Chinese ask for it.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.library.installed import STARTER_MODEL_PATH
from desktop.core.paths import AppPaths
from desktop.core.vault.custody import secure_keyring
from desktop.core.vault.opener import VaultOpener
from desktop.core.vault.store import ConversationStore
from tests.loopback_hub import LoopbackHub

TEST_PASSPHRASE = "correct horse battery staple"
FAST_KDF = {"n": 2**10, "r": 8, "p": 1}
"""scrypt parameters that take a millisecond: for tests that open many vaults, not for users."""


@pytest.fixture(scope="session")
def starter_model() -> Path:
    path = STARTER_MODEL_PATH
    assert path.is_file(), f"{path} is missing: run `make setup` first"
    return path


@pytest.fixture(scope="session")
def engine(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One engine with the starter model loaded, shared: loading costs about a second."""
    record = tmp_path_factory.mktemp("selfcheck") / "selfcheck.json"
    engine = Engine(SelfCheck(record))
    engine.load(starter_model)
    yield engine
    engine.unload()


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.resolve(tmp_path / "data").ensure()


@pytest.fixture
def secret_service() -> KeyringBackend:
    """The real keyring of this test session (a GNOME keyring on a private D-Bus)."""
    backend = secure_keyring()
    if backend is None:
        pytest.fail("no Secret Service: run the tests as the README says (make test)")
    return backend


def passphrase_opener(paths: AppPaths) -> VaultOpener:
    """A vault opener that finds no keyring, so it uses a passphrase (derived quickly)."""
    return VaultOpener(paths, keyring_finder=lambda: None, kdf_params=FAST_KDF)


@pytest.fixture
def store(paths: AppPaths) -> Iterator[ConversationStore]:
    """The history of a fresh passphrase vault under ``paths``."""
    from desktop.core.services import open_store

    db = passphrase_opener(paths).open(TEST_PASSPHRASE)
    yield open_store(db)
    db.close()


class BadModels:
    """Damaged copies of the starter model, one per kind of damage a user can meet."""

    def __init__(self, starter: Path, folder: Path) -> None:
        self.starter = starter
        self.folder = folder

    def missing(self) -> Path:
        return self.folder / "gone.gguf"

    def not_gguf(self) -> Path:
        path = self.folder / "holiday-photo.gguf"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(4096))
        return path

    def truncated(self) -> Path:
        path = self.folder / "half.gguf"
        data = self.starter.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path

    def corrupt(self) -> Path:
        """Right signature and version, then garbage where the metadata should be."""
        path = self.folder / "scrambled.gguf"
        data = bytearray(self.starter.read_bytes())
        data[24:4096] = bytes((i * 97 + 13) % 251 for i in range(24, 4096))
        path.write_bytes(bytes(data))
        return path

    def with_template_edit(self, name: str, old: str, new: str) -> Path:
        """The starter model with *old* in its chat template replaced by *new* (padded)."""
        assert len(new) <= len(old)
        data = self.starter.read_bytes()
        edited = data.replace(old.encode(), new.ljust(len(old)).encode(), 1)
        assert edited != data
        path = self.folder / name
        path.write_bytes(edited)
        return path

    def broken_template(self) -> Path:
        """A chat template that is not valid Jinja."""
        return self.with_template_edit("broken-template.gguf", "{% endfor %}", "{% endfox %}")

    def refusing_template(self) -> Path:
        """A chat template that raises an error for every conversation, as strict ones do."""
        return self.with_template_edit(
            "refusing-template.gguf",
            "{{ '<|im_start|>assistant\n' }}",
            "{{ raise_exception('no') }}",
        )

    def too_big(self) -> Path:
        """One F32 tensor of 2**38 values (1 TiB), in a sparse file of that size (no disk used)."""
        path = self.folder / "giant.gguf"
        name = b"giant.weight"
        header = b"GGUF" + struct.pack("<IQQ", 3, 1, 0)
        header += struct.pack("<Q", len(name)) + name + struct.pack("<IQIQ", 1, 2**38, 0, 0)
        header += b"\0" * (-len(header) % 32)
        with path.open("wb") as file:
            file.write(header)
            file.truncate(len(header) + 2**40)
        return path


@pytest.fixture
def bad_models(starter_model: Path, tmp_path: Path) -> BadModels:
    folder = tmp_path / "bad-models"
    folder.mkdir()
    return BadModels(starter_model, folder)


@pytest.fixture
def loopback_hub(starter_model: Path) -> Iterator[LoopbackHub]:
    """A stand-in for the Hugging Face hub on 127.0.0.1, serving the starter model's real bytes."""
    hub = LoopbackHub(starter_model)
    yield hub
    hub.close()
