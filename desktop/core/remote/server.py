"""A model server of the user's: its name, address, trust and models, and a model on it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from desktop.core.privacy.network import is_local
from desktop.core.remote.errors import PlainHttpError, ServerAddressError, ServerNameError

API_PATH = "/v1"
"""Where the OpenAI-compatible API lives under a server's address."""


@dataclass(frozen=True)
class ServerAddress:
    """Where a server is.

    Attributes:
        url: the base address, as kept: ``scheme://host[:port][/path]``, without the API's
            ``/v1`` or a trailing slash.
        host: the host name or address, lower case, without brackets.
        port: the port connected to (the scheme's own when the address names none).
        tls: True for https.
    """

    url: str
    host: str
    port: int
    tls: bool

    @property
    def local(self) -> bool:
        """Whether the server is on this computer (loopback)."""
        return is_local(self.host)

    @property
    def api(self) -> str:
        """The base of the API's endpoints (``…/v1``)."""
        return self.url + API_PATH


def parse_address(url: str) -> ServerAddress:
    """The address of a server written as *url* (its API's ``/v1`` may be included).

    Raises:
        ServerAddressError: not an http or https address of a host, or one with a user
            name, a query or a fragment in it.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ServerAddressError(url) from error
    host = (parts.hostname or "").lower()
    if (
        parts.scheme.lower() not in ("http", "https")
        or not host
        or parts.username is not None
        or parts.query
        or parts.fragment
    ):
        raise ServerAddressError(url)
    tls = parts.scheme.lower() == "https"
    path = parts.path.rstrip("/").removesuffix(API_PATH)
    shown_host = f"[{host}]" if ":" in host else host
    netloc = shown_host if port is None else f"{shown_host}:{port}"
    return ServerAddress(
        f"{parts.scheme.lower()}://{netloc}{path}", host, port or (443 if tls else 80), tls
    )


@dataclass(frozen=True)
class Server:
    """A model server the user added.

    Attributes:
        name: what the user calls it; models on it are called ``name/model``.
        url: its base address (``ServerAddress.url``).
        ca_certificate: the certificate of the firm's own certificate authority (PEM), to
            trust besides the system's; "" for none.
        plain_http: the user confirmed reaching it over plain http although it is not on
            this computer.
        models: the models it listed when last checked.
    """

    name: str
    url: str
    ca_certificate: str = ""
    plain_http: bool = False
    models: tuple[str, ...] = ()

    @property
    def address(self) -> ServerAddress:
        return parse_address(self.url)

    def check(self) -> None:
        """Refuse a server that may not be added as it is.

        Raises:
            ServerNameError: the name is empty or holds a slash.
            ServerAddressError: the address cannot be used.
            PlainHttpError: plain http to a server beyond this computer, not confirmed.
        """
        if not self.name.strip() or "/" in self.name or self.name != self.name.strip():
            raise ServerNameError(self.name)
        address = self.address
        if not address.tls and not address.local and not self.plain_http:
            raise PlainHttpError(address.host)


def needs_plain_http_confirmation(url: str) -> bool:
    """Whether reaching *url* would send readable text beyond this computer (plain http
    to a host that is not loopback): the user must confirm it first.

    Raises:
        ServerAddressError: *url* is not a usable address.
    """
    address = parse_address(url)
    return not address.tls and not address.local


@dataclass(frozen=True)
class RemoteModel:
    """A model on one of the user's servers, as the model picker lists it.

    Attributes:
        server: the server's name.
        model: the model's id on the server.
        host: the host its messages are sent to.
    """

    server: str
    model: str
    host: str

    @property
    def name(self) -> str:
        """How Sotto names it: ``server/model`` (the conversation records this)."""
        return f"{self.server}/{self.model}"


def split_model_name(name: str) -> tuple[str, str] | None:
    """``(server, model)`` of a name written ``server/model``, or None if it is not one."""
    server, slash, model = name.partition("/")
    return (server, model) if slash and server and model else None
