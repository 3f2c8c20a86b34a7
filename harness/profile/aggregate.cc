#include "profile/aggregate.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "profile/wait_reason.h"

namespace leakrig::profile {
namespace {

// What a distinct stack contributes to every group that uses it.
struct StackInfo {
  uint32_t signature_index;
  std::vector<FrameId> frames;  // normalised
};

// Computes each distinct stack's signature once: a dump of 100k goroutines
// usually holds a few hundred distinct stacks.
class StackSignatures {
 public:
  StackSignatures(const Snapshot& snapshot, Similarity similarity)
      : snapshot_(snapshot), similarity_(similarity), by_stack_(snapshot.stack_count(), -1) {}

  // A stack whose goroutine had no stack to show gets its own signature.
  uint32_t IndexOf(StackId stack, bool unavailable) {
    const size_t slot = unavailable && snapshot_.stack(stack).empty() ? by_stack_.size() : stack;
    if (slot == by_stack_.size()) return Intern({}, unavailable);
    if (by_stack_[slot] >= 0) return static_cast<uint32_t>(by_stack_[slot]);
    std::vector<FrameId> frames;
    NormalizeStack(snapshot_, stack, &frames);
    const uint32_t index = Intern(std::move(frames), false);
    by_stack_[slot] = index;
    return index;
  }

  const std::string& signature(uint32_t index) const { return texts_[index]; }
  const std::vector<FrameId>& frames(uint32_t index) const { return frames_[index]; }

 private:
  uint32_t Intern(std::vector<FrameId> frames, bool unavailable) {
    std::string text = Signature(snapshot_, frames, similarity_, unavailable);
    const auto [it, inserted] = index_.try_emplace(text, static_cast<uint32_t>(texts_.size()));
    if (inserted) {
      texts_.push_back(std::move(text));
      frames_.push_back(std::move(frames));
    }
    return it->second;
  }

  const Snapshot& snapshot_;
  const Similarity similarity_;
  std::vector<int64_t> by_stack_;  // -1 until computed
  std::unordered_map<std::string, uint32_t> index_;
  std::vector<std::string> texts_;
  std::vector<std::vector<FrameId>> frames_;
};

struct GroupKey {
  uint32_t signature;
  StringId state;
  LabelSetId labels;
  bool operator==(const GroupKey&) const = default;
};

struct GroupKeyHash {
  size_t operator()(const GroupKey& k) const {
    return (uint64_t{k.signature} * 0x9E3779B97F4A7C15ULL) ^ (uint64_t{k.state} << 32) ^ k.labels;
  }
};

struct Tally {
  GroupKey key;
  const Goroutine* first;
  int64_t count = 0;
  int64_t leaked = 0;
  int min_minutes = -1;
  int max_minutes = -1;
};

void AddToTally(const Goroutine& g, Tally* tally) {
  tally->count += g.count;
  if (g.flags & kLeaked) tally->leaked += g.count;
  if (g.minutes < 0) return;
  tally->min_minutes = tally->min_minutes < 0 ? g.minutes : std::min(tally->min_minutes, g.minutes);
  tally->max_minutes = std::max(tally->max_minutes, g.minutes);
}

Group MakeGroup(const Snapshot& snapshot, const StackSignatures& signatures, const Tally& tally) {
  Group group;
  const std::vector<FrameId>& frames = signatures.frames(tally.key.signature);
  group.signature = signatures.signature(tally.key.signature);
  group.count = tally.count;
  group.wait_reason = snapshot.str(tally.key.state);
  if (group.wait_reason.empty()) {
    group.inferred_wait_reason = InferWaitReason(snapshot, snapshot.stack(tally.first->stack));
  }
  if (const size_t top = TopFrameIndex(snapshot, frames); top != std::string::npos) {
    group.top_function = snapshot.str(snapshot.frame(frames[top]).function);
    group.location = FrameLocation(snapshot, frames[top]);
  }
  if (tally.first->created_by != kNoFrame) {
    group.created_by = snapshot.str(snapshot.frame(tally.first->created_by).function);
    group.created_at = FrameLocation(snapshot, tally.first->created_by);
  }
  group.creator_goroutine = tally.first->creator_id;
  group.min_minutes = tally.min_minutes;
  group.max_minutes = tally.max_minutes;
  for (const Label& label : snapshot.labels(tally.key.labels)) {
    group.labels.emplace_back(snapshot.str(label.key), snapshot.str(label.value));
  }
  for (const FrameId id : frames) {
    group.stack.emplace_back(snapshot.str(snapshot.frame(id).function));
  }
  group.leaked = tally.leaked;
  group.first_line = tally.first->line;
  return group;
}

bool GroupBefore(const Group& a, const Group& b) {
  return std::tie(b.count, a.signature, a.wait_reason, a.labels) <
         std::tie(a.count, b.signature, b.wait_reason, b.labels);
}

}  // namespace

std::vector<Group> Aggregate(const Snapshot& snapshot, Similarity similarity) {
  StackSignatures signatures(snapshot, similarity);
  std::unordered_map<GroupKey, size_t, GroupKeyHash> index;
  std::vector<Tally> tallies;
  for (const Goroutine& g : snapshot.goroutines()) {
    const GroupKey key{signatures.IndexOf(g.stack, (g.flags & kStackUnavailable) != 0), g.state, g.labels};
    const auto [it, inserted] = index.try_emplace(key, tallies.size());
    if (inserted) tallies.push_back(Tally{key, &g});
    AddToTally(g, &tallies[it->second]);
  }
  std::vector<Group> groups;
  groups.reserve(tallies.size());
  for (const Tally& tally : tallies) {
    groups.push_back(MakeGroup(snapshot, signatures, tally));
  }
  std::sort(groups.begin(), groups.end(), GroupBefore);
  return groups;
}

}  // namespace leakrig::profile
