"""The network guard: no connection leaves the machine unless the user asked for one.

A Python audit hook sees every name lookup and every socket connect or send of the process.
Local traffic (Unix sockets such as D-Bus for the keyring, and loopback) always passes and is
not recorded. Anything else is refused, unless the model library has opened a ``permit`` for
the hub's hosts for the length of one user action (or a chat with the user's own model
server for that server's host and port while it streams), and offline mode is off. Every
non-local attempt, allowed or refused, is recorded with its time, host and the action behind it.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP

_LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"}
_SENDS = {"socket.connect", "socket.sendto", "socket.sendmsg"}
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


class NetworkRefusedError(PermissionError):
    """The guard refused a connection (raised where the socket call was made)."""


class OfflineModeError(UserError):
    """A library action needs the network, and the user has turned offline mode on."""

    def __init__(self, action: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "OfflineModeError",
                "Offline mode is on, so Sotto did not go online for this: {action}. Turn "
                "offline mode off in the Privacy menu, then try again.",
            ),
            action=action,
        )


@dataclass
class Outcome:
    """How the action behind a permit ended, shared by the attempts it made.

    Attributes:
        ended: whether the action is over (its permit closed).
        failure: why it failed (a ``UserError`` has a sentence for the user), or None.
    """

    ended: bool = False
    failure: BaseException | None = None


@dataclass(frozen=True)
class Attempt:
    """One attempt to reach beyond this machine.

    Attributes:
        when: seconds since the epoch.
        host: the name or address asked for.
        action: the user action that opened the permit, or "" for none.
        allowed: whether the guard let it through.
        outcome: how the action it was made for ended (None for an attempt no permit
            covered).
        local: a request another program on this computer made of Sotto's local API
            (``host`` names that program where the system tells it); never refused here.
        detail: for a local request, the model that answered it.
    """

    when: float
    host: str
    action: str
    allowed: bool
    outcome: Outcome | None = None
    local: bool = False
    detail: str = ""


@dataclass
class _Permit:
    """One open permit: the action behind it, its hosts, the one port they may be reached
    on (None: any), those of them looked up so far and the addresses those resolved to."""

    action: str
    hosts: set[str]
    port: int | None = None
    outcome: Outcome = field(default_factory=Outcome)
    looked_up: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)


def is_local(host: str) -> bool:
    """True for loopback names and addresses (traffic that never leaves the machine)."""
    name = host.strip("[]").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        return False


def _addresses_of(host: str) -> list[str]:
    """The addresses *host* resolves to (a lookup the guard itself sees and allows)."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)]


class NetworkGuard:
    """Decides, and records, every attempt of this process to use the network.

    ``install`` hooks it into the process (for good: audit hooks cannot be removed); an
    uninstalled guard still decides and records through ``check``, which is what tests use.
    Connections to the addresses a permitted name resolves to are allowed too (``resolve``
    replaces that lookup in tests, where DNS cannot be used).

    Attributes:
        offline: when True, even ``permit`` refuses.
    """

    def __init__(self, resolve: Callable[[str], list[str]] | None = None) -> None:
        self.offline = False
        self._resolve_host = resolve or _addresses_of
        self._lock = threading.Lock()
        self._attempts: list[Attempt] = []
        self._permits: list[_Permit] = []
        self._listeners: list[Callable[[Attempt], None]] = []

    def install(self) -> NetworkGuard:
        sys.addaudithook(self._audit)
        return self

    def attempts(self) -> list[Attempt]:
        with self._lock:
            return list(self._attempts)

    def add_listener(self, listener: Callable[[Attempt], None]) -> None:
        """Call ``listener(attempt)`` after each recorded attempt, and with the last attempt
        of an action when that action ends (from the calling thread)."""
        self._listeners.append(listener)

    def record_local(self, caller: str, action: str, detail: str = "") -> None:
        """Record a request *caller* (a program on this computer) made of Sotto's local API
        for *action*, answered with *detail* (a model): listed with every other attempt, so
        the user sees which apps used Sotto and when."""
        attempt = Attempt(time.time(), caller, action, True, local=True, detail=detail)
        with self._lock:
            self._attempts.append(attempt)
        for listener in self._listeners:
            listener(attempt)

    @contextmanager
    def permit(self, action: str, hosts: Iterable[str], port: int | None = None) -> Iterator[None]:
        """Let *hosts* (and the addresses they resolve to) be reached while the block runs;
        on *port* alone, when it is given (a model server: one service of a host, not all).

        Permits may overlap (a search while a download runs); each closes on its own.

        Raises:
            OfflineModeError: offline mode is on; nothing was opened.
        """
        if self.offline:
            raise OfflineModeError(action)
        opened = _Permit(action, {host.lower() for host in hosts}, port)
        with self._lock:
            self._permits.append(opened)
        try:
            yield
        except BaseException as error:
            opened.outcome.failure = error
            raise
        finally:
            with self._lock:
                self._permits.remove(opened)
                opened.outcome.ended = True
                made = [a for a in self._attempts if a.outcome is opened.outcome]
            if made:
                for listener in self._listeners:
                    listener(made[-1])

    def check(self, host: str, port: int | None = None) -> None:
        """Allow or refuse reaching *host* (a name or an address) on *port* (None for a name
        lookup, which reaches no port), and record it if not local.

        A connection goes to an address the program looked up a moment before: an address
        no open permit knows yet makes each permit resolve the names of its hosts that were
        looked up, and it is allowed if it is among their addresses. (Nothing is resolved in
        advance: on a machine without a working name server that would only cost time.)

        Raises:
            NetworkRefusedError: refused.
        """
        if is_local(host):
            return
        key = host.strip("[]").lower()
        permit = self._covering(key, port)
        if permit is not None and not self._is_address(key):
            with self._lock:
                permit.looked_up.add(key)
        if permit is None and self._is_address(key):
            with self._lock:
                open_permits = list(self._permits)
            for opened in open_permits:
                self._resolve(opened)
            permit = self._covering(key, port)
        with self._lock:
            action = (
                permit.action if permit else (self._permits[-1].action if self._permits else "")
            )
            attempt = Attempt(
                time.time(), host, action, permit is not None, permit.outcome if permit else None
            )
            self._attempts.append(attempt)
        for listener in self._listeners:
            listener(attempt)
        if permit is None:
            raise NetworkRefusedError(f"Sotto's network guard refused a connection to {host}")

    def _covering(self, key: str, port: int | None) -> _Permit | None:
        with self._lock:
            if self.offline:
                return None
            for opened in reversed(self._permits):
                on_port = port is None or opened.port is None or port == opened.port
                if on_port and (key in opened.hosts or key in opened.addresses):
                    return opened
            return None

    @staticmethod
    def _is_address(key: str) -> bool:
        try:
            ipaddress.ip_address(key.split("%")[0])
        except ValueError:
            return False
        return True

    def _resolve(self, opened: _Permit) -> None:
        with self._lock:
            names = list(opened.looked_up)
        for host in names:
            try:
                addresses = self._resolve_host(host)
            except OSError:
                continue  # no network: the action itself will fail and say so
            with self._lock:
                opened.addresses.update(address.lower() for address in addresses)

    def _audit(self, event: str, args: tuple[Any, ...]) -> None:
        port = None
        if event in _LOOKUPS:
            host = args[0]
        elif event in _SENDS:
            address = args[1]  # (socket, address) for connect, sendto and sendmsg
            if not isinstance(address, tuple) or not address:
                return  # a Unix socket path, or no address (a connected socket)
            host = address[0]
            if len(address) > 1 and isinstance(address[1], int):
                port = address[1]
        else:
            return
        if isinstance(host, bytes):
            host = host.decode("idna", errors="replace")
        if isinstance(host, str) and host:
            self.check(host, port)
