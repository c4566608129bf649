"""Which program on this computer made a request: for the network log, where the system tells."""

from __future__ import annotations

import psutil


def caller_name(client: tuple[str, int] | None, port: int) -> str:
    """The name and process number of the program whose connection from *client* reached the
    API on *port*, or "" where the system does not say (another user's program, a system that
    does not list connections)."""
    if client is None:
        return ""
    try:
        for connection in psutil.net_connections(kind="inet"):
            local, remote = connection.laddr, connection.raddr
            if not remote or connection.pid is None:
                continue
            if local.port == client[1] and remote.port == port:  # type: ignore[union-attr]
                return f"{psutil.Process(connection.pid).name()} ({connection.pid})"
    except (psutil.Error, OSError):
        return ""
    return ""
