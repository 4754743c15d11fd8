#!/usr/bin/env python3
"""Rewrites one field of an MP4 box in place, to make fixtures whose headers lie.

    mp4patch.py FILE BOXPATH OFFSET FORMAT VALUE

BOXPATH is a slash-separated list of box types from the top (moov/trak/mdia/minf/stbl/
stsd/mp4a: sample entries are walked as boxes after stsd's 8-byte header, and a sample
entry's children after its fixed fields); the first match at each level is taken, or the
Nth with TYPE#N. OFFSET is counted from the start of the box's body, FORMAT is a struct
format (>H, >I, >Q), VALUE an integer.
"""
import struct
import sys

# Bytes between a box's body start and its children, for boxes whose body opens with
# fields: full boxes, stsd's entry count, sample entries' fixed fields.
CHILDREN_AT = {b"stsd": 8, b"meta": 4, b"mp4a": 28, b".mp3": 28, b"Opus": 28, b"ac-3": 28,
               b"avc1": 78, b"mp4v": 78}


def boxes(data, start, end):
    pos = start
    while pos + 8 <= end:
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8:pos + 16])[0]
            header = 16
        elif size == 0:
            size = end - pos
        yield kind, pos, pos + header, pos + size
        pos += size


def find(data, path):
    start, end = 0, len(data)
    body = 0
    for step in path.split("/"):
        kind, _, nth = step.partition("#")
        want = int(nth or 1)
        for k, _, b, e in boxes(data, start, end):
            if k == kind.encode("latin-1"):
                want -= 1
                if want == 0:
                    body, start, end = b, b + CHILDREN_AT.get(k, 0), e
                    break
        else:
            sys.exit(f"{path}: no {step}")
    return body


def main():
    path, boxpath, offset, fmt, value = sys.argv[1:6]
    with open(path, "r+b") as f:
        data = f.read()
        at = find(data, boxpath) + int(offset)
        f.seek(at)
        f.write(struct.pack(fmt, int(value)))


if __name__ == "__main__":
    main()
