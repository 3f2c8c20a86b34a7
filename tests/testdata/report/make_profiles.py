#!/usr/bin/env python3
"""Writes goroutine-{baseline,final}.pb.gz beside each .folded file under run/.

The hand-made run folder needs debug=0 profiles that `go tool pprof` really
opens, with the same stacks as the folded files. This encodes each folded
file as a gzipped profile.proto (sample type goroutine/count, leaf first,
the synthetic "[wait reason]" frames left out, as in a real profile).
Output is deterministic (gzip mtime 0). Run: python3 make_profiles.py
"""

import gzip
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, value):
    """A varint field for an int, a length-delimited one for bytes."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def packed(number, values):
    return field(number, b"".join(varint(v) for v in values))


def encode(stacks):
    strings = ["", "goroutine", "count"]
    functions = {}  # name -> id
    body = field(1, field(1, 1) + field(2, 2))  # sample_type goroutine/count
    for frames, count in stacks:
        ids = []
        for name in reversed([f for f in frames if not f.startswith("[")]):
            if name not in functions:
                functions[name] = len(functions) + 1
                strings.append(name)
            ids.append(functions[name])
        body += field(2, packed(1, ids) + packed(2, [count]))
    for name, fid in functions.items():
        body += field(4, field(1, fid) + field(4, field(1, fid)))  # location = one line
        name_index = strings.index(name)
        body += field(5, field(1, fid) + field(2, name_index) + field(3, name_index))
    for text in strings:
        body += field(6, text.encode())
    return body + field(11, field(1, 1) + field(2, 2)) + field(12, 1)


def read_folded(path):
    stacks = []
    for line in path.read_text().splitlines():
        stack, count = line.rsplit(" ", 1)
        stacks.append((stack.split(";"), int(count)))
    return stacks


def main():
    for folded in sorted(HERE.glob("run/*/*/goroutine-*.folded")):
        target = folded.with_suffix(".pb.gz")
        target.write_bytes(gzip.compress(encode(read_folded(folded)), mtime=0))
        print(target.relative_to(HERE))


if __name__ == "__main__":
    main()
