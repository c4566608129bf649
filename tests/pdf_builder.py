"""Small valid PDF files written by hand: pages of text in a standard font, pages that only
show a picture (as a scan would), and pages locked with a password (the standard security
handler, RC4 with a 40-bit key), so the document tests need no binary fixtures."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
"""The 32 bytes the standard security handler pads passwords with (PDF 1.7, 7.6.3.3)."""

_FILE_ID = bytes(range(16))
_PERMISSIONS = -44  # print and copy allowed; the value matters only to the key


def text_pdf(pages: Sequence[Sequence[str]], password: str | None = None) -> bytes:
    """A PDF whose page *n* shows the lines ``pages[n]`` in Helvetica, locked with *password*
    when one is given."""
    objects: list[tuple[bytes, bytes | None]] = [
        (b"<< /Type /Catalog /Pages 2 0 R >>", None),
        (b"", None),  # the page tree, written once the pages are numbered
        (
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            None,
        ),
    ]
    kids = []
    for lines in pages:
        content = b"BT /F1 12 Tf 72 720 Td 14 TL " + b" ".join(
            b"(" + _escaped(line) + b") Tj T*" for line in lines
        )
        objects.append((b"", content))
        content_number = len(objects)
        objects.append(
            (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_number,
                None,
            )
        )
        kids.append(len(objects))
    objects[1] = (_page_tree(kids), None)
    return _document(objects, password)


def picture_pdf(page_count: int, side: int = 2) -> bytes:
    """A PDF whose pages each show a small grey picture and no text, as a scan without
    text recognition looks; a *side* other than 2 makes the picture say it is that many
    pixels square, with only four pixels' data (a decompression bomb)."""
    objects: list[tuple[bytes, bytes | None]] = [
        (b"<< /Type /Catalog /Pages 2 0 R >>", None),
        (b"", None),
        (
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8" % (side, side),
            b"\x00\x80\x80\xff",
        ),
    ]
    kids = []
    for _ in range(page_count):
        objects.append((b"", b"q 400 0 0 600 100 100 cm /Im1 Do Q"))
        objects.append(
            (
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                b"/Resources << /XObject << /Im1 3 0 R >> >> /Contents %d 0 R >>" % len(objects),
                None,
            )
        )
        kids.append(len(objects))
    objects[1] = (_page_tree(kids), None)
    return _document(objects, None)


def _page_tree(kids: list[int]) -> bytes:
    references = b" ".join(b"%d 0 R" % kid for kid in kids)
    return b"<< /Type /Pages /Kids [%s] /Count %d >>" % (references, len(kids))


def _escaped(line: str) -> bytes:
    raw = line.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _document(objects: list[tuple[bytes, bytes | None]], password: str | None) -> bytes:
    """The file: header, numbered objects (a stream where data is given), cross-reference
    table and trailer; streams encrypted when there is a *password*."""
    key = None
    extra: list[bytes] = []
    if password is not None:
        key, owner, user = _security(password)
        extra.append(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>"
            % (_PERMISSIONS, owner.hex().encode(), user.hex().encode())
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, (dictionary, stream) in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number
        if stream is None:
            out += dictionary
        else:
            data = stream if key is None else _rc4(_object_key(key, number), stream)
            head = dictionary[:-2].rstrip() if dictionary.endswith(b">>") else dictionary
            head = head or b"<<"
            out += head + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        out += b"\nendobj\n"
    for dictionary in extra:
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (len(offsets)) + dictionary + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(offsets) + 1)
    if password is not None:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (
            len(offsets),
            _FILE_ID.hex().encode(),
            _FILE_ID.hex().encode(),
        )
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _security(password: str) -> tuple[bytes, bytes, bytes]:
    """The file key and the /O and /U entries, revision 2 (PDF 1.7, algorithms 2 to 4),
    with the same password for owner and user."""
    padded = (password.encode("latin-1") + _PADDING)[:32]
    owner = _rc4(hashlib.md5(padded).digest()[:5], padded)
    permissions = _PERMISSIONS.to_bytes(4, "little", signed=True)
    key = hashlib.md5(padded + owner + permissions + _FILE_ID).digest()[:5]
    return key, owner, _rc4(key, _PADDING)


def _object_key(key: bytes, number: int) -> bytes:
    return hashlib.md5(key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)
