#!/usr/bin/env python3
"""Derives the hand-made dumps from the real Go 1.26 ones in this folder.

Go 1.26 is the only Go installed, so the older forms are written by rewriting
a real dump into the documented older syntax, and cut dumps are made by
cutting a real one. Run from anywhere; it rewrites the derived files only:

    python3 tests/testdata/dumps/make_derived.py
"""

import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent

# Go 1.19's mutex wait: no internal/sync, wait reason "semacquire".
GO119_MUTEX = (
    "sync.runtime_SemacquireMutex(0xc0000140b8?, 0x0?, 0x1?)\n"
    "\t/usr/local/go/src/runtime/sema.go:77 +0x25\n"
    "sync.(*Mutex).lockSlow(0xc0000140b0)\n"
    "\t/usr/local/go/src/sync/mutex.go:171 +0x165\n"
    "sync.(*Mutex).Lock(...)\n"
    "\t/usr/local/go/src/sync/mutex.go:90\n"
)


def go119(text):
    """Go 1.19/1.20 forms: `created by F` without `in goroutine N`; mutex,
    RWMutex and WaitGroup waits as `semacquire` (Go 1.19); no runtime labels."""
    text = re.sub(r"^(created by \S+) in goroutine \d+$", r"\1", text, flags=re.M)
    text = re.sub(r"\[(sync\.Mutex\.Lock|sync\.RWMutex\.RLock|sync\.WaitGroup\.Wait)", "[semacquire", text)
    text = re.sub(r" labels:\{.*\}\]:", "]:", text)
    text = re.sub(r"internal/sync\.runtime_SemacquireMutex\(.*?\n(?:.*\n){7}", GO119_MUTEX, text)
    text = text.replace(
        "sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)\n\t/usr/local/go/src/runtime/sema.go:114 +0x2e",
        "sync.runtime_Semacquire(0xc00001c0c8?)\n\t/usr/local/go/src/runtime/sema.go:62 +0x25",
    )
    return text


def go119_elided(text):
    """Before Go 1.21 a deep stack showed its first 100 frames, then
    `...additional frames elided...`, then the creator."""
    head, sep, record = text.partition("goroutine 8 [chan receive]:\n")
    assert sep, "the deep goroutine's header moved: update make_derived.py"
    frames = [line for line in record.splitlines(keepends=True) if not line.startswith("...")]
    pairs = [frames[i] + frames[i + 1] for i in range(0, 100, 2)]
    creator = "created by main.run\n\t/src/dumpgen/main.go:50 +0xe6\n"
    body = "".join((pairs * 2)[:100]) + "...additional frames elided...\n"
    return head + sep + body + creator


def cut_at(text, marker, extra):
    """Cuts text `extra` bytes after the start of `marker`: mid-line."""
    at = text.index(marker)
    return text[: at + extra]


def main():
    debug2 = (HERE / "go126_debug2.txt").read_text()
    debug1 = (HERE / "go126_debug1.txt").read_text()
    elided = (HERE / "go126_elided.txt").read_text()
    (HERE / "go119_debug2.txt").write_text(go119(debug2))
    (HERE / "go119_elided.txt").write_text(go119_elided(go119(elided)))
    (HERE / "go126_debug2_cut.txt").write_text(cut_at(debug2, "\t/usr/local/go/src/context/context.go:523", 20))
    (HERE / "go126_debug1_cut.txt").write_text(cut_at(debug1, "#\t0x", len(debug1) // 2 - debug1.index("#\t0x")))


if __name__ == "__main__":
    main()
