// How sure a suspect is: each ranked suspect is judged `certain`, `likely` or
// `possible` from what the dump (or two dumps, or a delta profile) proves
// about it, and carries the facts that led there.

#ifndef LEAKRIG_PROFILE_CONFIDENCE_H_
#define LEAKRIG_PROFILE_CONFIDENCE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "profile/aggregate.h"
#include "profile/diff.h"

namespace leakrig::profile {

// Ordered: a higher value is a stronger verdict.
enum class Confidence { kPossible, kLikely, kCertain };

// "possible", "likely", "certain".
std::string_view ConfidenceName(Confidence confidence);

// The inverse of ConfidenceName; false for any other text.
bool ParseConfidence(std::string_view text, Confidence* confidence);

// One machine-readable observation, e.g. {"same_stack", "120", "after"}.
// `dump` names where it was read: "dump" (the only one), "before" or "after"
// (two dumps), "delta" (a goroutine?seconds=N profile).
struct Fact {
  std::string name;
  std::string value;
  std::string dump;
};

struct Evidence {
  std::vector<Fact> facts;
  std::string why;  // one sentence for a person
};

// A group's change between two dumps, or in a delta profile.
struct Growth {
  int64_t before = 0;           // goroutines on the stack in the first dump
  int64_t delta = 0;            // after - before
  bool blocked_before = false;  // in a leak-shaped wait in the first dump
  // The largest change of any stack created by another function: growth
  // counts as "many" against it, as a count does against the rest.
  int64_t largest_other_change = 0;
};

// Goroutines on one stack, whatever their pprof labels: Go 1.27 prints a
// handler's labels in every header, so one leak spread over many requests
// (a label each) is many groups but one stack.
struct StackTotal {
  std::string_view signature;
  std::string_view family;  // created_by, or the signature when unknown
  int64_t count = 0;
};

// HTTP client connections: one readLoop each; in IO wait it is idle in the
// pool, anywhere else its response is still being read (or never will be).
struct Connections {
  int64_t open = 0;
  int64_t busy = 0;
};

// What the judge knows about the whole dump, beyond one group. Built once
// per dump (MakeDumpFacts), so judging every suspect stays linear.
struct DumpFacts {
  const std::vector<Group>* groups = nullptr;  // every group of the dump
  bool deadlocked = false;                     // "fatal error: all goroutines are asleep"
  std::string_view dump = "dump";              // Fact::dump of facts read from it
  // A delta profile: group counts are changes, so only growth and the
  // proofs (nil channel, empty select) are judged.
  bool delta = false;
  std::vector<StackTotal> stacks;  // one per distinct signature
  Connections connections;
};

// The facts of a dump whose groups are `groups` (kept by pointer: they
// must outlive the result).
DumpFacts MakeDumpFacts(const std::vector<Group>& groups, bool deadlocked, std::string_view dump, bool delta = false);

// A group counts as out of proportion when it holds at least this many times
// as many goroutines as the largest group created by another function (and
// at least this many, when the rest are singletons); growth counts as many
// by the same factor against the largest other change. A pool is sized by
// hand (GOMAXPROCS, a flag) near its neighbours; a leak grows with traffic.
inline constexpr int64_t kOutOfProportion = 8;

// net/http.Transport's default limit of idle connections kept, all hosts
// together (DefaultMaxIdleConnsPerHost is 2). A dump shows no host names, so
// only connections beyond the whole pool's limit prove held bodies.
inline constexpr int64_t kDefaultMaxIdleConns = 100;

struct Judgement {
  Confidence confidence = Confidence::kPossible;
  Evidence evidence;
};

// The change of `group`'s signature in `deltas` (Diff's, or a delta
// profile's groups as changes from 0), against the largest change of a stack
// created by another function. O(deltas).
Growth GrowthOf(const Group& group, const std::vector<GroupDelta>& deltas, bool blocked_before);

// Judges one suspect group of the dump. `growth` is null for a single dump.
Judgement Judge(const Group& group, const DumpFacts& dump, const Growth* growth);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_CONFIDENCE_H_
