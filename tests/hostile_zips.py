"""Hostile zips, built at test time (nothing large in git): each returns the zip's bytes.

    python tests/hostile_zips.py OUT_DIR   writes the measured cases (lying-bomb.zip, six-tables.zip) to OUT_DIR

The header fields are patched by offset (APPNOTE.TXT 4.3.7 and 4.3.12): the local header and the central directory
entry of a member both say its flags, method, CRC and sizes, and zipfile reads the central directory's.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
from pathlib import Path

LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
# field -> (offset in a local header, offset in a central entry, struct format)
FIELDS = {"flags": (6, 8, "<H"), "method": (8, 10, "<H"), "crc": (14, 16, "<I"), "size": (22, 24, "<I")}


def plain(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def patched(data: bytes, **values: int) -> bytes:
    """``data`` (a zip of one member) with its header fields set to ``values`` in both places."""
    out = bytearray(data)
    for signature, column in ((LOCAL, 0), (CENTRAL, 1)):
        start = out.find(signature)
        for name, value in values.items():
            offset, fmt = FIELDS[name][column], FIELDS[name][2]
            struct.pack_into(fmt, out, start + offset, value)
    return bytes(out)


def lying_bomb(declared: int, actual: int) -> bytes:
    """One events.csv that says it unpacks to ``declared`` bytes and inflates to ``actual`` (zeros, streamed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("events.csv", "w") as member:
        piece = b"\0" * (1 << 20)
        for _ in range(actual // len(piece)):
            member.write(piece)
    return patched(buffer.getvalue(), size=declared)


def encrypted() -> bytes:
    return patched(plain({"events.csv": b"event_id\n"}), flags=0x1)


def unsupported_method() -> bytes:
    return patched(plain({"events.csv": b"event_id\n"}), method=99)  # 99: WinZip AES, which zipfile cannot read


def bad_crc() -> bytes:
    return patched(plain({"events.csv": b"event_id,date\nx,2015-11-25\n"}), crc=0x12345678)


def corrupt() -> bytes:
    """Deflate data with garbage in the middle: zlib refuses it."""
    data = bytearray(plain({"events.csv": bytes(range(256)) * 400}))
    start = data.find(LOCAL) + 30 + len("events.csv")
    data[start + 10 : start + 60] = b"\xff" * 50
    return bytes(data)


def nested(inner: bytes) -> bytes:
    return plain({"data/inner.zip": inner})


DATA = Path(__file__).resolve().parents[1] / "data"
TABLE_NAMES = ("sources.csv", "places.csv", "events.csv", "population.csv", "captions.csv", "chapters.csv")


def bad_table(name: str, size: int) -> bytes:
    """The atlas file's real header, then rows with a bad value in every column (a bad id, date, number...)."""
    header = (DATA / name).read_text(encoding="utf-8").split("\n", 1)[0]
    row = ",".join(["?x?"] * len(header.split(","))) + "\n"
    return (header + "\n" + row * (size // len(row))).encode()


def six_tables(size: int) -> bytes:
    """A zip of the six atlas files, each about ``size`` bytes of bad rows (96 MB each: about 1.4 MB zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in TABLE_NAMES:
            archive.writestr(f"data/{name}", bad_table(name, size))
    return buffer.getvalue()


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    (out / "lying-bomb.zip").write_bytes(lying_bomb(50_000_000, 1_000_000_000))
    (out / "six-tables.zip").write_bytes(six_tables(96_000_000))
    print(*(f"{path.name}: {path.stat().st_size} bytes" for path in sorted(out.glob("*.zip"))), sep="\n")
