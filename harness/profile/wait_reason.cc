#include "profile/wait_reason.h"

#include <algorithm>
#include <array>
#include <utility>

namespace leakrig::profile {
namespace {

using Rule = std::pair<std::string_view, std::string_view>;

// Blocking functions and the wait reason the runtime gives them; a stack's
// leaf-most match wins. The mutex rule comes after the RWMutex ones because
// RWMutex frames sit above the shared semaphore frame.
constexpr std::array<Rule, 17> kFrameRules = {{
    {"runtime.chansend", "chan send"},
    {"runtime.chanrecv", "chan receive"},
    {"runtime.selectgo", "select"},
    {"runtime.block", "select (no cases)"},
    {"sync.(*RWMutex).RLock", "sync.RWMutex.RLock"},
    {"sync.(*RWMutex).Lock", "sync.RWMutex.Lock"},
    {"sync.(*WaitGroup).Wait", "sync.WaitGroup.Wait"},
    {"sync.(*Cond).Wait", "sync.Cond.Wait"},
    {"sync.runtime_notifyListWait", "sync.Cond.Wait"},
    {"sync.runtime_SemacquireWaitGroup", "sync.WaitGroup.Wait"},
    {"sync.(*Mutex).Lock", "sync.Mutex.Lock"},
    {"internal/sync.(*Mutex).Lock", "sync.Mutex.Lock"},
    {"sync.runtime_SemacquireMutex", "sync.Mutex.Lock"},
    {"internal/poll.runtime_pollWait", "IO wait"},
    {"time.Sleep", "sleep"},
    {"syscall.Syscall", "syscall"},
    {"syscall.RawSyscall", "syscall"},
}};

// Matches "runtime.chansend" against "runtime.chansend1" too, and
// "syscall.Syscall" against "syscall.Syscall6".
bool FrameMatches(std::string_view function, std::string_view rule) {
  if (!function.starts_with(rule)) return false;
  const std::string_view rest = function.substr(rule.size());
  return std::all_of(rest.begin(), rest.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The frames a blocking wait can sit under; deeper frames are the caller's.
constexpr size_t kBlockingDepth = 8;

}  // namespace

std::string_view BaseWaitReason(std::string_view reason) {
  if (reason.ends_with(" (durable)")) reason.remove_suffix(10);
  return reason;
}

WaitClass ClassifyWaitReason(std::string_view reason) {
  reason = BaseWaitReason(reason);
  if (reason.starts_with("chan ") || reason.starts_with("select")) {
    return WaitClass::kChannel;
  }
  if (reason.starts_with("sync.Mutex") || reason.starts_with("sync.RWMutex") || reason == "semacquire") {
    return WaitClass::kLock;
  }
  if (reason == "sync.WaitGroup.Wait") return WaitClass::kWaitGroup;
  if (reason == "sync.Cond.Wait") return WaitClass::kCond;
  if (reason == "IO wait") return WaitClass::kIo;
  if (reason == "syscall") return WaitClass::kSyscall;
  if (reason == "sleep") return WaitClass::kSleep;
  if (reason.starts_with("GC ") || reason.starts_with("force gc") || reason.ends_with("(idle)") ||
      reason.ends_with(" wait")) {
    return WaitClass::kRuntime;
  }
  return WaitClass::kNone;
}

std::string_view InferWaitReason(const Snapshot& snapshot, std::span<const FrameId> frames) {
  const size_t depth = std::min(frames.size(), kBlockingDepth);
  for (size_t i = 0; i < depth; ++i) {
    const std::string_view function = snapshot.str(snapshot.frame(frames[i]).function);
    for (const auto& [prefix, reason] : kFrameRules) {
      if (FrameMatches(function, prefix)) return reason;
    }
  }
  return "";
}

}  // namespace leakrig::profile
