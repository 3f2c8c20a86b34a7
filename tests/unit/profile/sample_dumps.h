// One Go 1.26 process dumped twice, as debug=1 and as debug=2 (the program
// is the one in go-fixtures/cmd/dumpgen, trimmed to four goroutine kinds).

#ifndef LEAKRIG_TESTS_UNIT_PROFILE_SAMPLE_DUMPS_H_
#define LEAKRIG_TESTS_UNIT_PROFILE_SAMPLE_DUMPS_H_

#include <string_view>

namespace leakrig::profile::test_dumps {

inline constexpr std::string_view kSameProcessDebug1 =
    "goroutine profile: total 6\n"
    "3 @ 0x47d92e 0x41491c 0x414517 0x4dc1fe 0x483e41\n"
    "#\t0x4dc1fd\tmain.send+0x1d\t/tmp/q/main.go:11\n"
    "\n"
    "1 @ 0x442931 0x47cd1d 0x4c8771 0x4c85a5 0x4c5429 0x4dc146 0x44ca75\n"
    "#\t0x4c8770\truntime/pprof.writeRuntimeProfile+0xb0\t/usr/local/go/src/"
    "runtime/pprof/pprof.go:851\n"
    "#\t0x4dc145\tmain.main+0x1c5\t\t\t\t/tmp/q/main.go:24\n"
    "#\t0x44ca74\truntime.main+0x2d4\t\t\t/usr/local/go/src/runtime/"
    "proc.go:290\n"
    "\n"
    "1 @ 0x47d92e 0x415619 0x415432 0x4dc277 0x483e41\n"
    "# labels: {\"tenant\":\"a b\", \"worker\":\"w1\"}\n"
    "#\t0x4dc276\tmain.main.func2.1+0x16\t/tmp/q/main.go:21\n"
    "\n"
    "1 @ 0x47d92e 0x45f432 0x45f409 0x47e985 0x487b5d 0x4dc1cd 0x4dc1b3\n"
    "#\t0x47e984\tinternal/sync.runtime_SemacquireMutex+0x24\t/usr/local/go/"
    "src/runtime/sema.go:95\n"
    "#\t0x487b5c\tinternal/sync.(*Mutex).lockSlow+0x15c\t\t/usr/local/go/src/"
    "internal/sync/mutex.go:149\n"
    "#\t0x4dc1cc\tinternal/sync.(*Mutex).Lock+0x2c\t\t/usr/local/go/src/"
    "internal/sync/mutex.go:70\n"
    "#\t0x4dc1b2\tsync.(*Mutex).Lock+0x12\t\t\t\t/usr/local/go/src/sync/"
    "mutex.go:46\n"
    "#\t0x4dc1ae\tmain.main.func1+0xe\t\t\t\t/tmp/q/main.go:19\n"
    "\n";

inline constexpr std::string_view kSameProcessDebug2 =
    "goroutine 1 [running]:\n"
    "runtime/pprof.writeGoroutineStacks({0x519278, 0x71c9c288040})\n"
    "\t/usr/local/go/src/runtime/pprof/pprof.go:819 +0x6b\n"
    "main.main()\n"
    "\t/tmp/q/main.go:25 +0x1ef\n"
    "\n"
    "goroutine 7 [chan send]:\n"
    "main.send(...)\n"
    "\t/tmp/q/main.go:11\n"
    "created by main.main in goroutine 1\n"
    "\t/tmp/q/main.go:17 +0x65\n"
    "\n"
    "goroutine 8 [chan send]:\n"
    "main.send(...)\n"
    "\t/tmp/q/main.go:11\n"
    "created by main.main in goroutine 1\n"
    "\t/tmp/q/main.go:17 +0x65\n"
    "\n"
    "goroutine 9 [chan send, 2 minutes]:\n"
    "main.send(...)\n"
    "\t/tmp/q/main.go:11\n"
    "created by main.main in goroutine 1\n"
    "\t/tmp/q/main.go:17 +0x65\n"
    "\n"
    "goroutine 10 [sync.Mutex.Lock]:\n"
    "internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)\n"
    "\t/usr/local/go/src/runtime/sema.go:95 +0x25\n"
    "internal/sync.(*Mutex).lockSlow(0x71c9c2980b0)\n"
    "\t/usr/local/go/src/internal/sync/mutex.go:149 +0x15d\n"
    "internal/sync.(*Mutex).Lock(...)\n"
    "\t/usr/local/go/src/internal/sync/mutex.go:70\n"
    "sync.(*Mutex).Lock(...)\n"
    "\t/usr/local/go/src/sync/mutex.go:46\n"
    "main.main.func1()\n"
    "\t/tmp/q/main.go:19 +0x2d\n"
    "created by main.main in goroutine 1\n"
    "\t/tmp/q/main.go:19 +0x10a\n"
    "\n"
    "goroutine 11 [chan receive (nil chan) labels:{\"tenant\": \"a b\", "
    "\"worker\": \"w1\"}]:\n"
    "main.main.func2.1()\n"
    "\t/tmp/q/main.go:21 +0x17\n"
    "created by main.main.func2 in goroutine 1\n"
    "\t/tmp/q/main.go:21 +0x1a\n";

}  // namespace leakrig::profile::test_dumps

#endif  // LEAKRIG_TESTS_UNIT_PROFILE_SAMPLE_DUMPS_H_
