// How a stack becomes a signature. The dump formats show different runtime
// frames: debug=1 hides runtime frames at the top of each stack but keeps
// those further down (runtime.main); debug=2 hides every unexported runtime
// frame; proto and GOTRACEBACK=system tracebacks keep them all. Dropping the
// same set everywhere makes one process's stacks compare equal across formats.

#ifndef LEAKRIG_PROFILE_SIGNATURE_H_
#define LEAKRIG_PROFILE_SIGNATURE_H_

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "profile/snapshot.h"

namespace leakrig::profile {

// How alike two stacks must be to share a group.
enum class Similarity {
  kExactLines,  // same functions at the same file:line
  kFunctions,   // same functions; lines may differ (another build, a loop)
};

// The import path part of a Go function name:
// "net/http.(*persistConn).readLoop" -> "net/http".
std::string_view PackageOf(std::string_view function);

// True for the frames no signature keeps: unexported runtime functions
// ("runtime.gopark"), internal/runtime/..., and runtime.goexit. Exported
// ones ("runtime.Gosched") stay, as debug=2 shows them.
bool IsHiddenRuntimeFunction(std::string_view function);

// Writes the stack's frames minus hidden runtime frames to *out, leaf first.
// A stack of runtime frames only (a GC worker) is kept whole, like debug=1
// keeps it.
void NormalizeStack(const Snapshot& snapshot, StackId stack, std::vector<FrameId>* out);

// Index in `frames` of the frame the goroutine's own code is blocked in: the
// first below the runtime's, sync's and time.Sleep's frames. When every frame
// is one of those (a runtime worker), the outermost. npos when empty.
size_t TopFrameIndex(const Snapshot& snapshot, std::span<const FrameId> frames);

// The signature text: one frame per line, leaf first; "function" at
// kFunctions, "function file:line" at kExactLines. "..." marks elided frames.
std::string Signature(const Snapshot& snapshot, std::span<const FrameId> frames, Similarity similarity,
                      bool stack_unavailable);

// "file:line", or "" for a frame without a location.
std::string FrameLocation(const Snapshot& snapshot, FrameId frame);

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_SIGNATURE_H_
