// Synthetic debug=2 dumps for the benchmark and the fuzz seeds: realistic
// records (a few dozen stack shapes, varied arguments and IDs, created-by
// lines, some "N minutes") in the exact Go 1.26 layout.

#ifndef LEAKRIG_TESTS_BENCH_DUMP_GENERATOR_H_
#define LEAKRIG_TESTS_BENCH_DUMP_GENERATOR_H_

#include <cstddef>
#include <string>

namespace leakrig::bench {

// A dump of `goroutines` records; deterministic for a given seed.
std::string MakeGoroutineDump(size_t goroutines, unsigned seed);

// A dump cut exactly at `size` bytes, as runtime.Stack cuts at 64 MiB.
std::string MakeCutGoroutineDump(size_t size, unsigned seed);

}  // namespace leakrig::bench

#endif  // LEAKRIG_TESTS_BENCH_DUMP_GENERATOR_H_
