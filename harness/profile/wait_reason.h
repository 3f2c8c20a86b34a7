// Wait reasons: inferring them from frames when a format has none, and
// sorting them into the classes the suspect ranking and readings use.

#ifndef LEAKRIG_PROFILE_WAIT_REASON_H_
#define LEAKRIG_PROFILE_WAIT_REASON_H_

#include <span>
#include <string_view>

#include "profile/snapshot.h"

namespace leakrig::profile {

enum class WaitClass {
  kNone,     // running, runnable, unknown text
  kChannel,  // chan send/receive, select, nil chans
  kLock,     // sync.Mutex/RWMutex, semacquire
  kWaitGroup,
  kCond,
  kIo,  // IO wait
  kSyscall,
  kSleep,
  kRuntime,  // GC workers, finalizers, other runtime idling
};

// "chan send (durable)" -> "chan send": synctest's durable variants block
// the same way.
std::string_view BaseWaitReason(std::string_view reason);

WaitClass ClassifyWaitReason(std::string_view reason);

// The wait reason a raw stack's (leaf first) blocking frames imply, as the
// runtime would name it; "" when they imply none. Used for debug=1 and proto,
// which carry no states. debug=1 hides runtime frames at the top, so channel
// waits there stay unknown.
std::string_view InferWaitReason(const Snapshot& snapshot, std::span<const FrameId> frames);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_WAIT_REASON_H_
