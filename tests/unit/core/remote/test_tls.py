"""The firm's certificate authority file: read when it is one, refused in a sentence if not."""

from __future__ import annotations

from pathlib import Path

import pytest
import trustme

from desktop.core.errors import FileAccessError
from desktop.core.remote.errors import CertificateFileError
from desktop.core.remote.tls import read_certificate, tls_context
from desktop.text.messages import user_message


def test_a_pem_certificate_is_read_and_trusted_beside_the_systems(tmp_path: Path) -> None:
    ca = trustme.CA()
    path = tmp_path / "firm-ca.pem"
    ca.cert_pem.write_to_path(str(path))

    pem = read_certificate(path)

    assert pem == ca.cert_pem.bytes().decode("ascii")
    trusted = tls_context(pem).get_ca_certs()
    assert len(trusted) > len(tls_context("").get_ca_certs())


@pytest.mark.parametrize(
    "content",
    [
        b"\x30\x82\x03\x0b\x30\x82\x01\xf3",  # DER, not PEM
        b"just some notes",
        b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
    ],
)
def test_what_is_not_a_certificate_is_refused_with_a_sentence(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "firm-ca.crt"
    path.write_bytes(content)

    with pytest.raises(CertificateFileError) as refused:
        read_certificate(path)

    assert user_message(refused.value).startswith(f"{path} holds no certificate Sotto can read.")


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError):
        read_certificate(tmp_path / "gone.pem")
