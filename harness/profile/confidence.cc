#include "profile/confidence.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <utility>

#include "profile/wait_reason.h"

namespace leakrig::profile {
namespace {

// What one rule concluded; the strongest finding gives the sentence.
struct Finding {
  Confidence confidence;
  std::vector<Fact> facts;
  std::string why;
};

using MaybeFinding = std::optional<Finding>;

std::string Reason(const Group& group) {
  return std::string(BaseWaitReason(group.wait_reason.empty() ? group.inferred_wait_reason : group.wait_reason));
}

bool HasFrame(const Group& group, std::string_view function) {
  return std::find(group.stack.begin(), group.stack.end(), function) != group.stack.end();
}

bool IsHttpClientConnection(const Group& group) {
  return HasFrame(group, "net/http.(*persistConn).readLoop") || HasFrame(group, "net/http.(*persistConn).writeLoop");
}

// Goroutine 1: no creator, main.main at the bottom (runtime.main is dropped
// from signatures). Blocking forever there is how a server parks main.
bool IsMainGoroutine(const Group& group) {
  return group.created_by.empty() && !group.stack.empty() && group.stack.back() == "main.main";
}

// Created while the program started: by main.main, by a package's init, or
// by any function running on goroutine 1 (a constructor main called).
bool CreatedAtStartup(const Group& group) {
  const std::string_view creator = group.created_by;
  const size_t init = creator.rfind(".init");
  const bool by_init = init != std::string_view::npos &&
                       creator.substr(init + 5).find_first_not_of(".0123456789") == std::string_view::npos;
  return creator == "main.main" || by_init || group.creator_goroutine == 1;
}

// The goroutine serving one request: its handler runs on this stack.
bool OnRequestPath(const Group& group) {
  static constexpr std::array<std::string_view, 3> kServeLoops = {
      "net/http.(*conn).serve", "net/http.HandlerFunc.ServeHTTP",
      "github.com/valyala/fasthttp.(*workerPool).workerFunc"};
  return std::any_of(kServeLoops.begin(), kServeLoops.end(), [&](std::string_view f) { return HasFrame(group, f); });
}

bool SameFamily(const Group& a, const Group& b) {
  if (a.created_by.empty() || b.created_by.empty()) {
    return a.signature == b.signature;
  }
  return a.created_by == b.created_by;
}

std::string_view FamilyOf(const Group& group) {
  return group.created_by.empty() ? std::string_view(group.signature) : std::string_view(group.created_by);
}

// Goroutines on the group's stack (all its label sets), and the most on
// any stack of another family.
std::pair<int64_t, int64_t> StackAndLargestOther(const Group& group, const DumpFacts& dump) {
  int64_t same = group.count, largest = 0;
  for (const StackTotal& s : dump.stacks) {
    if (s.signature == group.signature) {
      same = s.count;
    } else if (s.family != FamilyOf(group)) {
      largest = std::max(largest, s.count);
    }
  }
  return {same, largest};
}

Fact Make(std::string name, int64_t value, std::string_view dump) {
  return Fact{std::move(name), std::to_string(value), std::string(dump)};
}

MaybeFinding ProvenByRuntime(const Group& group, const DumpFacts& dump) {
  if (group.leaked <= 0) return std::nullopt;
  return Finding{Confidence::kCertain,
                 {Make("runtime_marked_leaked", group.leaked, dump.dump)},
                 "the runtime's leak GC marked it (leaked): nothing that can "
                 "still run can reach what it waits on"};
}

MaybeFinding BlockedForever(const Group& group, const DumpFacts& dump) {
  const std::string reason = Reason(group);
  const bool nil = reason.ends_with("(nil chan)");
  if ((!nil && reason != "select (no cases)") || IsMainGoroutine(group)) {
    return std::nullopt;
  }
  return Finding{Confidence::kCertain,
                 {Fact{nil ? "nil_channel" : "empty_select", reason, std::string(dump.dump)}},
                 nil ? "it waits on a nil channel, which no send, receive or "
                       "close can ever wake"
                     : "it waits in select {} with no cases, which nothing "
                       "can ever wake"};
}

MaybeFinding Deadlocked(const DumpFacts& dump) {
  if (!dump.deadlocked) return std::nullopt;
  return Finding{Confidence::kCertain,
                 {Fact{"dump_deadlocked", "true", std::string(dump.dump)}},
                 "the process died with \"fatal error: all goroutines are "
                 "asleep - deadlock!\": no goroutine could ever wake it"};
}

MaybeFinding OutOfProportion(const Group& group, const DumpFacts& dump) {
  const auto [same, others] = StackAndLargestOther(group, dump);
  if (same < kOutOfProportion * std::max<int64_t>(others, 1)) {
    return std::nullopt;
  }
  return Finding{Confidence::kLikely,
                 {Make("same_stack", same, dump.dump), Make("largest_other_family", others, dump.dump)},
                 std::to_string(same) +
                     " goroutines wait on this one stack, at "
                     "least " +
                     std::to_string(kOutOfProportion) + "x the largest group created elsewhere (" +
                     std::to_string(others) +
                     "): a pool is sized near its neighbours, a leak grows with "
                     "traffic"};
}

Connections HttpClientConnections(const std::vector<Group>& groups) {
  Connections connections;
  for (const Group& g : groups) {
    if (!HasFrame(g, "net/http.(*persistConn).readLoop")) continue;
    connections.open += g.count;
    if (Reason(g) != "IO wait") connections.busy += g.count;
  }
  return connections;
}

MaybeFinding BeyondIdleConnectionLimits(const Group& group, const DumpFacts& dump) {
  if (!IsHttpClientConnection(group)) return std::nullopt;
  const int64_t connections = dump.connections.open;
  if (connections <= kDefaultMaxIdleConns) return std::nullopt;
  return Finding{Confidence::kLikely,
                 {Make("http_client_connections", connections, dump.dump),
                  Make("transport_max_idle_conns", kDefaultMaxIdleConns, dump.dump)},
                 std::to_string(connections) +
                     " HTTP client connections are open, "
                     "more than a Transport keeps idle (MaxIdleConns " +
                     std::to_string(kDefaultMaxIdleConns) + "): their response bodies are held open"};
}

// Median of the blocked minutes of the other goroutines serving requests;
// unknown minutes count as 0.
int MedianPeerMinutes(const Group& group, const std::vector<Group>& groups) {
  std::vector<int> minutes;
  for (const Group& g : groups) {
    if (&g != &group && g.signature != group.signature && OnRequestPath(g)) {
      minutes.push_back(std::max(g.max_minutes, 0));
    }
  }
  if (minutes.empty()) return 0;
  std::nth_element(minutes.begin(), minutes.begin() + minutes.size() / 2, minutes.end());
  return minutes[minutes.size() / 2];
}

MaybeFinding BlockedLongerThanPeers(const Group& group, const DumpFacts& dump) {
  if (!OnRequestPath(group) || group.max_minutes < 1) return std::nullopt;
  const int peers = MedianPeerMinutes(group, *dump.groups);
  if (group.max_minutes < 4 * peers + 1) return std::nullopt;
  return Finding{Confidence::kLikely,
                 {Make("blocked_minutes", group.max_minutes, dump.dump), Make("peer_median_minutes", peers, dump.dump)},
                 "it serves a request and has been blocked " + std::to_string(group.max_minutes) +
                     " minutes, where the other requests' goroutines show " + std::to_string(peers) +
                     ": requests end, this one did "
                     "not"};
}

// What every judgement with a second dump (or a delta) records.
std::vector<Fact> GrowthFacts(const Growth& growth, const DumpFacts& dump) {
  std::vector<Fact> facts = {Make("grew_by", growth.delta, dump.dump)};
  if (!dump.delta) {
    facts.insert(facts.begin(), {Make("count", growth.before, "before"),
                                 Fact{"blocked", growth.blocked_before ? "true" : "false", "before"}});
  }
  return facts;
}

MaybeFinding GrewWhileBlocked(const DumpFacts& dump, const Growth* growth) {
  if (growth == nullptr) return std::nullopt;
  const bool two_dumps = !dump.delta;
  const int64_t many = kOutOfProportion * std::max<int64_t>(growth->largest_other_change, 1);
  if (growth->delta < many || (two_dumps && !growth->blocked_before)) {
    return std::nullopt;
  }
  return Finding{Confidence::kLikely,
                 {Make("largest_other_change", growth->largest_other_change, dump.dump)},
                 "the stack grew by " + std::to_string(growth->delta) + " goroutines " +
                     (two_dumps ? "between the dumps, blocked in both" : "within the delta profile's window") +
                     ", at least " + std::to_string(kOutOfProportion) + "x any other stack's change"};
}

// A lone goroutine started with the program, or an idle connection pool,
// is what a healthy service looks like: never more than possible.
MaybeFinding HealthyShape(const Group& group, const DumpFacts& dump) {
  const std::string reason = Reason(group);
  if (group.count == 1 && CreatedAtStartup(group) && (reason == "select" || reason == "chan receive")) {
    return Finding{Confidence::kPossible,
                   {Fact{"created_at_startup", group.created_by, std::string(dump.dump)}},
                   "one goroutine started with the program by " + group.created_by + " and waiting in " + reason +
                       ": most likely a background loop"};
  }
  const Connections& connections = dump.connections;
  if (IsHttpClientConnection(group) && connections.busy == 0 && connections.open <= kDefaultMaxIdleConns) {
    return Finding{Confidence::kPossible,
                   {Make("idle_http_client_connections", connections.open, dump.dump)},
                   std::to_string(connections.open) +
                       " idle HTTP client connection(s), within what a Transport "
                       "keeps for reuse (MaxIdleConns " +
                       std::to_string(kDefaultMaxIdleConns) + ")"};
  }
  return std::nullopt;
}

Finding Unjudged(const Group& group) {
  const std::string reason = Reason(group).empty() ? "an unknown wait" : Reason(group);
  if (group.count == 1) {
    return {
        Confidence::kPossible, {}, "one goroutine blocked in " + reason + ": it could as well be a background loop"};
  }
  return {Confidence::kPossible,
          {},
          std::to_string(group.count) + " goroutines blocked in " + reason + ", in proportion to the rest of the dump"};
}

void Absorb(Finding found, Judgement* judgement) {
  for (Fact& f : found.facts) judgement->evidence.facts.push_back(std::move(f));
  if (found.confidence > judgement->confidence || judgement->evidence.why.empty()) {
    judgement->confidence = found.confidence;
    judgement->evidence.why = std::move(found.why);
  }
}

}  // namespace

DumpFacts MakeDumpFacts(const std::vector<Group>& groups, bool deadlocked, std::string_view dump, bool delta) {
  DumpFacts facts{&groups, deadlocked, dump, delta, {}, {}};
  std::unordered_map<std::string_view, size_t> index;
  for (const Group& g : groups) {
    auto [at, added] = index.try_emplace(g.signature, facts.stacks.size());
    if (added) facts.stacks.push_back({g.signature, FamilyOf(g), 0});
    facts.stacks[at->second].count += g.count;
  }
  facts.connections = HttpClientConnections(groups);
  return facts;
}

std::string_view ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kCertain:
      return "certain";
    case Confidence::kLikely:
      return "likely";
    case Confidence::kPossible:
      break;
  }
  return "possible";
}

bool ParseConfidence(std::string_view text, Confidence* confidence) {
  for (const Confidence c : {Confidence::kPossible, Confidence::kLikely, Confidence::kCertain}) {
    if (ConfidenceName(c) == text) {
      *confidence = c;
      return true;
    }
  }
  return false;
}

Growth GrowthOf(const Group& group, const std::vector<GroupDelta>& deltas, bool blocked_before) {
  Growth growth;
  growth.blocked_before = blocked_before;
  for (const GroupDelta& d : deltas) {
    if (d.group.signature == group.signature) {
      growth.before = d.before;
      growth.delta = d.delta;
    } else if (!SameFamily(d.group, group)) {
      growth.largest_other_change = std::max(growth.largest_other_change, std::abs(d.delta));
    }
  }
  return growth;
}

Judgement Judge(const Group& group, const DumpFacts& dump, const Growth* growth) {
  Judgement judgement;
  judgement.evidence.facts = {Fact{"wait", Reason(group), std::string(dump.dump)},
                              Make("count", group.count, dump.dump)};
  if (growth != nullptr) {
    for (Fact& f : GrowthFacts(*growth, dump)) {
      judgement.evidence.facts.push_back(std::move(f));
    }
  }
  const MaybeFinding proofs[] = {ProvenByRuntime(group, dump), BlockedForever(group, dump), Deadlocked(dump)};
  for (const MaybeFinding& f : proofs) {
    if (f) Absorb(*f, &judgement);
  }
  if (judgement.confidence == Confidence::kCertain) return judgement;
  if (dump.delta) {
    Absorb(GrewWhileBlocked(dump, growth)
               .value_or(Finding{Confidence::kPossible,
                                 {},
                                 "it grew by " + std::to_string(group.count) +
                                     " in the window, in line with other "
                                     "stacks' changes"}),
           &judgement);
    return judgement;
  }
  if (MaybeFinding healthy = HealthyShape(group, dump)) {
    Absorb(std::move(*healthy), &judgement);
    return judgement;
  }
  const MaybeFinding shapes[] = {OutOfProportion(group, dump), BeyondIdleConnectionLimits(group, dump),
                                 BlockedLongerThanPeers(group, dump), GrewWhileBlocked(dump, growth)};
  for (const MaybeFinding& f : shapes) {
    if (f) Absorb(*f, &judgement);
  }
  if (judgement.evidence.why.empty()) Absorb(Unjudged(group), &judgement);
  return judgement;
}

}  // namespace leakrig::profile
