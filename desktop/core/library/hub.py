"""The Hugging Face hub, seen from the model library: GGUF repositories, their files, their bytes.

Every call runs inside a network permit for the hub's hosts only, so the network guard lets it
through (and records it) only while the user's action lasts, and refuses it in offline mode.
The app starts with huggingface_hub's own offline switch on, so that no dependency reaches the
hub by surprise; the client turns it off for the length of each call and back on after.
No token is ever sent: Sotto only reads public repositories.

huggingface_hub and httpx2 are imported by the calls that use them, not with this module:
together they take longer to import than the window takes to show, and the window needs the
models' records (``HubModel``) long before anyone searches the hub.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.library.errors import (
    HubFileNotFoundError,
    HubRepoNotFoundError,
    HubUnreachableError,
)
from desktop.core.modelfile.model_info import model_stem, split_part_names
from desktop.core.privacy.network import NetworkGuard

if TYPE_CHECKING:
    import httpx2
    from huggingface_hub import HfApi

CDN_HOSTS = (
    "cdn-lfs.huggingface.co",
    "cdn-lfs-us-1.huggingface.co",
    "cdn-lfs-eu-1.huggingface.co",
    "cdn-lfs.hf.co",
    "cdn-lfs-us-1.hf.co",
    "cdn-lfs-eu-1.hf.co",
    "cas-bridge.xethub.hf.co",
    "us.aws.cdn.hf.co",
)
"""Where the hub redirects the download of a file stored with LFS or Xet.

huggingface_hub names none of them: they arrive in the hub's redirects. These are the LFS
content networks the hub lists for firewalls, and the Xet bridge with the content network in
front of it, which serve a plain HTTP download of a file stored with Xet. hf_xet's own hosts
(cas-server, transfer) are left out: Sotto downloads over plain HTTP only.
"""

SEARCH_ACTION = QT_TRANSLATE_NOOP("NetworkAction", "Search the model library")
FILES_ACTION = QT_TRANSLATE_NOOP("NetworkAction", "List a model's files")
DOWNLOAD_ACTION = QT_TRANSLATE_NOOP("NetworkAction", "Download a model")

CHUNK = 1024 * 1024

_HUB = "https://huggingface.co"

_CONTENT_RANGE = re.compile(r"^bytes (?P<first>\d+)-\d+/(?:\d+|\*)$")


def _hub_failures() -> tuple[type[Exception], ...]:
    """What huggingface_hub and httpx2 raise when the hub is missing, refuses, or answers
    nonsense (``ValueError`` covers an answer that is not the JSON the hub sends, as from a
    captive portal)."""
    import httpx2
    from huggingface_hub.errors import HfHubHTTPError

    return (HfHubHTTPError, httpx2.RequestError, OSError, ValueError)


def _answer_failures() -> tuple[type[Exception], ...]:
    """Those, and an answer in JSON of another shape than the hub's."""
    return (*_hub_failures(), KeyError, TypeError)


_HEADERS = {"user-agent": f"sotto/{__version__}"}
"""Sent instead of huggingface_hub's default, which adds the Python version and more."""


@dataclass(frozen=True)
class HubRepo:
    """A model repository found by a search.

    Attributes:
        id: ``owner/name``.
        downloads: downloads over the last month, as the hub counts them.
        likes: the hub's likes.
    """

    id: str
    downloads: int
    likes: int


@dataclass(frozen=True)
class HubFile:
    """One file of a repository, as the hub records it.

    Attributes:
        repo: the repository's ``owner/name``.
        name: the file's path in the repository.
        size: bytes.
        sha256: the lowercase hex SHA-256 of the hub's LFS record, or None where the hub
            keeps none (a small file in plain git), so it cannot be verified.
    """

    repo: str
    name: str
    size: int
    sha256: str | None


@dataclass(frozen=True)
class HubModel:
    """A model that can be downloaded: one GGUF file, or every part of a split one.

    Attributes:
        repo: the repository's ``owner/name``.
        name: the file's path in the repository; for a split model, the parts' common prefix.
        parts: the files, in order; one for a model that is not split.
    """

    repo: str
    name: str
    parts: tuple[HubFile, ...]

    @property
    def size(self) -> int:
        return sum(part.size for part in self.parts)

    @property
    def file_name(self) -> str:
        """The name the model is installed and loaded under: its first part's."""
        return PurePosixPath(self.parts[0].name).name


@dataclass(frozen=True)
class Transfer:
    """An open download of one file's bytes.

    Attributes:
        start: the offset in the file of the first byte ``chunks`` yields: the offset asked
            for when the hub honoured the range, 0 when it sent the whole file instead.
        chunks: the bytes, up to ``CHUNK`` at a time; raises ``ConnectionCutError`` if the
            connection drops.
    """

    start: int
    chunks: Iterator[bytes]


class ConnectionCutError(Exception):
    """The connection dropped, or stalled past the timeout, while a file's bytes were coming."""


class _OnlineSessions:
    """Turns huggingface_hub's offline switch off while at least one hub call runs.

    The switch is a module constant of huggingface_hub, so it is process-wide state: one lock
    and one count for the whole process let a search overlap a download on another thread
    without either turning the switch back on under the other.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._offline_before = False

    @contextmanager
    def opened(self) -> Iterator[None]:
        from huggingface_hub import constants

        with self._lock:
            if self._open == 0:
                self._offline_before = constants.HF_HUB_OFFLINE
                constants.HF_HUB_OFFLINE = False
            self._open += 1
        try:
            yield
        finally:
            with self._lock:
                self._open -= 1
                if self._open == 0:
                    constants.HF_HUB_OFFLINE = self._offline_before


_ONLINE = _OnlineSessions()


class HubClient:
    """Searches the hub for GGUF models and opens downloads of their files.

    Every method opens a network permit for the length of the call, and raises a
    ``UserError`` for anything the network or the hub can cause.

    Attributes:
        endpoint: the hub's address: huggingface_hub's ``ENDPOINT`` (https://huggingface.co
            unless ``HF_ENDPOINT`` names a mirror), or a loopback stand-in in tests.
        timeout: seconds to wait for a connection, or for the next bytes of an answer.
    """

    def __init__(
        self, guard: NetworkGuard, endpoint: str | None = None, timeout: float = 20.0
    ) -> None:
        # huggingface_hub's own setting (HF_ENDPOINT), read as it reads it, names a mirror
        # where one is used.
        self.endpoint = (endpoint or os.environ.get("HF_ENDPOINT") or _HUB).rstrip("/")
        self.timeout = timeout
        self._guard = guard
        host = urlsplit(self.endpoint).hostname or ""
        # A search only needs the hub itself; a download is redirected to a content network.
        self._search_hosts = (host,)
        self._download_hosts = (host, *CDN_HOSTS)

    @functools.cached_property
    def _api(self) -> HfApi:
        from huggingface_hub import HfApi

        return HfApi(
            endpoint=self.endpoint, token=False, library_name="sotto", library_version=__version__
        )

    def search(self, query: str, limit: int = 30) -> list[HubRepo]:
        """GGUF repositories matching *query*, most downloaded first.

        Raises:
            OfflineModeError: offline mode is on.
            HubUnreachableError: the hub did not answer.
        """
        # One plain request rather than HfApi.list_models: that one retries a failed
        # connection five times over 23 seconds and waits for an answer without a timeout.
        params: dict[str, str | int] = {
            "search": query,
            "filter": "gguf",
            "sort": "downloads",
            "limit": limit,
        }
        from huggingface_hub import get_session, hf_raise_for_status

        with self._online(SEARCH_ACTION, self._search_hosts):
            try:
                response = get_session().get(
                    f"{self.endpoint}/api/models",
                    params=params,
                    headers=_HEADERS,
                    timeout=self.timeout,
                )
                hf_raise_for_status(response)
                return [
                    HubRepo(
                        str(item["id"]),
                        int(item.get("downloads") or 0),
                        int(item.get("likes") or 0),
                    )
                    for item in response.json()[:limit]
                ]
            except _answer_failures() as error:
                raise self._user_error(error) from error

    def models(self, repo: str) -> list[HubModel]:
        """The GGUF models of *repo*, each with its files' sizes and SHA-256, by name.

        A split model is one entry; a split model with parts missing on the hub is left out.

        Raises:
            OfflineModeError: offline mode is on.
            HubRepoNotFoundError: the hub has no such public repository.
            HubUnreachableError: the hub did not answer.
        """
        with self._online(FILES_ACTION, self._search_hosts):
            try:
                info = self._api.model_info(
                    repo, files_metadata=True, timeout=self.timeout, token=False
                )
            except _hub_failures() as error:
                raise self._user_error(error, repo) from error
        files = [
            HubFile(
                repo,
                sibling.rfilename,
                sibling.lfs.size if sibling.lfs is not None else (sibling.size or 0),
                sibling.lfs.sha256.lower() if sibling.lfs is not None else None,
            )
            for sibling in info.siblings or []
            if sibling.rfilename.lower().endswith(".gguf")
        ]
        return _group_models(repo, files)

    def model(self, repo: str, file: str) -> HubModel:
        """The model of *repo* that *file* (a path in the repository, or a model's name) is in.

        Raises:
            OfflineModeError: offline mode is on.
            HubRepoNotFoundError: the hub has no such public repository.
            HubFileNotFoundError: no model of the repository has that file.
            HubUnreachableError: the hub did not answer.
        """
        for model in self.models(repo):
            if file == model.name or any(file == part.name for part in model.parts):
                return model
        raise HubFileNotFoundError(repo, file)

    @contextmanager
    def fetch(self, file: HubFile, start: int = 0) -> Iterator[Transfer]:
        """Open a download of *file* from byte *start* on, for the length of the block.

        The hub may answer with the whole file instead of the range asked for:
        ``Transfer.start`` says where the bytes begin.

        Raises:
            OfflineModeError: offline mode is on.
            HubRepoNotFoundError, HubFileNotFoundError: the file is no longer on the hub.
            HubUnreachableError: the hub did not answer, or answered with the wrong range.
        """
        from huggingface_hub import get_session, hf_hub_url, hf_raise_for_status

        url = hf_hub_url(file.repo, file.name, endpoint=self.endpoint)
        # The size and hash are checked against the hub's record: the bytes must come as
        # stored, never recompressed on the way.
        headers = {**_HEADERS, "Accept-Encoding": "identity"}
        if start > 0:
            headers["Range"] = f"bytes={start}-"
        with self._online(DOWNLOAD_ACTION, self._download_hosts), ExitStack() as stack:
            try:
                response = stack.enter_context(
                    get_session().stream(
                        "GET", url, headers=headers, follow_redirects=True, timeout=self.timeout
                    )
                )
                hf_raise_for_status(response)
                first = _first_byte(response, start)
            except _hub_failures() as error:
                raise self._user_error(error, file.repo, file.name) from error
            # Outside the try: what the caller raises in the block (a full disk, a cancel)
            # is its own, not the hub's.
            yield Transfer(first, _chunks(response))

    @contextmanager
    def _online(self, action: str, hosts: Iterable[str]) -> Iterator[None]:
        with self._guard.permit(action, hosts), _ONLINE.opened():
            yield

    def _user_error(self, error: BaseException, repo: str = "", file: str = "") -> UserError:
        """The sentence for the user that *error*, raised by a hub call, comes to."""
        import httpx2
        from huggingface_hub.errors import (
            EntryNotFoundError,
            HfHubHTTPError,
            HFValidationError,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )

        if isinstance(error, (RepositoryNotFoundError, RevisionNotFoundError, HFValidationError)):
            return HubRepoNotFoundError(repo)
        if isinstance(error, EntryNotFoundError):
            return HubFileNotFoundError(repo, file)
        if isinstance(error, HfHubHTTPError):
            status = error.response.status_code if error.response is not None else "?"
            return HubUnreachableError(f"the server answered HTTP {status}")
        if isinstance(error, httpx2.TimeoutException):
            return HubUnreachableError(f"no answer within {self.timeout:g} seconds")
        if isinstance(error, (ValueError, KeyError, TypeError)):
            return HubUnreachableError("its answer could not be read")
        return HubUnreachableError(str(error) or type(error).__name__)


def _group_models(repo: str, files: list[HubFile]) -> list[HubModel]:
    """One model per single file and per complete set of split parts, by name."""
    by_name = {file.name: file for file in files}
    models: dict[tuple[str, ...], HubModel] = {}
    for file in files:
        names = split_part_names(file.name)
        if names not in models and all(name in by_name for name in names):
            name = file.name if len(names) == 1 else model_stem(names[0])
            models[names] = HubModel(repo, name, tuple(by_name[name] for name in names))
    return sorted(models.values(), key=lambda model: model.name.lower())


def _first_byte(response: httpx2.Response, asked: int) -> int:
    """Where in the file the body of *response* begins (a range, or the whole file)."""
    if response.status_code != 206:
        return 0
    matched = _CONTENT_RANGE.match(response.headers.get("Content-Range", ""))
    if matched is None or int(matched["first"]) != asked:
        raise ValueError(f"asked for bytes from {asked}, got {response.headers!r}")
    return asked


def _chunks(response: httpx2.Response) -> Iterator[bytes]:
    """The body of *response* in pieces of ``CHUNK`` bytes, the last one shorter.

    Pieces are gathered here rather than by httpx2's own chunking, which drops what it has
    gathered when the connection drops: every byte that arrived is passed on to be kept.
    """
    import httpx2

    pending = bytearray()
    try:
        for piece in response.iter_bytes():
            pending += piece
            if len(pending) >= CHUNK:
                yield bytes(pending)
                pending.clear()
    except httpx2.TransportError as error:
        if pending:
            yield bytes(pending)
        raise ConnectionCutError(str(error) or type(error).__name__) from error
    if pending:
        yield bytes(pending)
