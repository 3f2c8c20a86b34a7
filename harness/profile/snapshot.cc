#include "profile/snapshot.h"

#include <algorithm>

namespace leakrig::profile {

std::string_view FormatName(DumpFormat format) {
  switch (format) {
    case DumpFormat::kAggregated:
      return "debug=1";
    case DumpFormat::kGoroutines:
      return "debug=2";
    case DumpFormat::kTraceback:
      return "traceback";
    case DumpFormat::kProto:
      return "proto";
    case DumpFormat::kProtoDelta:
      return "proto delta";
    case DumpFormat::kLeakAggregated:
      return "goroutineleak debug=1";
    case DumpFormat::kLeakGoroutines:
      return "goroutineleak debug=2";
    case DumpFormat::kUnknown:
      break;
  }
  return "unknown";
}

// Entry 0 of every interned kind is the empty value, so a zero id always
// means "none": "" for strings, the empty stack, the empty label set.
Snapshot::Snapshot() : stack_offsets_{0, 0}, label_offsets_{0, 0} { strings_.emplace_back(); }
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;
Snapshot::~Snapshot() = default;

int64_t Snapshot::total() const {
  int64_t sum = 0;
  for (const Goroutine& g : goroutines_) sum += g.count;
  return sum;
}

std::string_view Snapshot::annotation(const Goroutine& g) const {
  const auto it = std::lower_bound(annotations_.begin(), annotations_.end(), g.line,
                                   [](const Annotation& a, int64_t line) { return a.line < line; });
  if (it == annotations_.end() || it->line != g.line) return {};
  return str(it->text);
}

std::span<const FrameId> Snapshot::stack(StackId id) const {
  const uint32_t begin = stack_offsets_[id];
  return {stack_frames_.data() + begin, stack_offsets_[id + 1] - begin};
}

std::span<const Label> Snapshot::labels(LabelSetId id) const {
  const uint32_t begin = label_offsets_[id];
  return {label_items_.data() + begin, label_offsets_[id + 1] - begin};
}

}  // namespace leakrig::profile
