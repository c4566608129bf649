"""The hub client, against the loopback stand-in hub serving the real starter model."""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from huggingface_hub import constants

from desktop.core.library.errors import (
    HubFileNotFoundError,
    HubRepoNotFoundError,
    HubUnreachableError,
)
from desktop.core.library.hub import (
    CDN_HOSTS,
    DOWNLOAD_ACTION,
    FILES_ACTION,
    SEARCH_ACTION,
    HubClient,
    HubFile,
    HubModel,
)
from desktop.core.privacy.network import NetworkGuard, OfflineModeError
from tests.loopback_hub import (
    HUB_FILE,
    SPLIT_PARTS,
    SPLIT_REPO,
    STARTER_REPO,
    UNHASHED_REPO,
    LoopbackHub,
    client_of,
    quiet_guard,
)


@pytest.fixture(scope="session")
def starter_sha256(starter_model: Path) -> str:
    """Computed here, not taken from the stand-in: the client must pass on the hub's record."""
    return hashlib.sha256(starter_model.read_bytes()).hexdigest()


def test_search_finds_gguf_repos_by_name(loopback_hub: LoopbackHub) -> None:
    client = client_of(loopback_hub)
    found = client.search("smollm2")
    assert [(repo.id, repo.downloads, repo.likes) for repo in found] == [
        (STARTER_REPO, 52_000, 140)
    ]
    assert client.search("no model is called this") == []
    everything = client.search("loopback", limit=2)
    assert [repo.id for repo in everything] == [STARTER_REPO, SPLIT_REPO]  # most downloaded first
    asked = loopback_hub.requests[0]
    assert asked.method == "GET"
    assert asked.path.startswith("/api/models?")
    for param in ("search=smollm2", "filter=gguf", "sort=downloads", "limit=30"):
        assert param in asked.path


def test_models_lists_each_gguf_file_with_size_and_hash(
    loopback_hub: LoopbackHub, starter_model: Path, starter_sha256: str
) -> None:
    file = HubFile(STARTER_REPO, HUB_FILE, starter_model.stat().st_size, starter_sha256)
    assert client_of(loopback_hub).models(STARTER_REPO) == [
        HubModel(STARTER_REPO, HUB_FILE, (file,))
    ]
    assert "blobs=true" in loopback_hub.requests[0].path


def test_split_parts_are_one_model_and_incomplete_sets_and_readmes_are_none(
    loopback_hub: LoopbackHub,
) -> None:
    (model,) = client_of(loopback_hub).models(SPLIT_REPO)
    assert model.name == "tiny"
    assert [part.name for part in model.parts] == list(SPLIT_PARTS)
    assert model.file_name == SPLIT_PARTS[0]
    sizes = [loopback_hub.blob(SPLIT_REPO, name).size for name in SPLIT_PARTS]
    assert [part.size for part in model.parts] == sizes
    assert model.size == sum(sizes)
    assert [part.sha256 for part in model.parts] == [
        loopback_hub.blob(SPLIT_REPO, name).sha256 for name in SPLIT_PARTS
    ]


def test_a_file_in_plain_git_has_no_hash(loopback_hub: LoopbackHub) -> None:
    (model,) = client_of(loopback_hub).models(UNHASHED_REPO)
    assert model.parts[0].sha256 is None
    assert model.size == loopback_hub.blob(UNHASHED_REPO, "plain.gguf").size


def test_model_is_found_by_any_of_its_files_or_its_name(loopback_hub: LoopbackHub) -> None:
    client = client_of(loopback_hub)
    assert client.model(SPLIT_REPO, SPLIT_PARTS[1]).name == "tiny"
    assert client.model(SPLIT_REPO, "tiny").parts[0].name == SPLIT_PARTS[0]
    assert client.model(STARTER_REPO, HUB_FILE).file_name == HUB_FILE
    with pytest.raises(HubFileNotFoundError, match=r"README\.md"):
        client.model(STARTER_REPO, "README.md")


def test_a_missing_repo_is_named(loopback_hub: LoopbackHub) -> None:
    client = client_of(loopback_hub)
    with pytest.raises(HubRepoNotFoundError, match="loopback/nothing-here"):
        client.models("loopback/nothing-here")
    with pytest.raises(HubRepoNotFoundError):
        client.models("not a repo name")  # refused by huggingface_hub before any request
    missing = HubFile(STARTER_REPO, "gone.gguf", 10, "0" * 64)
    with pytest.raises(HubFileNotFoundError, match=r"gone\.gguf"), client.fetch(missing):
        pass


def test_an_unreachable_hub_is_told_not_raised_raw() -> None:
    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = HubClient(quiet_guard(), f"http://127.0.0.1:{port}", timeout=5)
    with pytest.raises(HubUnreachableError, match="could not reach") as failed:
        client.search("smollm2")
    # The system's words go to the details, never into the sentence.
    assert "Errno" not in str(failed.value) and "refused" in failed.value.details.lower()
    with pytest.raises(HubUnreachableError):
        client.models(STARTER_REPO)


def test_offline_mode_refuses_before_any_request(loopback_hub: LoopbackHub) -> None:
    guard = quiet_guard()
    guard.offline = True
    client = client_of(loopback_hub, guard)
    with pytest.raises(OfflineModeError, match=r"Offline mode is on.*Search the model library"):
        client.search("smollm2")
    with pytest.raises(OfflineModeError):
        client.models(STARTER_REPO)
    with pytest.raises(OfflineModeError), client.fetch(HubFile(STARTER_REPO, "x.gguf", 1, None)):
        pass
    assert loopback_hub.requests == []


class RecordingGuard(NetworkGuard):
    """A guard that remembers the permits it opened."""

    def __init__(self) -> None:
        super().__init__(resolve=lambda host: [])
        self.opened: list[tuple[str, tuple[str, ...]]] = []

    @contextmanager
    def permit(self, action: str, hosts: Iterable[str]) -> Iterator[None]:
        hosts = tuple(hosts)
        self.opened.append((action, hosts))
        with super().permit(action, hosts):
            yield


def test_every_call_runs_in_a_permit_for_the_hubs_hosts_only(loopback_hub: LoopbackHub) -> None:
    guard = RecordingGuard()
    client = client_of(loopback_hub, guard)
    client.search("tiny")
    model = client.model(SPLIT_REPO, "tiny")
    with client.fetch(model.parts[0]) as transfer:
        b"".join(transfer.chunks)
    assert guard.opened == [
        (SEARCH_ACTION, ("127.0.0.1",)),
        (FILES_ACTION, ("127.0.0.1",)),  # each named for what it does, in the activity log
        (DOWNLOAD_ACTION, ("127.0.0.1", *CDN_HOSTS)),
    ]


def test_fetch_follows_the_redirect_and_asks_for_a_range(loopback_hub: LoopbackHub) -> None:
    client = client_of(loopback_hub)
    part = client.model(SPLIT_REPO, "tiny").parts[1]
    whole = b"".join(loopback_hub.blob(SPLIT_REPO, part.name).read(0))
    with client.fetch(part, 100) as transfer:
        assert transfer.start == 100
        assert b"".join(transfer.chunks) == whole[100:]
    resolve, content = loopback_hub.requests[-2:]
    assert resolve.path == f"/{SPLIT_REPO}/resolve/main/{part.name}"
    assert content.path == f"/lfs/{part.sha256}"
    assert resolve.range == content.range == "bytes=100-"
    loopback_hub.ignore_ranges()
    with client.fetch(part, 100) as transfer:
        assert transfer.start == 0
        assert b"".join(transfer.chunks) == whole


def test_the_hub_libraries_offline_switch_is_off_only_during_calls(
    loopback_hub: LoopbackHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As in the app, which starts with HF_HUB_OFFLINE=1 so that nothing reaches the hub unasked.
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    client = client_of(loopback_hub)
    assert client.search("smollm2")  # the stand-in answered, so the switch was off
    assert constants.HF_HUB_OFFLINE is True

    part = client.model(SPLIT_REPO, "tiny").parts[0]
    assert constants.HF_HUB_OFFLINE is True
    searched: list[int] = []
    with client.fetch(part) as transfer:
        assert constants.HF_HUB_OFFLINE is False
        # A search on another thread while the download runs: ending first, it must not
        # turn the switch back on under the download.
        worker = threading.Thread(target=lambda: searched.append(len(client.search("tiny"))))
        worker.start()
        worker.join()
        assert constants.HF_HUB_OFFLINE is False
        assert len(b"".join(transfer.chunks)) == part.size
    assert searched == [1]
    assert constants.HF_HUB_OFFLINE is True
