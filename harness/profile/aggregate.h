// Grouping a snapshot's goroutines by signature.

#ifndef LEAKRIG_PROFILE_AGGREGATE_H_
#define LEAKRIG_PROFILE_AGGREGATE_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "profile/signature.h"
#include "profile/snapshot.h"

namespace leakrig::profile {

// Goroutines that share a signature, a wait reason and a label set.
struct Group {
  // Normalised stack (see signature.h): leaf first, one frame per line; no
  // arguments, PCs, offsets or goroutine IDs.
  std::string signature;
  int64_t count = 0;
  std::string wait_reason;  // the bracket's state; "" in debug=1 and proto
  // In formats without states, what the stack's blocking frames say
  // ("chan send" from runtime.chansend1); "" when they say nothing. Never
  // set when wait_reason is.
  std::string inferred_wait_reason;
  std::string top_function;  // see TopFrameIndex
  std::string location;      // file:line of top_function's frame
  std::string created_by;    // of the group's first goroutine
  std::string created_at;
  int64_t creator_goroutine = -1;  // "in goroutine N" of the first; -1 none
  int min_minutes = -1;            // blocked minutes over the group; -1 unknown
  int max_minutes = -1;
  std::vector<std::pair<std::string, std::string>> labels;  // sorted
  std::vector<std::string> stack;                           // normalised function names, leaf first
  int64_t leaked = 0;                                       // goroutines flagged " (leaked)"
  int64_t first_line = 0;                                   // line of the group's first record
};

// Groups the goroutines; sorted by count (highest first), then signature,
// wait reason and labels, so the order is the same on every run.
// Cost: O(goroutines) hash lookups plus O(distinct stacks × depth).
std::vector<Group> Aggregate(const Snapshot& snapshot, Similarity similarity);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_AGGREGATE_H_
