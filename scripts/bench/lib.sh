# Helpers shared by the side-by-side benchmarks in scripts/bench/ (sourced, not run).
#
#   bench_init            repo root as cwd, $LEAKRIG (default build/leakrig), $BENCH_TMP removed at exit
#   build_fixture NAME    go build go-fixtures/cmd/NAME into $BENCH_TMP; prints the binary path
#   start_fixture BIN ARGS...
#                         starts it, waits for its "127.0.0.1:PORT" line; sets FIXTURE_PID, FIXTURE_ADDR
#   stop_fixture          SIGTERM, then SIGKILL after 3 s; waits for it
#   proc_cpu_ticks PID    utime+stime of a process, in clock ticks
#   bench_track PID       a helper process to kill (and reap) at exit
#
# Every benchmark stops by itself: clients get a `timeout` guard, and the EXIT
# trap stops the fixture and removes $BENCH_TMP even on Ctrl-C or an error.

bench_init() {
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  LEAKRIG=${LEAKRIG:-build/leakrig}
  if [[ ! -x $LEAKRIG ]]; then
    echo "$LEAKRIG is missing: run scripts/setup (or set LEAKRIG=path/to/leakrig)" >&2
    exit 2
  fi
  BENCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/leakrig-bench.XXXXXX")
  FIXTURE_PID=
  BENCH_PIDS=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

bench_track() { BENCH_PIDS+=("$1"); }

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  stop_fixture
  rm -rf "$BENCH_TMP"
}

build_fixture() {
  local name=$1
  (cd go-fixtures && go build -o "$BENCH_TMP/$name" "./cmd/$name") >&2 || {
    echo "go build ./cmd/$name failed" >&2
    return 1
  }
  echo "$BENCH_TMP/$name"
}

start_fixture() {
  local out="$BENCH_TMP/fixture.stdout"
  : >"$out"
  "$@" >"$out" 2>"$BENCH_TMP/fixture.stderr" &
  FIXTURE_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    FIXTURE_ADDR=$(head -n1 "$out")
    if [[ $FIXTURE_ADDR == 127.0.0.1:* ]]; then return 0; fi
    if ! kill -0 "$FIXTURE_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "fixture $1 did not print its address; stderr:" >&2
  cat "$BENCH_TMP/fixture.stderr" >&2
  return 1
}

stop_fixture() {
  [[ -n ${FIXTURE_PID:-} ]] || return 0
  kill -TERM "$FIXTURE_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 30; i++)); do
    kill -0 "$FIXTURE_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$FIXTURE_PID" 2>/dev/null || true
  wait "$FIXTURE_PID" 2>/dev/null || true
  FIXTURE_PID=
}

proc_cpu_ticks() {
  # Fields 14 and 15 of /proc/PID/stat (utime, stime); the command name in
  # field 2 has no spaces for our fixtures.
  awk '{print $14 + $15}' "/proc/$1/stat"
}

require_time() {
  if [[ ! -x /usr/bin/time ]]; then
    echo "/usr/bin/time is missing: apt-get install time" >&2
    exit 2
  fi
}
