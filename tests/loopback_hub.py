"""A stand-in for the Hugging Face hub on 127.0.0.1, serving real GGUF bytes.

It answers what huggingface_hub 2.4 asks of the hub, as the hub answers it:

- ``GET /api/models?search=&filter=&sort=&limit=``: the search, a JSON list.
- ``GET /api/models/{repo}[/revision/{rev}]?blobs=true``: a repository and its files; with
  ``blobs`` each file has its size and git object id, and an LFS file its SHA-256 record.
- ``HEAD|GET /{repo}/resolve/{rev}/{file}``: a file. An LFS file is a ``302`` to the content
  network with the ``X-Linked-Etag`` and ``X-Linked-Size`` headers; a plain git file is served
  at once. Both carry ``X-Repo-Commit`` and an ``ETag``. A ``Range: bytes=N-`` gets ``206``
  and a ``Content-Range``.
- The content network is a second server, as on the real hub another origin (huggingface_hub
  reads a file's metadata from the ``302`` itself only when it leads off the hub's origin); it
  serves ``/lfs/{sha256}``.
- Unknown repositories, revisions and files get ``404`` with the hub's ``X-Error-Code``.

The starter model is streamed from its file; no copy of it is held in memory.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from desktop.core.library.hub import HubClient
from desktop.core.privacy.network import NetworkGuard

STARTER_REPO = "loopback/SmolLM2-135M-Instruct-GGUF"
SPLIT_REPO = "loopback/Tiny-Split-GGUF"
UNHASHED_REPO = "loopback/Unhashed-GGUF"
"""Its GGUF file is kept in plain git, so the hub has no SHA-256 record of it."""

HUB_FILE = "smollm2-135m-instruct-q4_1.gguf"
"""The starter model's bytes, under another name than the bundled file (so that a download
is a new model, not a clash with the starter)."""
SPLIT_PARTS = ("tiny-00001-of-00002.gguf", "tiny-00002-of-00002.gguf")
ORPHAN_PART = "orphan-00001-of-00003.gguf"
"""The first of three parts, whose others are missing: not a model anyone can download."""

README = b"# A model card\n\nNot a model: it must never be listed as one.\n"
CHUNK = 1024 * 1024
_COMMIT = "0123456789abcdef0123456789abcdef01234567"
_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")


def quiet_guard() -> NetworkGuard:
    """An uninstalled guard whose permits look up none of the hub's names.

    The stand-in is on loopback, which needs no permit; looking up the real hub's content
    hosts would only wait on DNS (five seconds, now and then, where there is no network).
    """
    return NetworkGuard(resolve=lambda host: [])


def client_of(hub: LoopbackHub, guard: NetworkGuard | None = None) -> HubClient:
    """A hub client of the stand-in *hub*, through *guard* (a quiet one by default)."""
    return HubClient(guard or quiet_guard(), hub.url, timeout=5)


@functools.cache
def _sha256_of(path: Path) -> str:
    """The SHA-256 of a file, computed once a test session (the starter model takes 0.3 s)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Request:
    """One request the stand-in received.

    Attributes:
        method: ``GET`` or ``HEAD``.
        path: the path with its query string.
        range: the ``Range`` header, or None.
    """

    method: str
    path: str
    range: str | None


@dataclass
class Blob:
    """A file of a repository: bytes held here, or a file on disk.

    Attributes:
        name: the path in the repository.
        source: the bytes, or the file they are read from.
        lfs: stored with Git LFS (the hub keeps a SHA-256 record), rather than in plain git.
    """

    name: str
    source: bytes | Path
    lfs: bool
    size: int = field(init=False)
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        if isinstance(self.source, Path):
            self.size = self.source.stat().st_size
            self.sha256 = _sha256_of(self.source)
        else:
            self.size = len(self.source)
            self.sha256 = hashlib.sha256(self.source).hexdigest()

    @property
    def git_oid(self) -> str:
        """The git object id: of the LFS pointer for an LFS file, else of the content."""
        if self.lfs:
            content = self.pointer
        else:
            assert isinstance(self.source, bytes)
            content = self.source
        return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()

    @property
    def pointer(self) -> bytes:
        return (
            f"version https://git-lfs.github.com/spec/v1\noid sha256:{self.sha256}\n"
            f"size {self.size}\n"
        ).encode()

    def read(self, start: int) -> Iterator[bytes]:
        if isinstance(self.source, bytes):
            for offset in range(start, self.size, CHUNK):
                yield self.source[offset : offset + CHUNK]
            return
        with self.source.open("rb") as file:
            file.seek(start)
            while chunk := file.read(CHUNK):
                yield chunk


@dataclass
class Repo:
    id: str
    downloads: int
    likes: int
    files: dict[str, Blob]


class LoopbackHub:
    """The stand-in hub, serving on 127.0.0.1 from a daemon thread until ``close``.

    Attributes:
        url: its address, to give to the hub client as the endpoint.
        cdn_url: the address of its content network, where LFS files are redirected to.
        repos: what it serves, by repository id.
    """

    def __init__(self, starter: Path) -> None:
        blobs = [
            Blob(HUB_FILE, starter, lfs=True),
            Blob("README.md", README, lfs=False),
        ]
        split = [
            Blob(SPLIT_PARTS[0], b"GGUF" + bytes(range(256)) * 300, lfs=True),
            Blob(SPLIT_PARTS[1], b"tail" + bytes(reversed(range(256))) * 200, lfs=True),
            Blob(ORPHAN_PART, b"GGUF" + b"\x07" * 999, lfs=True),
            Blob("README.md", README, lfs=False),
        ]
        self.repos = {
            repo.id: repo
            for repo in (
                Repo(STARTER_REPO, 52_000, 140, {blob.name: blob for blob in blobs}),
                Repo(SPLIT_REPO, 12, 1, {blob.name: blob for blob in split}),
                Repo(UNHASHED_REPO, 3, 0, {"plain.gguf": Blob("plain.gguf", b"GGUF" * 64, False)}),
            )
        }
        self._lock = threading.Lock()
        self._requests: list[Request] = []
        self._served: dict[str, int] = {}
        self._cut_after: int | None = None
        self._tampered: set[str] = set()
        self._ignore_ranges = False
        self._connections: set[socket.socket] = set()
        self._servers = (_Server(self, cdn=False), _Server(self, cdn=True))
        self.url, self.cdn_url = (server.url for server in self._servers)
        self._threads = [
            threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": 0.02},  # how long ``close`` waits for it to stop
                name="loopback-hub",
                daemon=True,
            )
            for server in self._servers
        ]
        for thread in self._threads:
            thread.start()

    @property
    def requests(self) -> list[Request]:
        with self._lock:
            return list(self._requests)

    def served(self, file: str) -> int:
        """Body bytes of *file* (a path in its repository) sent so far, over every request."""
        with self._lock:
            return self._served.get(file, 0)

    def blob(self, repo: str, file: str) -> Blob:
        return self.repos[repo].files[file]

    def cut_after(self, count: int) -> None:
        """Close the connection of the next file download after *count* bytes of its body."""
        with self._lock:
            self._cut_after = count

    def tamper(self, file: str) -> None:
        """Serve *file* with one byte changed, so it no longer matches its SHA-256 record."""
        with self._lock:
            self._tampered.add(file)

    def ignore_ranges(self) -> None:
        """Answer every download with the whole file (``200``), as some servers do."""
        with self._lock:
            self._ignore_ranges = True

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)
        for server, thread in zip(self._servers, self._threads, strict=True):
            server.server_close()
            thread.join()

    def _record(self, request: Request) -> None:
        with self._lock:
            self._requests.append(request)

    def _count(self, file: str, sent: int) -> None:
        with self._lock:
            self._served[file] = self._served.get(file, 0) + sent

    def _take_cut(self) -> int | None:
        with self._lock:
            cut, self._cut_after = self._cut_after, None
            return cut


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, hub: LoopbackHub, cdn: bool) -> None:
        self.hub = hub
        self.cdn = cdn
        super().__init__(("127.0.0.1", 0), _Handler)
        host, port = self.server_address[:2]
        self.url = f"http://{host}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: clients hang up mid-download on purpose (a cancel, a cut)."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.hub._lock:
            self.server.hub._connections.add(self.connection)

    def finish(self) -> None:
        with self.server.hub._lock:
            self.server.hub._connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read ``LoopbackHub.requests`` instead."""

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, body: bool) -> None:
        hub = self.server.hub
        hub._record(Request(self.command, self.path, self.headers.get("Range")))
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        path = unquote(url.path)
        if self.server.cdn and path.startswith("/lfs/"):
            sha256 = path.removeprefix("/lfs/")
            found = [
                blob
                for repo in hub.repos.values()
                for blob in repo.files.values()
                if blob.lfs and blob.sha256 == sha256
            ]
            if found:
                self._file(found[0], body, {"ETag": f'"{sha256}"'})
            else:
                self._error(404, "", "Not found")
        elif self.server.cdn:
            self._error(404, "", "Not found")
        elif path == "/api/models" and body:
            self._json(200, self._search(query))
        elif path.startswith("/api/models/") and body:
            self._model_info(path.removeprefix("/api/models/"), "blobs" in query)
        elif "/resolve/" in path:
            self._resolve(path, body)
        else:
            self._error(404, "", "Sorry, we can't find the page you are looking for.")

    def _search(self, query: dict[str, list[str]]) -> list[dict[str, Any]]:
        words = query.get("search", [""])[0].lower()
        tags = query.get("filter", [])
        found = [
            repo
            for repo in self.server.hub.repos.values()
            if words in repo.id.lower() and all(tag == "gguf" for tag in tags)
        ]
        key = query.get("sort", ["downloads"])[0]
        found.sort(key=lambda repo: getattr(repo, key, 0), reverse=True)
        limit = int(query.get("limit", ["1000"])[0])
        return [self._summary(repo) for repo in found[:limit]]

    @staticmethod
    def _summary(repo: Repo) -> dict[str, Any]:
        return {
            "_id": hashlib.md5(repo.id.encode()).hexdigest()[:24],
            "id": repo.id,
            "modelId": repo.id,
            "likes": repo.likes,
            "downloads": repo.downloads,
            "trendingScore": 0,
            "private": False,
            "tags": ["gguf", "text-generation"],
            "pipeline_tag": "text-generation",
            "library_name": "gguf",
            "createdAt": "2024-11-01T00:00:00.000Z",
        }

    def _model_info(self, rest: str, blobs: bool) -> None:
        repo_id, _, revision = rest.partition("/revision/")
        repo = self.server.hub.repos.get(repo_id)
        if repo is None:
            self._error(404, "RepoNotFound", "Repository not found")
            return
        if revision and revision not in ("main", _COMMIT):
            self._error(404, "RevisionNotFound", "Invalid rev id: " + revision)
            return
        siblings = []
        for blob in repo.files.values():
            sibling: dict[str, Any] = {"rfilename": blob.name}
            if blobs:
                sibling.update(blobId=blob.git_oid, size=blob.size)
                if blob.lfs:
                    sibling["lfs"] = {
                        "sha256": blob.sha256,
                        "size": blob.size,
                        "pointerSize": len(blob.pointer),
                    }
            siblings.append(sibling)
        info = self._summary(repo)
        info.update(
            author=repo.id.split("/")[0],
            sha=_COMMIT,
            lastModified="2024-11-02T00:00:00.000Z",
            gated=False,
            disabled=False,
            siblings=siblings,
            usedStorage=sum(blob.size for blob in repo.files.values()),
        )
        self._json(200, info)

    def _resolve(self, path: str, body: bool) -> None:
        repo_id, _, rest = path.lstrip("/").partition("/resolve/")
        revision, _, name = rest.partition("/")
        repo = self.server.hub.repos.get(repo_id)
        if repo is None:
            self._error(404, "RepoNotFound", "Repository not found")
        elif revision not in ("main", _COMMIT):
            self._error(404, "RevisionNotFound", "Invalid rev id: " + revision)
        elif name not in repo.files:
            self._error(404, "EntryNotFound", "Entry not found")
        elif repo.files[name].lfs:
            blob = repo.files[name]
            self.send_response(302)
            self.send_header("Location", f"{self.server.hub.cdn_url}/lfs/{quote(blob.sha256)}")
            self.send_header("X-Repo-Commit", _COMMIT)
            self.send_header("ETag", f'"{blob.git_oid}"')
            self.send_header("X-Linked-Etag", f'"{blob.sha256}"')
            self.send_header("X-Linked-Size", str(blob.size))
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            blob = repo.files[name]
            self._file(blob, body, {"ETag": f'"{blob.git_oid}"', "X-Repo-Commit": _COMMIT})

    def _file(self, blob: Blob, body: bool, headers: dict[str, str]) -> None:
        hub = self.server.hub
        start, end = 0, blob.size  # the bytes [start, end) are sent
        asked = _RANGE.match(self.headers.get("Range", ""))
        with hub._lock:
            ignore_ranges = hub._ignore_ranges
            tampered = blob.name in hub._tampered
        if asked and not ignore_ranges:
            start = int(asked[1])
            end = min(int(asked[2]) + 1, blob.size) if asked[2] else blob.size
            if start >= end:
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{blob.size}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{blob.size}")
        else:
            self.send_response(200)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(end - start))
        self.end_headers()
        if body:
            self._body(blob, start, end, tampered)

    def _body(self, blob: Blob, start: int, end: int, tampered: bool) -> None:
        cut = self.server.hub._take_cut()
        stop = end if cut is None else min(end, start + cut)
        changed_at = blob.size // 2
        offset = start
        for chunk in blob.read(start):
            chunk = chunk[: stop - offset]
            if tampered and offset <= changed_at < offset + len(chunk):
                spoiled = bytearray(chunk)
                spoiled[changed_at - offset] ^= 0xFF
                chunk = bytes(spoiled)
            if not self._send(blob, chunk):
                return
            offset += len(chunk)
            if offset >= stop:
                break
        if offset < end:
            self.close_connection = True  # cut: the client sees the answer end early

    def _send(self, blob: Blob, chunk: bytes) -> bool:
        try:
            self.wfile.write(chunk)
        except OSError:
            self.close_connection = True
            return False
        self.server.hub._count(blob.name, len(chunk))
        return True

    def _json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Repo-Commit", _COMMIT)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, code: str, message: str) -> None:
        data = json.dumps({"error": message}).encode()
        self.send_response(status)
        if code:
            self.send_header("X-Error-Code", code)
        self.send_header("X-Error-Message", message)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
