// libFuzzer target for leakrig_profile: every parser (debug=1, debug=2,
// traceback, proto) and everything downstream of a parse must survive any
// bytes without a crash, a leak or undefined behaviour. The first byte picks
// a parser to call directly, so each one is fuzzed whatever the format
// detection would say; ParseDump always runs on the whole input too.
//
//   tests/fuzz/run_fuzz.sh 600    (builds with clang, ASan, UBSan)

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "profile/aggregated_parser.h"
#include "profile/analysis.h"
#include "profile/goroutine_text_parser.h"
#include "profile/proto_parser.h"
#include "profile/snapshot_builder.h"

namespace leakrig::profile {
namespace {

// Runs the whole pipeline on a snapshot, as `leakrig analyze` would.
void Exercise(const Snapshot& snapshot) {
  const Analysis analysis = Analyze(snapshot, AnalyzeOptions{});
  (void)RenderAnalysis(analysis);
  (void)RenderSnapshot(snapshot);
  (void)Aggregate(snapshot, Similarity::kExactLines);
}

Snapshot ParseWith(uint8_t selector, std::string_view data) {
  SnapshotBuilder builder;
  switch (selector % 4) {
    case 0:
      ParseGoroutineText(data, /*surrounded=*/false, &builder);
      break;
    case 1:
      ParseGoroutineText(data, /*surrounded=*/true, &builder);
      break;
    case 2:
      ParseAggregated(data, &builder);
      break;
    default:
      ParseProto(data, &builder);
      break;
  }
  return std::move(builder).Finish();
}

}  // namespace
}  // namespace leakrig::profile

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace leakrig::profile;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Snapshot whole = ParseDump(input);
  Exercise(whole);
  (void)WhyNotADump(input, whole);
  if (size == 0) return 0;
  const Snapshot direct = ParseWith(data[0], input.substr(1));
  Exercise(direct);
  (void)RenderDiff(Diff(whole, direct, Similarity::kFunctions));
  (void)RenderAnalysis(AnalyzeGrowth(direct, whole, AnalyzeOptions{}));
  return 0;
}
