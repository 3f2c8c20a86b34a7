#include "profile/states.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "profile/wait_reason.h"

namespace leakrig::profile {
namespace {

// Readings start at these shares of all goroutines.
constexpr int64_t kNotablePercent = 25;
constexpr int64_t kLargestGroupPercent = 20;
constexpr int64_t kLargestGroupMinimum = 10;

int64_t Percent(int64_t part, int64_t whole) { return whole <= 0 ? 0 : (part * 100 + whole / 2) / whole; }

std::string Share(int64_t part, int64_t whole) {
  return std::to_string(Percent(part, whole)) + "% of goroutines (" + std::to_string(part) + " of " +
         std::to_string(whole) + ")";
}

int64_t CountWhere(const std::vector<StateCount>& states, bool (*pick)(const std::string&)) {
  int64_t n = 0;
  for (const StateCount& s : states) {
    if (pick(s.state)) n += s.count;
  }
  return n;
}

void AddTruncation(const Snapshot& snapshot, std::vector<std::string>* out) {
  if (!snapshot.truncated()) return;
  std::string text = "the dump is cut off: " + std::to_string(snapshot.total()) + " goroutines read";
  if (snapshot.declared_total() > 0) {
    text += " of " + std::to_string(snapshot.declared_total()) + " declared";
  }
  out->push_back(text);
}

void AddScheduling(const std::vector<StateCount>& states, const ReadingContext& context,
                   std::vector<std::string>* out) {
  const int64_t running = CountWhere(states, [](const std::string& s) { return s == "running"; });
  const int64_t runnable = CountWhere(states, [](const std::string& s) { return s == "runnable"; });
  if (context.gomaxprocs > 0 && running + runnable > 2 * context.gomaxprocs) {
    out->push_back(std::to_string(running + runnable) +
                   " goroutines running or runnable for GOMAXPROCS=" + std::to_string(context.gomaxprocs) + ": " +
                   std::to_string(running + runnable - context.gomaxprocs) + " wait for a processor");
  } else if (context.gomaxprocs == 0 && runnable > 0) {
    out->push_back(std::to_string(running) + " running and " + std::to_string(runnable) +
                   " runnable goroutines (GOMAXPROCS not known)");
  }
}

void AddWaitShares(const std::vector<StateCount>& states, int64_t total, std::vector<std::string>* out) {
  const int64_t io = CountWhere(states, [](const std::string& s) {
    const WaitClass c = ClassifyWaitReason(s);
    return c == WaitClass::kIo || c == WaitClass::kSyscall;
  });
  if (Percent(io, total) >= kNotablePercent) {
    out->push_back(Share(io, total) + " wait on I/O or in syscalls");
  }
  const int64_t channel =
      CountWhere(states, [](const std::string& s) { return ClassifyWaitReason(s) == WaitClass::kChannel; });
  if (Percent(channel, total) >= kNotablePercent) {
    out->push_back(Share(channel, total) + " are blocked on channels or select");
  }
  const int64_t sync = CountWhere(states, [](const std::string& s) {
    const WaitClass c = ClassifyWaitReason(s);
    return c == WaitClass::kLock || c == WaitClass::kWaitGroup || c == WaitClass::kCond;
  });
  if (Percent(sync, total) >= kNotablePercent) {
    out->push_back(Share(sync, total) + " wait on locks, WaitGroups or Conds");
  }
}

void AddLargestGroup(const std::vector<Group>& groups, int64_t total, std::vector<std::string>* out) {
  if (groups.empty()) return;
  const Group& top = groups.front();  // Aggregate sorts by count
  if (top.count < kLargestGroupMinimum || Percent(top.count, total) < kLargestGroupPercent) {
    return;
  }
  std::string text =
      Share(top.count, total) + " share one stack, in " + (top.top_function.empty() ? "?" : top.top_function);
  if (!top.wait_reason.empty()) text += " [" + top.wait_reason + "]";
  out->push_back(text);
}

void AddBlockedMinutes(const Snapshot& snapshot, std::vector<std::string>* out) {
  int64_t blocked = 0;
  int longest = 0;
  for (const Goroutine& g : snapshot.goroutines()) {
    if (g.minutes < 1) continue;
    blocked += g.count;
    longest = std::max(longest, static_cast<int>(g.minutes));
  }
  if (blocked == 0) return;
  out->push_back(std::to_string(blocked) + " goroutines blocked for 1 minute or more, the longest " +
                 std::to_string(longest) + (longest == 1 ? " minute" : " minutes"));
}

void AddLeaked(const Snapshot& snapshot, std::vector<std::string>* out) {
  int64_t leaked = 0;
  for (const Goroutine& g : snapshot.goroutines()) {
    if (g.flags & kLeaked) leaked += g.count;
  }
  if (leaked == 0) return;
  out->push_back(std::to_string(leaked) + " goroutines proven leaked by the runtime's leak detector");
}

}  // namespace

std::vector<std::string> Readings(const Snapshot& snapshot, const std::vector<StateCount>& states,
                                  const std::vector<Group>& groups, const ReadingContext& context) {
  std::vector<std::string> out;
  const int64_t total = snapshot.total();
  AddTruncation(snapshot, &out);
  AddLeaked(snapshot, &out);
  if (states.size() == 1 && states.front().state == "unknown") {
    out.push_back("this format records no goroutine states");
  } else {
    AddScheduling(states, context, &out);
    AddWaitShares(states, total, &out);
  }
  AddLargestGroup(groups, total, &out);
  AddBlockedMinutes(snapshot, &out);
  return out;
}

std::vector<StateCount> CountStates(const Snapshot& snapshot) {
  std::map<std::string_view, int64_t> counts;
  for (const Goroutine& g : snapshot.goroutines()) {
    const std::string_view state = snapshot.str(g.state);
    counts[state.empty() ? "unknown" : state] += g.count;
  }
  std::vector<StateCount> states;
  for (const auto& [state, count] : counts) {
    states.push_back(StateCount{std::string(state), count});
  }
  std::stable_sort(states.begin(), states.end(),
                   [](const StateCount& a, const StateCount& b) { return a.count > b.count; });
  return states;
}

}  // namespace leakrig::profile
