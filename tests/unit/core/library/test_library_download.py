"""Downloads from the loopback stand-in hub: verified, resumable, atomic, and really runnable."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from desktop.core.inference.engine import Engine
from desktop.core.inference.selfcheck import SelfCheck
from desktop.core.inference.types import Message, Sampling
from desktop.core.library.digest import CancelledError
from desktop.core.library.download import (
    PARTIAL_DIR,
    Progress,
    discard_partial,
    download_model,
    partial_bytes,
)
from desktop.core.library.errors import (
    AlreadyInstalledError,
    DownloadInterruptedError,
    DownloadVerificationError,
    NoHashOnHubError,
    NotEnoughDiskError,
)
from desktop.core.library.hub import HubClient, HubModel
from desktop.core.privacy.network import OfflineModeError
from desktop.text.units import format_bytes
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


def starter_of(client: HubClient) -> HubModel:
    return client.model(STARTER_REPO, HUB_FILE)


def file_requests(hub: LoopbackHub) -> list[str | None]:
    """The ``Range`` header of each request for a file's bytes from the content network."""
    return [request.range for request in hub.requests if request.path.startswith("/lfs/")]


def leftovers(models_dir: Path) -> list[Path]:
    return list((models_dir / PARTIAL_DIR).iterdir())


def test_a_download_is_verified_installed_and_runs(
    loopback_hub: LoopbackHub, starter_model: Path, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    models_dir = tmp_path / "models"
    path = download_model(client, starter_of(client), models_dir)

    assert path == models_dir / HUB_FILE
    assert filecmp.cmp(path, starter_model, shallow=False)
    assert leftovers(models_dir) == []
    assert (models_dir / PARTIAL_DIR).stat().st_mode & 0o777 == 0o700
    assert file_requests(loopback_hub) == [None]

    engine = Engine(SelfCheck(tmp_path / "selfcheck.json"))
    engine.load(path)
    try:
        pieces: list[str] = []
        reply = engine.chat(
            [Message(role="user", content="Say hi")],
            Sampling(max_tokens=8, temperature=0),
            on_text=pieces.append,
        )
    finally:
        engine.unload()
    assert reply.tokens > 0
    assert reply.text.strip()
    assert "".join(pieces) == reply.text


def test_progress_rises_to_the_total(loopback_hub: LoopbackHub, tmp_path: Path) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    told: list[Progress] = []
    download_model(client, model, tmp_path / "models", on_progress=told.append)

    done = [progress.done for progress in told]
    assert len(told) >= 2
    assert done == sorted(done) and done[0] < done[-1]
    assert told[-1].done == told[-1].total == model.size
    assert all(progress.total == model.size for progress in told)
    assert told[-1].bytes_per_second > 0
    assert told[-1].seconds_left == 0


def test_a_cut_connection_resumes_where_it_stopped(
    loopback_hub: LoopbackHub, starter_model: Path, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    models_dir = tmp_path / "models"
    cut = 30_000_000
    loopback_hub.cut_after(cut)
    with pytest.raises(DownloadInterruptedError, match=r"stopped at 30\.0 MB of 98\.\d MB"):
        download_model(client, model, models_dir)
    assert partial_bytes(models_dir, model) == cut
    assert not (models_dir / HUB_FILE).exists()

    # A new call, as after a restart of the app: the same file finds the same partial.
    path = download_model(client, model, models_dir)
    assert file_requests(loopback_hub) == [None, f"bytes={cut}-"]
    assert loopback_hub.served(HUB_FILE) == model.size  # nothing fetched twice
    assert filecmp.cmp(path, starter_model, shallow=False)
    assert leftovers(models_dir) == []


def test_a_server_that_ignores_the_range_is_read_from_the_start(
    loopback_hub: LoopbackHub, starter_model: Path, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    models_dir = tmp_path / "models"
    loopback_hub.cut_after(5_000_000)
    with pytest.raises(DownloadInterruptedError):
        download_model(client, model, models_dir)
    loopback_hub.ignore_ranges()
    path = download_model(client, model, models_dir)
    assert filecmp.cmp(path, starter_model, shallow=False)


def test_partial_bytes_are_counted_and_can_be_discarded(
    loopback_hub: LoopbackHub, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    models_dir = tmp_path / "models"
    assert partial_bytes(models_dir, model) == 0
    loopback_hub.cut_after(3_000_000)
    with pytest.raises(DownloadInterruptedError):
        download_model(client, model, models_dir)
    assert partial_bytes(models_dir, model) == 3_000_000
    discard_partial(models_dir, model)
    assert partial_bytes(models_dir, model) == 0
    assert leftovers(models_dir) == []


def test_a_tampered_file_is_refused_and_deleted(loopback_hub: LoopbackHub, tmp_path: Path) -> None:
    client = client_of(loopback_hub)
    models_dir = tmp_path / "models"
    loopback_hub.tamper(HUB_FILE)
    with pytest.raises(DownloadVerificationError, match=HUB_FILE):
        download_model(client, starter_of(client), models_dir)
    assert leftovers(models_dir) == []
    assert not (models_dir / HUB_FILE).exists()


def test_a_cancelled_download_leaves_nothing(loopback_hub: LoopbackHub, tmp_path: Path) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    models_dir = tmp_path / "models"
    told: list[Progress] = []
    with pytest.raises(CancelledError):
        download_model(
            client,
            model,
            models_dir,
            on_progress=told.append,
            cancelled=lambda: bool(told) and told[-1].done > 0,
        )
    assert told
    assert leftovers(models_dir) == []
    assert not (models_dir / HUB_FILE).exists()
    assert loopback_hub.served(HUB_FILE) < model.size


def test_a_model_too_big_for_the_disk_is_refused_before_fetching(
    loopback_hub: LoopbackHub, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    model = starter_of(client)
    # A full disk cannot be made here, so the free space is told instead of measured.
    needed = format_bytes(model.size + 64 * 1024 * 1024)
    with pytest.raises(NotEnoughDiskError, match=rf"needs {needed} .* only 100 MB is free"):
        download_model(client, model, tmp_path / "models", free_space=lambda folder: 100_000_000)
    assert file_requests(loopback_hub) == []
    assert loopback_hub.served(HUB_FILE) == 0


def test_offline_mode_refuses_the_download_before_any_request(
    loopback_hub: LoopbackHub, tmp_path: Path
) -> None:
    model = starter_of(client_of(loopback_hub))
    asked = len(loopback_hub.requests)
    guard = quiet_guard()
    guard.offline = True
    with pytest.raises(OfflineModeError, match="Download a model"):
        download_model(client_of(loopback_hub, guard), model, tmp_path / "models")
    assert len(loopback_hub.requests) == asked


def test_an_installed_model_is_not_downloaded_again(
    loopback_hub: LoopbackHub, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    models_dir = tmp_path / "models"
    models_dir.mkdir()
    (models_dir / HUB_FILE).write_bytes(b"GGUF")
    with pytest.raises(AlreadyInstalledError, match=HUB_FILE):
        download_model(client, starter_of(client), models_dir)
    assert file_requests(loopback_hub) == []


def test_a_file_without_a_hash_on_the_hub_is_refused(
    loopback_hub: LoopbackHub, tmp_path: Path
) -> None:
    client = client_of(loopback_hub)
    model = client.model(UNHASHED_REPO, "plain.gguf")
    with pytest.raises(NoHashOnHubError, match=r"plain\.gguf"):
        download_model(client, model, tmp_path / "models")
    assert loopback_hub.served("plain.gguf") == 0


def test_a_split_model_installs_every_part(loopback_hub: LoopbackHub, tmp_path: Path) -> None:
    client = client_of(loopback_hub)
    models_dir = tmp_path / "models"
    path = download_model(client, client.model(SPLIT_REPO, "tiny"), models_dir)
    assert path == models_dir / SPLIT_PARTS[0]
    for name in SPLIT_PARTS:
        expected = b"".join(loopback_hub.blob(SPLIT_REPO, name).read(0))
        assert (models_dir / name).read_bytes() == expected
    assert leftovers(models_dir) == []
    assert sorted(p.name for p in models_dir.iterdir()) == sorted([PARTIAL_DIR, *SPLIT_PARTS])
