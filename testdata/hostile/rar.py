#!/usr/bin/env python3
"""Writes RAR4 and RAR5 archives with stored (uncompressed) members.

Debian's main archive has readers for RAR (7-Zip, unrar-free) but no writer, so the
tests' RAR files are made here from the format's documentation (RARLAB's technote for
RAR 5.0; the RAR 2.9/4.x header layout): the marker, a main header, one file header and
data block per member, an end-of-archive header. Stored members need no compressor.

Usage: rar.py 4|5 OUT.rar NAME=CONTENT_FILE ...   (or import `rar4`/`rar5`)
"""
import struct
import sys
import zlib


def crc32(b):
    return zlib.crc32(b) & 0xFFFFFFFF


def rar4(members):
    """`members`: [(name, bytes)]. RAR 2.9/4.x: 7-byte marker, MAIN_HEAD, FILE_HEADs."""
    out = bytearray(b"Rar!\x1a\x07\x00")
    main = struct.pack("<BHHHI", 0x73, 0, 13, 0, 0)
    out += struct.pack("<H", crc32(main) & 0xFFFF) + main
    for name, data in members:
        n = name.encode("utf-8")
        # FILE_HEAD: flags 0x8000 (ADD_SIZE: the packed data follows), host OS 3 (Unix),
        # version 2.0, method 0x30 (store), attributes 0o100644.
        flags = 0x8000
        body = struct.pack(
            "<BHHIIBIIBBHI",
            0x74, flags, 32 + len(n), len(data), len(data), 3, crc32(data),
            0x50210000, 20, 0x30, len(n), 0o100644,
        ) + n
        out += struct.pack("<H", crc32(body) & 0xFFFF) + body + data
    end = struct.pack("<BHH", 0x7B, 0x4000, 7)
    out += struct.pack("<H", crc32(end) & 0xFFFF) + end
    return bytes(out)


def vint(n):
    b = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            b.append(byte | 0x80)
        else:
            b.append(byte)
            return bytes(b)


def block5(fields):
    """A RAR5 header: CRC32, size (vint), then `fields` (from the type on)."""
    size = vint(len(fields))
    return struct.pack("<I", crc32(size + fields)) + size + fields


def rar5(members):
    """`members`: [(name, bytes)]. RAR 5.0: 8-byte marker, main, file and end headers."""
    return rar5_declared(members, None)


def rar5_declared(members, unpacked):
    """A RAR5 archive whose members declare `unpacked` bytes (their own size if None)."""
    out = bytearray(b"Rar!\x1a\x07\x01\x00")
    out += block5(vint(1) + vint(0) + vint(0))  # main: type 1, flags 0, archive flags 0
    for name, data in members:
        n = name.encode("utf-8")
        size = len(data) if unpacked is None else unpacked
        # file flags 0x4 (CRC32 present); compression info 0 = version 0, store.
        specific = vint(0x4) + vint(size) + vint(0o644) + struct.pack("<I", crc32(data))
        specific += vint(0) + vint(1) + vint(len(n)) + n
        # header type 2, header flags 0x2 (data area), data size.
        out += block5(vint(2) + vint(0x2) + vint(len(data)) + specific) + data
    out += block5(vint(5) + vint(0) + vint(0))
    return bytes(out)


if __name__ == "__main__":
    version, path, *specs = sys.argv[1:]
    members = []
    for spec in specs:
        name, src = spec.split("=", 1)
        members.append((name, open(src, "rb").read()))
    data = (rar4 if version == "4" else rar5)(members)
    open(path, "wb").write(data)
