#!/usr/bin/env bash
# Builds profile_fuzz with clang, AddressSanitizer and UBSan in build-fuzz/,
# seeds a corpus with the golden dumps, and fuzzes for N seconds (default
# 600). Crashes are written to build-fuzz/fuzz-artifacts/.
#
#   tests/fuzz/run_fuzz.sh [SECONDS] [extra libFuzzer flags...]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${LEAKRIG_FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:-600}
shift || true

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEAKRIG_SANITIZE=ON >/dev/null
cmake --build "$build" --target profile_fuzz

fuzzer=$(find "$build" -type f -name profile_fuzz -perm -u+x | head -n 1)
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
mkdir -p "$corpus" "$artifacts"
# Seeds: every checked-in dump (text and gzipped proto).
find "$root/tests/testdata/dumps" -maxdepth 1 -type f \
  \( -name '*.txt' -o -name '*.gz' \) -exec cp {} "$corpus/" \;
# And header lines alone (every form Go 1.19-1.27 prints), for the header grammar.
grep -h '^goroutine [0-9]' "$root"/tests/testdata/dumps/*.txt | sort -u > "$corpus/headers.txt"

# Leaks are checked by ASan at exit of each run; UBSan halts on first error.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
exec "$fuzzer" "$corpus" -artifact_prefix="$artifacts/" \
  -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=2048 \
  -timeout=10 -print_final_stats=1 "$@"
