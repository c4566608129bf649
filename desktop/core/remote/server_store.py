"""The user's model servers, kept in the vault; their API keys in ``ServerKeys``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.core.privacy.network import NetworkGuard
from desktop.core.remote.errors import ServerNameError, UnknownServerError
from desktop.core.remote.server import RemoteModel, Server
from desktop.core.vault.database import Database
from desktop.core.vault.server_keys import ServerKeys
from desktop.core.vault.store import now_ms

if TYPE_CHECKING:
    from desktop.core.remote.client import RemoteClient

_COLUMNS = "name, url, ca_certificate, plain_http, models"


class ServerStore:
    """The servers the user added, by name.

    Attributes:
        keys: their API keys.
    """

    def __init__(self, db: Database, keys: ServerKeys) -> None:
        self._db = db
        self.keys = keys

    def servers(self) -> list[Server]:
        """Every server, by name."""
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM servers ORDER BY name").fetchall()
        return [_server(row) for row in rows]

    def get(self, name: str) -> Server:
        """The server called *name*.

        Raises:
            UnknownServerError: there is none.
        """
        row = self._db.execute(f"SELECT {_COLUMNS} FROM servers WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise UnknownServerError(name)
        return _server(row)

    def client(self, name: str, guard: NetworkGuard) -> RemoteClient:
        """The client of server *name*, with its key (no connection is made yet).

        Raises:
            UnknownServerError: there is none.
            ServerKeysUnavailableError: the keyring did not give the key.
        """
        # Imported now: httpx2 takes longer to load than the window takes to show.
        from desktop.core.remote.client import RemoteClient

        return RemoteClient(self.get(name), self.keys.get(name), guard)

    def remote_models(self) -> list[RemoteModel]:
        """Every model of every server, as each listed them when last checked."""
        return [
            RemoteModel(server.name, model, server.address.host)
            for server in self.servers()
            for model in server.models
        ]

    def add(self, server: Server, key: str) -> None:
        """Add *server*, with its API key *key* ("" for none).

        Raises:
            ServerNameError: the name is taken, empty or holds a slash.
            ServerAddressError, PlainHttpError: as ``Server.check``.
            ServerKeysUnavailableError: the keyring refused the key; nothing was added.
        """
        server.check()
        if any(kept.name == server.name for kept in self.servers()):
            raise ServerNameError(server.name)
        with self._db.transaction():
            self._db.execute(
                f"INSERT INTO servers ({_COLUMNS}, added_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    server.name,
                    server.url,
                    server.ca_certificate,
                    int(server.plain_http),
                    json.dumps(list(server.models)),
                    now_ms(),
                ),
            )
            # Inside the transaction: a key the keyring refuses leaves no server without it.
            if key:
                self.keys.put(server.name, key)

    def set_models(self, name: str, models: list[str]) -> None:
        """Remember the models server *name* lists now."""
        self._db.execute("UPDATE servers SET models = ? WHERE name = ?", (json.dumps(models), name))

    def remove(self, name: str) -> None:
        """Forget server *name* and its key.

        Raises:
            UnknownServerError: there is none.
            ServerKeysUnavailableError: the keyring refused; the server is kept.
        """
        self.get(name)
        with self._db.transaction():
            self._db.execute("DELETE FROM servers WHERE name = ?", (name,))
            self.keys.delete(name)


def _server(row: tuple[str, str, str, int, str]) -> Server:
    name, url, ca_certificate, plain_http, models = row
    return Server(name, url, ca_certificate, bool(plain_http), tuple(json.loads(models)))
