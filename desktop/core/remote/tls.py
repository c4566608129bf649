"""Whom Sotto trusts for a server's certificate: the system's authorities, and the firm's own
when the user gives its certificate."""

from __future__ import annotations

import ssl
from pathlib import Path

from desktop.core.errors import FileAccessError
from desktop.core.remote.errors import CertificateFileError

_PEM_START = "-----BEGIN CERTIFICATE-----"


def read_certificate(path: Path) -> str:
    """The certificates (PEM) in the certificate authority's file *path*.

    Raises:
        CertificateFileError: the file holds no certificate.
        FileAccessError: the file cannot be read.
    """
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError as error:  # DER, or not a certificate at all
        raise CertificateFileError(str(path)) from error
    except OSError as error:
        raise FileAccessError.of(error) from error
    if _PEM_START not in text:
        raise CertificateFileError(str(path))
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=text)
    except (ssl.SSLError, ValueError) as error:
        raise CertificateFileError(str(path)) from error
    return text


def tls_context(ca_certificate: str) -> ssl.SSLContext:
    """A context that verifies the server's certificate and name against the system's trust
    store (the OS's own on Windows and macOS; SSL_CERT_FILE where set), and *ca_certificate*
    (PEM) too if not ""."""
    # Imported here: the window loads this module at start (its servers dialog reads
    # certificates), and httpcore2 is slow to load.
    import httpcore2

    context = httpcore2.default_ssl_context()
    if ca_certificate:
        context.load_verify_locations(cadata=ca_certificate)
    return context
