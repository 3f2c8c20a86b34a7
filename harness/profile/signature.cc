#include "profile/signature.h"

namespace leakrig::profile {
namespace {

// Frames that belong to the blocking primitive rather than to its caller.
bool IsBlockingPrimitive(std::string_view function) {
  const std::string_view package = PackageOf(function);
  return package == "runtime" || package == "sync" || package == "internal/sync" ||
         package.starts_with("internal/runtime/") || function == "time.Sleep" || function == "...";
}

}  // namespace

std::string_view PackageOf(std::string_view function) {
  const size_t slash = function.rfind('/');
  const size_t start = slash == function.npos ? 0 : slash + 1;
  const size_t dot = function.find('.', start);
  return dot == function.npos ? function : function.substr(0, dot);
}

bool IsHiddenRuntimeFunction(std::string_view function) {
  if (function.starts_with("internal/runtime/")) return true;
  if (!function.starts_with("runtime.")) return false;
  const char first = function.size() > 8 ? function[8] : '\0';
  return !(first >= 'A' && first <= 'Z') || function == "runtime.goexit";
}

void NormalizeStack(const Snapshot& snapshot, StackId stack, std::vector<FrameId>* out) {
  out->clear();
  const auto frames = snapshot.stack(stack);
  for (const FrameId id : frames) {
    if (!IsHiddenRuntimeFunction(snapshot.str(snapshot.frame(id).function))) {
      out->push_back(id);
    }
  }
  if (!out->empty()) return;
  for (const FrameId id : frames) {
    if (snapshot.str(snapshot.frame(id).function) != "runtime.goexit") {
      out->push_back(id);
    }
  }
}

size_t TopFrameIndex(const Snapshot& snapshot, std::span<const FrameId> frames) {
  if (frames.empty()) return std::string_view::npos;
  for (size_t i = 0; i < frames.size(); ++i) {
    if (!IsBlockingPrimitive(snapshot.str(snapshot.frame(frames[i]).function))) {
      return i;
    }
  }
  return frames.size() - 1;
}

std::string Signature(const Snapshot& snapshot, std::span<const FrameId> frames, Similarity similarity,
                      bool stack_unavailable) {
  if (frames.empty()) {
    return stack_unavailable ? "(stack unavailable)" : "(no frames)";
  }
  std::string text;
  for (const FrameId id : frames) {
    if (!text.empty()) text += '\n';
    const Frame& frame = snapshot.frame(id);
    text += snapshot.str(frame.function);
    if (similarity == Similarity::kExactLines && frame.line > 0) {
      text += ' ';
      text += FrameLocation(snapshot, id);
    }
  }
  return text;
}

std::string FrameLocation(const Snapshot& snapshot, FrameId frame) {
  const Frame& f = snapshot.frame(frame);
  if (snapshot.str(f.file).empty()) return "";
  return std::string(snapshot.str(f.file)) + ":" + std::to_string(f.line);
}

}  // namespace leakrig::profile
