// Snapshot: one parsed goroutine dump. Function names, file names, frames,
// stacks and label sets are interned, so a 100,000-goroutine dump in which
// most goroutines share a few stacks costs a few dozen bytes per goroutine.

#ifndef LEAKRIG_PROFILE_SNAPSHOT_H_
#define LEAKRIG_PROFILE_SNAPSHOT_H_

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace leakrig::profile {

// The dump formats ParseDump recognises from their content.
enum class DumpFormat {
  kUnknown,
  kAggregated,      // /debug/pprof/goroutine?debug=1
  kGoroutines,      // /debug/pprof/goroutine?debug=2
  kTraceback,       // panic, fatal error, SIGQUIT, go test timeout
  kProto,           // /debug/pprof/goroutine?debug=0 (gzipped or raw)
  kProtoDelta,      // /debug/pprof/goroutine?seconds=N: changes, not counts
  kLeakAggregated,  // /debug/pprof/goroutineleak?debug=1 (Go 1.26)
  kLeakGoroutines,  // /debug/pprof/goroutineleak?debug=2 (Go 1.26)
};

// "debug=1", "debug=2", "traceback", "proto", "proto delta",
// "goroutineleak debug=1",
// "goroutineleak debug=2", "unknown".
std::string_view FormatName(DumpFormat format);

// A problem found in the input. `line` is 1-based; 0 when the input has no
// lines (proto).
struct ParseError {
  int64_t line;
  std::string message;
};

using StringId = uint32_t;

// Header parts of a goroutine that the parser does not know (a newer Go's),
// kept as printed; `line` is the goroutine's header line (Goroutine::line).
struct Annotation {
  int64_t line;
  StringId text;
};
using FrameId = uint32_t;
using StackId = uint32_t;
using LabelSetId = uint32_t;

inline constexpr FrameId kNoFrame = 0xFFFFFFFF;
inline constexpr LabelSetId kNoLabels = 0;

// One call site. `line` is 0 and `file` empty when the dump gives none.
struct Frame {
  StringId function;
  StringId file;
  int32_t line;
};

struct Label {
  StringId key;
  StringId value;
};

// Bits of Goroutine::flags.
enum GoroutineFlag : uint8_t {
  kLeaked = 1 << 0,            // " (leaked)": proven by the Go 1.26 leak GC
  kLockedToThread = 1 << 1,    // ", locked to thread"
  kStackUnavailable = 1 << 2,  // "goroutine running on other thread; ..."
  kFramesElided = 1 << 3,      // "...N frames elided..."
  kScan = 1 << 4,              // " (scan)": caught while the GC scanned it
  kDurable = 1 << 5,           // " (durable)": only its synctest bubble can
                               // wake it (testing/synctest)
  kInBubble = 1 << 6,          // ", synctest bubble N"
};

// One record of the dump: a goroutine in per-goroutine formats, or a block of
// `count` goroutines sharing a stack in aggregated formats.
struct Goroutine {
  int64_t id = -1;          // goroutine ID; -1 in aggregated formats
  int64_t count = 1;        // goroutines this record stands for
  int64_t line = 0;         // 1-based line of the record's header
  int64_t creator_id = -1;  // "created by F in goroutine N"; -1 unknown
  StackId stack = 0;        // frames leaf first, as the dump printed them
  StringId state = 0;       // status or wait reason; "" when absent
  FrameId created_by = kNoFrame;
  LabelSetId labels = kNoLabels;
  int32_t minutes = -1;  // blocked minutes; -1 when the format has none
  uint8_t flags = 0;     // GoroutineFlag bits
};

// The parsed dump. Move-only: views handed out point into its storage.
class Snapshot {
 public:
  Snapshot();
  Snapshot(Snapshot&&) noexcept;
  Snapshot& operator=(Snapshot&&) noexcept;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  ~Snapshot();

  DumpFormat format() const { return format_; }
  // The dump was cut off (at 64 MiB or mid-record); the records read are
  // the whole ones before the cut.
  bool truncated() const { return truncated_; }
  // A traceback of "fatal error: all goroutines are asleep - deadlock!":
  // the runtime itself found that no goroutine can ever run again.
  bool deadlocked() const { return deadlocked_; }
  // For kProtoDelta, the window's length (the proto's duration_nanos); the
  // records' counts are then changes over it, and may be negative.
  int64_t delta_nanos() const { return delta_nanos_; }
  // The header's `total N`; -1 when the format has no header.
  int64_t declared_total() const { return declared_total_; }
  // Goroutines read: the sum of the records' counts.
  int64_t total() const;

  std::span<const Goroutine> goroutines() const { return goroutines_; }
  std::span<const ParseError> errors() const { return errors_; }
  // What was read, but not fully understood: the dump is still whole (one
  // warning per kind and dump, e.g. header parts from a newer Go).
  std::span<const ParseError> warnings() const { return warnings_; }
  // Unknown header parts, by goroutine header line; few in any real dump.
  std::span<const Annotation> annotations() const { return annotations_; }
  // The unknown header parts of `g` ("" for none). O(log annotations).
  std::string_view annotation(const Goroutine& g) const;

  std::string_view str(StringId id) const { return strings_[id]; }
  const Frame& frame(FrameId id) const { return frames_[id]; }
  std::span<const FrameId> stack(StackId id) const;
  std::span<const Label> labels(LabelSetId id) const;
  size_t stack_count() const { return stack_offsets_.size() - 1; }
  // Interned values, each kind numbered 0 .. count-1.
  size_t string_count() const { return strings_.size(); }
  size_t frame_count() const { return frames_.size(); }
  size_t label_set_count() const { return label_offsets_.size() - 1; }

 private:
  friend class SnapshotBuilder;

  DumpFormat format_ = DumpFormat::kUnknown;
  bool truncated_ = false;
  bool deadlocked_ = false;
  int64_t delta_nanos_ = 0;
  int64_t declared_total_ = -1;
  std::vector<Goroutine> goroutines_;
  std::vector<ParseError> errors_;
  std::vector<ParseError> warnings_;
  std::vector<Annotation> annotations_;  // sorted by line
  std::deque<std::string> strings_;      // a deque: elements never move
  std::vector<Frame> frames_;
  std::vector<FrameId> stack_frames_;    // all stacks, back to back
  std::vector<uint32_t> stack_offsets_;  // stack i is [offsets[i], [i+1])
  std::vector<Label> label_items_;
  std::vector<uint32_t> label_offsets_;
};

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_SNAPSHOT_H_
