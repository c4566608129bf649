"""Word documents that unpack to far more than they weigh ("zip bombs"), made in a second.

A bomb's big part is deflated once, a mebibyte of zeros whose compressed form is repeated
(each block ends in a full flush, so every block compresses to the same bytes): a gibibyte
of picture costs a mebibyte of file and no gibibyte of work. The zip is written by hand, as
``zipfile`` can only write what it compresses itself.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import docx

MIB = 1024 * 1024

IMAGE_RELATIONSHIP = (
    b'<Relationship Id="rIdBomb" Target="media/image1.png" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/image"/></Relationships>'
)


def media_bomb(path: Path, unpacked: int = 1024 * MIB, text: str = "The quokka clause.") -> Path:
    """A .docx of *text* whose document refers to a picture of *unpacked* bytes (zeros),
    packed about a thousand to one."""
    parts = _word_parts(text)
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", IMAGE_RELATIONSHIP
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
    )
    return _bomb(path, parts, "word/media/image1.png", unpacked)


def xml_bomb(path: Path, unpacked: int = 300 * MIB) -> Path:
    """A .docx whose document's XML unpacks to *unpacked* bytes, packed a thousand to one."""
    parts = _word_parts("")
    del parts["word/document.xml"]
    return _bomb(path, parts, "word/document.xml", unpacked)


def _bomb(path: Path, parts: dict[str, bytes], big: str, unpacked: int) -> Path:
    members = [_deflated(name, data) for name, data in parts.items()]
    members.append((big, *_zeros(unpacked)))
    path.write_bytes(_zip(members))
    return path


def _word_parts(text: str) -> dict[str, bytes]:
    document = docx.Document()
    document.add_paragraph(text)
    saved = io.BytesIO()
    document.save(saved)
    with zipfile.ZipFile(saved) as package:
        return {name: package.read(name) for name in package.namelist()}


def _deflated(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def _zeros(size: int) -> tuple[bytes, int, int]:
    """*size* zero bytes (a multiple of a mebibyte) deflated, their CRC and size."""
    block = bytes(MIB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    count = size // MIB
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    return packed * count + packer.flush(), crc, count * MIB


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated data, CRC, size) members, each declaring its true sizes."""
    body = b""
    directory = b""
    for name, data, crc, size in members:
        encoded = name.encode()
        kind = (8, 0, 0x21, crc, len(data), size, len(encoded))  # deflated, 1980-01-01
        local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, *kind, 0)
        entry = struct.pack(
            "<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, *kind, 0, 0, 0, 0, 0, len(body)
        )
        directory += entry + encoded
        body += local + encoded + data
    count = len(members)
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end
