#include "runner/sampler.h"

#include <fmt/format.h>

#include <algorithm>

#include "edge/files.h"
#include "profile/parse_dump.h"

namespace leakrig::runner {
namespace {

constexpr const char* kText = "goroutine?debug=1";
constexpr const char* kProto = "goroutine?debug=0";

// Measured on the worker-no-exit fixture, whose workers carry a label set
// each: debug=1 cost it 0.5 ms a sample when idle against 2 ms for debug=0
// (gzip), but at 500 labelled workers (a 300 KB body) 5.3 against 4.3 ms, and
// at 8,000 (6.3 MB) 90 against 46 ms.
constexpr size_t kSwitchToProtoBytes = 256 << 10;

}  // namespace

std::optional<int64_t> CountGoroutines(std::string_view body) {
  const profile::Snapshot snapshot = profile::ParseDump(body);
  if (snapshot.truncated()) return std::nullopt;
  if (snapshot.format() == profile::DumpFormat::kProto) return snapshot.total();
  if (snapshot.format() == profile::DumpFormat::kAggregated && snapshot.declared_total() >= 0) {
    return snapshot.declared_total();
  }
  return std::nullopt;
}

Sampler::Sampler(edge::ProfileSource& source, edge::Clock& clock, GoroutineCounter counter,
                 std::filesystem::path snapshot_dir, edge::Clock::Duration interval)
    : query_(kText),
      source_(source),
      clock_(clock),
      counter_(std::move(counter)),
      dir_(std::move(snapshot_dir)),
      interval_(interval),
      run_started_(clock.Now()),
      next_due_(run_started_) {}

bool Sampler::SampleOnce() {
  verdict::Phase phase = phase_;
  const char* query = query_;
  edge::FetchResult fetched = source_.Fetch(query);
  double seconds = edge::SecondsBetween(run_started_, clock_.Now());
  std::optional<int64_t> count;
  if (fetched.ok()) count = counter_(fetched.body);
  if (!fetched.ok() || !count) {
    errors_.push_back(fmt::format("{:.3f}s: {}: {}", seconds, query,
                                  fetched.ok() ? "not a whole goroutine profile" : fetched.Describe()));
    return false;
  }
  std::string name = fmt::format("goroutine-{:04d}-{}.{}", series_.samples.size() + 1, verdict::PhaseName(phase),
                                 query == kProto ? "pb.gz" : "debug1.txt");
  if (fetched.body.size() > kSwitchToProtoBytes) query_ = kProto;  // and stays there
  if (std::string error = edge::WriteFileAtomic(dir_ / name, fetched.body, edge::Durability::kAtomicOnly);
      !error.empty()) {
    errors_.push_back(error);
  } else {
    files_.push_back(name);
  }
  series_.samples.push_back({seconds, *count, phase});
  return true;
}

void Sampler::Start(edge::Clock::TimePoint run_started) {
  run_started_ = run_started;
  next_due_ = run_started;
}

edge::Clock::TimePoint Sampler::SampleDue() {
  const auto now = clock_.Now();
  if (now < next_due_) return next_due_;
  SampleOnce();
  next_due_ += interval_;
  if (next_due_ < now) next_due_ = now + interval_;
  return next_due_;
}

verdict::Series Sampler::series() const { return series_; }

size_t Sampler::SamplesIn(verdict::Phase phase) const {
  return std::count_if(series_.samples.begin(), series_.samples.end(),
                       [phase](const verdict::Sample& s) { return s.phase == phase; });
}

std::vector<std::string> Sampler::errors() const { return errors_; }

std::vector<std::string> Sampler::files() const { return files_; }

}  // namespace leakrig::runner
