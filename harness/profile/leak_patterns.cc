// The pattern table: how a blocked group's wait reason and frames map to a
// known leak and its usual fix.

#include <algorithm>
#include <string_view>

#include "profile/suspects.h"
#include "profile/wait_reason.h"

namespace leakrig::profile {
namespace {

constexpr LeakPattern kHttpBody = {"HTTP response body not closed",
                                   "each open body keeps its connection's readLoop and writeLoop: defer "
                                   "resp.Body.Close() after every request and reuse one http.Client"};
constexpr LeakPattern kNilChannel = {"nil channel",
                                     "a send or receive on a nil channel blocks forever: make() the channel "
                                     "before use, or set a finished select case's channel to nil on purpose"};
constexpr LeakPattern kContext = {"context never cancelled",
                                  "the goroutine waits for a context nobody cancels: call the cancel func "
                                  "of WithCancel/WithTimeout (defer cancel()) on every path"};
constexpr LeakPattern kEmptySelect = {"empty select",
                                      "select {} blocks forever: return, or wait on a channel that is closed "
                                      "at shutdown"};
constexpr LeakPattern kSend = {"send with no receiver",
                               "the receiver gave up: give the channel a buffer of 1, or select on "
                               "ctx.Done() beside the send"};
constexpr LeakPattern kReceive = {"receive on a channel never closed",
                                  "nobody sends or closes: close the channel when the producer is done, or "
                                  "select on ctx.Done() beside the receive"};
constexpr LeakPattern kSelect = {"select with no way out",
                                 "no case can become ready: add a <-ctx.Done() or quit-channel case, and "
                                 "make sure its context is cancelled"};
constexpr LeakPattern kUnlock = {"forgotten unlock",
                                 "the lock is never released: defer mu.Unlock() right after Lock, and "
                                 "check early returns and panics"};
constexpr LeakPattern kWaitGroup = {"WaitGroup never done",
                                    "Wait outlives its goroutines: call wg.Add before go, defer wg.Done() "
                                    "first thing in each goroutine"};
constexpr LeakPattern kCond = {"Cond never signalled",
                               "nobody calls Signal or Broadcast: signal after every change of the "
                               "condition, under the lock"};
constexpr LeakPattern kUnknown = {"unknown wait",
                                  "this dump format has no wait reasons: take a debug=2 dump to classify "
                                  "it"};
constexpr LeakPattern kOther = {"blocked", "find who should wake this goroutine and why it never does"};

bool Touches(const Group& group, std::string_view function) {
  return group.top_function == function ||
         std::find(group.stack.begin(), group.stack.end(), function) != group.stack.end();
}

bool InContextPackage(const Group& group) {
  return group.created_by.starts_with("context.") ||
         std::any_of(group.stack.begin(), group.stack.end(), [](const auto& f) { return f.starts_with("context."); });
}

LeakPattern ByWaitClass(std::string_view reason) {
  switch (ClassifyWaitReason(reason)) {
    case WaitClass::kLock:
      return kUnlock;
    case WaitClass::kWaitGroup:
      return kWaitGroup;
    case WaitClass::kCond:
      return kCond;
    default:
      break;
  }
  return kOther;
}

}  // namespace

LeakPattern ClassifyLeak(const Group& group) {
  const std::string_view reason =
      BaseWaitReason(group.wait_reason.empty() ? group.inferred_wait_reason : group.wait_reason);
  if (Touches(group, "net/http.(*persistConn).readLoop") || Touches(group, "net/http.(*persistConn).writeLoop")) {
    return kHttpBody;
  }
  if (reason.ends_with("(nil chan)")) return kNilChannel;
  if (InContextPackage(group)) return kContext;
  if (reason == "select (no cases)") return kEmptySelect;
  if (reason == "chan send") return kSend;
  if (reason == "chan receive") return kReceive;
  if (reason == "select") return kSelect;
  if (reason.empty()) return kUnknown;
  return ByWaitClass(reason);
}

}  // namespace leakrig::profile
