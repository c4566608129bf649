"""What can go wrong with a model server, in sentences for the user."""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import QT_TRANSLATE_NOOP


class ServerAddressError(UserError):
    """The address given for a server is not one Sotto can use."""

    def __init__(self, url: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ServerAddressError",
                "{url} is not a server address Sotto can use. Write it as the administrator "
                "gave it, such as https://llm.example.internal:8000.",
            ),
            url=url,
        )


class PlainHttpError(UserError):
    """A server outside this computer at a plain ``http://`` address, not confirmed."""

    def __init__(self, host: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "PlainHttpError",
                "{host} would be reached over plain http, which anyone on the network between "
                "can read. Use its https:// address, or confirm that plain http is what you "
                "want.",
            ),
            host=host,
        )


class ServerNameError(UserError):
    """A server's name is empty, holds a slash, or is taken."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ServerNameError",
                "“{name}” cannot name a server: a name must be new, not empty, and without "
                "a slash (models are called server/model).",
            ),
            name=name,
        )


class UnknownServerError(UserError):
    """No server has the name given."""

    def __init__(self, name: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "UnknownServerError",
                "There is no server called {name}. Add it first, or check its name in the "
                "list of servers.",
            ),
            name=name,
        )


class CertificateFileError(UserError):
    """The certificate authority's file is not a certificate."""

    def __init__(self, file: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "CertificateFileError",
                "{file} holds no certificate Sotto can read. Ask your administrator for the "
                "certificate authority's file in PEM form (it starts with “-----BEGIN "
                "CERTIFICATE-----”).",
            ),
            file=file,
        )


class CertificateNotTrustedError(UserError):
    """The server's TLS certificate is not trusted: nothing was sent. What the TLS library
    said (in English) is the details, never part of the sentence."""

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "CertificateNotTrustedError",
                "Sotto does not trust the certificate of {server}, so nothing was sent. If "
                "your firm has its own certificate authority, add its certificate file to the "
                "server.",
            ),
            server=server,
        )
        self.details = detail


class ServerKeyRefusedError(UserError):
    """The server refused the API key (401 or 403)."""

    def __init__(self, server: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ServerKeyRefusedError",
                "{server} refused the API key. Ask your administrator for the right key and "
                "add the server again with it.",
            ),
            server=server,
        )


class UnknownRemoteModelError(UserError):
    """The server has no such model, or nothing at that address (404)."""

    def __init__(self, server: str, model: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "UnknownRemoteModelError",
                "{server} has no model called {model}, or no model service at its address. "
                "Check the server's models in Servers, or choose another model.",
            ),
            server=server,
            model=model,
        )


class ServerUnreachableError(UserError):
    """The server did not answer, or answered something other than the API. What the
    network or the server said (in English, or the server's own words) is the details,
    never part of the sentence."""

    def __init__(self, server: str, detail: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "ServerUnreachableError",
                "Sotto could not reach {server}, or it did not answer as a model server does. "
                "Check that you are on your firm's network and that the server is running, "
                "then try again.",
            ),
            server=server,
        )
        self.details = detail


class StreamCutError(UserError):
    """The reply's stream broke off midway; what arrived is kept."""

    def __init__(self, server: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "StreamCutError",
                "The connection to {server} broke off before the reply was finished. What "
                "arrived is kept, marked as cut off; regenerate it to try again.",
            ),
            server=server,
        )


class RemoteOfflineError(UserError):
    """Offline mode is on: nothing goes to a server."""

    def __init__(self, server: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "RemoteOfflineError",
                "Offline mode is on, so nothing was sent to {server}. Turn offline mode off in "
                "the Privacy menu, or choose a model on this computer.",
            ),
            server=server,
        )
