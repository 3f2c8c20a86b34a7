#include "profile/suspects.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>

#include "profile/signature.h"
#include "profile/wait_reason.h"

namespace leakrig::profile {
namespace {

bool RuleMatches(std::string_view rule, std::string_view function) {
  if (rule.ends_with('*')) {
    return function.starts_with(rule.substr(0, rule.size() - 1));
  }
  return rule == function;
}

bool AnyRuleMatches(const std::vector<std::string>& rules, std::string_view function) {
  return std::any_of(rules.begin(), rules.end(), [&](const std::string& r) { return RuleMatches(r, function); });
}

bool HasFunction(const Group& group, std::string_view function) {
  return std::find(group.stack.begin(), group.stack.end(), function) != group.stack.end();
}

bool HasFunctionWithPrefix(const Group& group, std::string_view prefix) {
  return std::any_of(group.stack.begin(), group.stack.end(),
                     [&](const std::string& f) { return f.starts_with(prefix); });
}

// The reason to rank by: the dump's own, else what the frames imply.
std::string_view EffectiveReason(const Group& group) {
  return group.wait_reason.empty() ? group.inferred_wait_reason : group.wait_reason;
}

bool IsRuntimeGoroutine(const Group& group) {
  const bool runtime_stack = std::all_of(group.stack.begin(), group.stack.end(), [](const auto& f) {
    return PackageOf(f) == "runtime" || f.starts_with("internal/runtime/");
  });
  return (!group.stack.empty() && runtime_stack) || PackageOf(group.created_by) == "runtime" ||
         HasFunctionWithPrefix(group, "unique.runtime_") || HasFunctionWithPrefix(group, "os/signal.");
}

// goleak's isTestStack: the runner goroutines waiting for their tests.
bool IsTestRunner(const Group& group) {
  static constexpr std::array<std::string_view, 6> kRunners = {"testing.RunTests",      "testing.(*T).Run",
                                                               "testing.(*T).Parallel", "testing.runFuzzing",
                                                               "testing.runFuzzTests",  "testing.(*F).Fuzz"};
  return std::find(kRunners.begin(), kRunners.end(), group.top_function) != kRunners.end();
}

// An HTTP server waiting for connections or for a keep-alive request.
bool IsIdleHttpServer(const Group& group) {
  if (EffectiveReason(group) != "IO wait") return false;
  return HasFunction(group, "net/http.(*Server).Serve") || HasFunction(group, "net/http.(*conn).serve") ||
         HasFunction(group, "net/http.(*connReader).backgroundRead");
}

bool IsProfileWriter(const Group& group) {
  return HasFunctionWithPrefix(group, "runtime/pprof.write") ||
         HasFunction(group, "net/http/pprof.handler.ServeHTTP") || HasFunction(group, "runtime.Stack");
}

}  // namespace

bool IgnoreRules::Matches(const Group& group) const {
  return AnyRuleMatches(top_functions, group.top_function) || AnyRuleMatches(created_by, group.created_by);
}

bool IsBackgroundGoroutine(const Group& group) {
  return IsRuntimeGoroutine(group) || IsTestRunner(group) || IsIdleHttpServer(group) || IsProfileWriter(group);
}

}  // namespace leakrig::profile

namespace leakrig::profile {
namespace {

// How strongly a wait reason alone suggests a leak; 0 for waits that end by
// themselves (sleep, I/O, syscalls) or are not waits (running).
double ReasonWeight(const Group& group) {
  const std::string_view reason = BaseWaitReason(EffectiveReason(group));
  if (reason.ends_with("(nil chan)")) return 1.0;
  if (reason == "select (no cases)") return 0.9;
  if (reason == "chan send") return 0.9;
  if (reason == "chan receive") return 0.8;
  if (reason == "select") return 0.6;
  switch (ClassifyWaitReason(reason)) {
    case WaitClass::kLock:
    case WaitClass::kWaitGroup:
      return 0.7;
    case WaitClass::kCond:
      return 0.6;
    case WaitClass::kIo:  // only a client connection nobody will read
      return HasFunction(group, "net/http.(*persistConn).readLoop") ? 0.6 : 0;
    default:
      break;
  }
  // No state at all (debug=1, proto): rank low rather than hide it.
  return reason.empty() && group.wait_reason.empty() ? 0.3 : 0;
}

// weight × (1 + log2 count) × (1 + minutes/20, capped at an hour) × 2 when
// the leak GC proved it. The factors are ordering heuristics, not odds.
double Score(const Group& group, double weight) {
  const double count = static_cast<double>(std::max<int64_t>(group.count, 1));
  const double minutes = std::clamp(group.max_minutes, 0, 60);
  double score = weight * (1 + std::log2(count)) * (1 + minutes / 20);
  if (group.leaked > 0) score *= 2;
  return std::round(score * 1000) / 1000;
}

bool SuspectBefore(const Suspect& a, const Suspect& b) {
  return std::tie(b.score, b.group.count, a.group.signature) < std::tie(a.score, a.group.count, b.group.signature);
}

}  // namespace

std::vector<Suspect> FindSuspects(const std::vector<Group>& groups, const IgnoreRules& rules) {
  std::vector<Suspect> suspects;
  for (const Group& group : groups) {
    if (IsBackgroundGoroutine(group) || rules.Matches(group)) continue;
    double weight = ReasonWeight(group);
    if (group.leaked > 0) weight = std::max(weight, 1.0);
    if (weight <= 0) continue;
    const LeakPattern pattern = ClassifyLeak(group);
    suspects.push_back(Suspect{group, std::string(pattern.name), std::string(pattern.hint), Score(group, weight),
                               Confidence::kPossible, Evidence{}});
  }
  std::sort(suspects.begin(), suspects.end(), SuspectBefore);
  return suspects;
}

std::vector<Suspect> FindSuspects(const Snapshot& snapshot, const IgnoreRules& rules) {
  return FindSuspects(Aggregate(snapshot, Similarity::kFunctions), rules);
}

}  // namespace leakrig::profile
