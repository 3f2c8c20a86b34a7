#include "profile/diff.h"

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace leakrig::profile {
namespace {

struct Side {
  int64_t count = 0;
  const Group* largest = nullptr;  // groups arrive largest first
};

struct Sides {
  Side before, after;
};

void Tally(const std::vector<Group>& groups, Side Sides::*side, std::map<std::string_view, Sides>* by_signature) {
  for (const Group& group : groups) {
    Side& s = (*by_signature)[group.signature].*side;
    s.count += group.count;
    if (s.largest == nullptr) s.largest = &group;
  }
}

Change Classify(int64_t before, int64_t after) {
  if (before == 0 && after != 0) return Change::kNew;
  if (after == 0 && before != 0) return Change::kGone;
  if (after > before) return Change::kGrown;
  if (after < before) return Change::kShrunk;
  return Change::kSame;
}

GroupDelta MakeDelta(const Sides& sides) {
  GroupDelta delta;
  const bool gone = sides.after.largest == nullptr;
  delta.group = gone ? *sides.before.largest : *sides.after.largest;
  delta.before = sides.before.count;
  delta.after = sides.after.count;
  delta.delta = delta.after - delta.before;
  delta.change = Classify(delta.before, delta.after);
  delta.group.count = gone ? delta.before : delta.after;
  return delta;
}

}  // namespace

std::string_view ChangeName(Change change) {
  switch (change) {
    case Change::kNew:
      return "new";
    case Change::kGone:
      return "gone";
    case Change::kGrown:
      return "grown";
    case Change::kShrunk:
      return "shrunk";
    case Change::kSame:
      break;
  }
  return "same";
}

std::vector<GroupDelta> Diff(const Snapshot& before, const Snapshot& after, Similarity similarity) {
  const std::vector<Group> before_groups = Aggregate(before, similarity);
  const std::vector<Group> after_groups = Aggregate(after, similarity);
  std::map<std::string_view, Sides> by_signature;
  Tally(before_groups, &Sides::before, &by_signature);
  Tally(after_groups, &Sides::after, &by_signature);
  std::vector<GroupDelta> deltas;
  deltas.reserve(by_signature.size());
  for (const auto& [signature, sides] : by_signature) {
    deltas.push_back(MakeDelta(sides));
  }
  std::stable_sort(deltas.begin(), deltas.end(), [](const GroupDelta& a, const GroupDelta& b) {
    return std::tie(b.delta, b.after) < std::tie(a.delta, a.after);
  });
  return deltas;
}

}  // namespace leakrig::profile
