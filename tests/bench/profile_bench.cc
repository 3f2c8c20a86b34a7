// Parse-and-group speed and peak memory of leakrig_profile on generated
// debug=2 dumps (100,000 goroutines, ~40 MB, and one cut at 64 MiB) and, when
// LEAKRIG_BENCH_DUMP names one, on a real dump file. The argument is the
// number of parsing threads (ParseOptions::threads); rates are per wall
// second. Targets: >= 300 MB/s on one core, peak <= 2x the input size
// (issue 3); >= 1 GB/s on the 37 MB dump of scripts/bench/parser_speed
// (issue 16).
//
//   LEAKRIG_BENCH_DUMP=dump.txt build/tests/bench/profile_bench --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>
#include <sched.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "alloc_counter.h"
#include "dump_generator.h"
#include "profile/aggregate.h"
#include "profile/parse_dump.h"

namespace leakrig::bench {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

const std::string& Dump100k() {
  static const auto* dump = new std::string(MakeGoroutineDump(100'000, 1));
  return *dump;
}

const std::string& Dump64MiB() {
  static const auto* dump = new std::string(MakeCutGoroutineDump(64 << 20, 2));
  return *dump;
}

double MaxRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is KiB
}

// The input is held by the caller, so peak memory = input + what parsing
// and grouping allocate at their peak; "peak_x_input" is that over input.
void ParseAndGroup(benchmark::State& state, const std::string& dump) {
  const profile::ParseOptions options{.threads = static_cast<int>(state.range(0))};
  size_t extra_peak = 0;
  int64_t goroutines = 0;
  for (auto _ : state) {
    const size_t live_before = LiveHeapBytes();
    ResetPeakHeapBytes();
    profile::Snapshot snapshot = profile::ParseDump(dump, options);
    auto groups = profile::Aggregate(snapshot, profile::Similarity::kFunctions);
    benchmark::DoNotOptimize(groups.data());
    extra_peak = std::max(extra_peak, PeakHeapBytes() - live_before);
    goroutines = snapshot.total();
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dump.size()));
  state.counters["MB_per_s"] =
      benchmark::Counter(static_cast<double>(dump.size()) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["input_MiB"] = static_cast<double>(dump.size()) / kMiB;
  state.counters["goroutines"] = static_cast<double>(goroutines);
  state.counters["parse_peak_MiB"] = static_cast<double>(extra_peak) / kMiB;
  state.counters["peak_x_input"] = static_cast<double>(dump.size() + extra_peak) / static_cast<double>(dump.size());
  state.counters["maxrss_MiB"] = MaxRssMiB();
}

void BM_ParseAndGroup100k(benchmark::State& state) { ParseAndGroup(state, Dump100k()); }
BENCHMARK(BM_ParseAndGroup100k)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_ParseAndGroup64MiBCut(benchmark::State& state) { ParseAndGroup(state, Dump64MiB()); }
BENCHMARK(BM_ParseAndGroup64MiBCut)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// The floor: finding every line with memchr, as any parser must.
void MemchrLineScan(benchmark::State& state, const std::string& dump) {
  for (auto _ : state) {
    size_t lines = 0;
    const char* p = dump.data();
    const char* end = p + dump.size();
    while (const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p))) {
      p = static_cast<const char*>(nl) + 1;
      ++lines;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(dump.size()));
  state.counters["MB_per_s"] =
      benchmark::Counter(static_cast<double>(dump.size()) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_MemchrLineScan(benchmark::State& state) { MemchrLineScan(state, Dump100k()); }
BENCHMARK(BM_MemchrLineScan)->Unit(benchmark::kMillisecond);

// The dump in LEAKRIG_BENCH_DUMP, read once before timing: parsed on one
// thread and on every core it may run on, and scanned with memchr (its floor).
void RegisterDumpFileBenchmarks() {
  const char* path = std::getenv("LEAKRIG_BENCH_DUMP");
  if (path == nullptr || *path == '\0') return;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "profile_bench: cannot read LEAKRIG_BENCH_DUMP=" << path << "\n";
    std::exit(2);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  static const auto* dump = new std::string(std::move(bytes).str());
  cpu_set_t affinity;
  const int cores = ::sched_getaffinity(0, sizeof affinity, &affinity) == 0 ? std::max(1, CPU_COUNT(&affinity)) : 1;
  auto* parse = benchmark::RegisterBenchmark("BM_ParseAndGroupDumpFile",
                                             [](benchmark::State& state) { ParseAndGroup(state, *dump); });
  parse->Arg(1);
  if (cores > 1) parse->Arg(cores);
  parse->UseRealTime()->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_MemchrLineScanDumpFile",
                               [](benchmark::State& state) { MemchrLineScan(state, *dump); })
      ->UseRealTime()
      ->Unit(benchmark::kMillisecond);
}

}  // namespace
}  // namespace leakrig::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  leakrig::bench::RegisterDumpFileBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
