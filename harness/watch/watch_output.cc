// Copyright leakrig authors.

#include "watch/watch_output.h"

#include <fmt/format.h>

#include "edge/files.h"
#include "profile/analysis.h"
#include "report/folded.h"
#include "report/verdict_json.h"
#include "watch/target_url.h"

namespace leakrig::watch {
namespace fs = std::filesystem;
namespace {

constexpr auto kSimilarity = profile::Similarity::kFunctions;

}  // namespace

bool KeepSnapshot(int64_t index) {
  const int64_t doublings = std::min<int64_t>(index / 1000, 62);
  return index % (int64_t{1} << doublings) == 0;
}

std::unique_ptr<RunFolder> RunFolder::Create(const fs::path& dir, const std::string& host_port,
                                             std::string* error) {
  const fs::path variant_dir = dir / "watch" / FolderName(host_port);
  std::error_code ec;
  fs::create_directories(variant_dir / "snapshots", ec);
  if (ec) {
    *error = fmt::format("cannot create {}: {}", variant_dir.string(), ec.message());
    return nullptr;
  }
  return std::unique_ptr<RunFolder>(new RunFolder(fs::canonical(dir), fs::canonical(variant_dir)));
}

void RunFolder::Write(const std::string& key, const std::string& name, const std::string& content,
                      edge::Durability durability) {
  const fs::path path = variant_dir_ / name;
  if (std::string error = edge::WriteFileAtomic(path, content, durability); !error.empty()) {
    errors_.push_back(error);
    return;
  }
  if (!key.empty()) artifacts_[key] = fs::relative(path, dir_).string();
}

void RunFolder::SaveProfile(int64_t sample, const std::string& body) {
  if (!KeepSnapshot(sample)) return;
  // Written during the watch: an fsync here could hold up the next sample.
  Write("", fmt::format("snapshots/goroutine-{:06}.pb.gz", sample), body, edge::Durability::kAtomicOnly);
  artifacts_["snapshots"] = fs::relative(variant_dir_ / "snapshots", dir_).string();
}

void RunFolder::SaveFullDump(int64_t sample, const std::string& body) {
  Write("", fmt::format("goroutine-{:06}.debug2.txt", sample), body, edge::Durability::kAtomicOnly);
}

void RunFolder::SaveMetrics(const std::string& exposition) {
  if (std::string error = edge::WriteFileAtomic(dir_ / "metrics.prom", exposition, edge::Durability::kAtomicOnly);
      !error.empty()) {
    errors_.push_back(error);
  }
}

void RunFolder::WriteProfileAndFolded(const std::string& which, const std::string& body) {
  if (body.empty()) return;
  Write(which + "_profile", "goroutine-" + which + ".pb.gz", body);
  const profile::Snapshot snapshot = profile::ParseDump(body);
  Write(which + "_folded", "goroutine-" + which + ".folded",
        report::FoldStacks(profile::Aggregate(snapshot, kSimilarity)));
}

void RunFolder::WriteLastFullDump(const std::string& body) {
  if (body.empty()) return;
  Write("final_dump", "goroutine-final.debug2.txt", body);
  const profile::Snapshot snapshot = profile::ParseDump(body);
  Write("states", "states.json", report::StatesJson(profile::Aggregate(snapshot, kSimilarity)));
}

std::vector<std::string> RunFolder::Finish(const WatchOutcome& outcome, const nlohmann::ordered_json& report_json) {
  WriteProfileAndFolded("baseline", outcome.first_profile);
  WriteProfileAndFolded("peak", outcome.peak_profile);
  WriteProfileAndFolded("final", outcome.last_profile);
  WriteLastFullDump(outcome.last_full_dump);
  if (!outcome.leak_profile_body.empty()) {
    Write("runtime_leak_profile", "goroutineleak.debug1.txt", outcome.leak_profile_body);
  }
  verdict::VariantResult result = ToVariantResult(outcome.report);
  result.artifacts = artifacts_;
  result.artifacts["watch_report"] = "watch.json";
  Write("", "verdict.json", report::VerdictToJson(result).dump(2) + "\n");
  auto write_top = [&](const std::string& name, const std::string& content) {
    if (std::string error = edge::WriteFileAtomic(dir_ / name, content); !error.empty()) errors_.push_back(error);
  };
  write_top("watch.json", report_json.dump(2) + "\n");
  write_top("summary.json", report::SummaryToJson({result}, result.go).dump(2) + "\n");
  return errors_;
}

}  // namespace leakrig::watch
