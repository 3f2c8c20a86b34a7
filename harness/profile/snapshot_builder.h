// SnapshotBuilder: what the parsers use to fill a Snapshot. It owns the
// interning indexes, which are dropped by Finish so a finished Snapshot
// holds only its data.

#ifndef LEAKRIG_PROFILE_SNAPSHOT_BUILDER_H_
#define LEAKRIG_PROFILE_SNAPSHOT_BUILDER_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "profile/hash_index.h"
#include "profile/snapshot.h"

namespace leakrig::profile {

class SnapshotBuilder {
 public:
  // At most this many errors are kept; the rest are counted in one summary
  // error, so a file of garbage cannot make the error list outgrow the input.
  static constexpr size_t kMaxErrors = 1000;

  SnapshotBuilder();

  StringId Intern(std::string_view text);
  FrameId InternFrame(std::string_view function, std::string_view file, int32_t line);
  // Where a frame is printed in a record: its stack's first frame (keyed by
  // the record's state), a frame below another, or the creator below the
  // stack's last frame.
  enum class FramePlace { kFirst, kBelow, kCreator };
  // InternFrame for a frame printed at `place` after `after` (the state's
  // StringId for kFirst, else the FrameId printed before it). A call site is
  // nearly always called from the same place and a wait from the same
  // function, so the frame that last came there is compared first and the
  // hash lookup made only when it differs: the id is the same either way.
  FrameId InternFrameAt(FramePlace place, uint32_t after, std::string_view function, std::string_view file,
                        int32_t line);
  StackId InternStack(std::span<const FrameId> frames);
  // Sorts the labels by key, then value, before interning the set.
  LabelSetId InternLabels(std::vector<Label> labels);
  // Parses a printed label set (go_quote.h: any dump form) and interns it;
  // a malformed one adds an error at `line` and keeps the pairs before it.
  LabelSetId InternLabelText(int64_t line, std::string_view text);

  void AddGoroutine(const Goroutine& goroutine);
  void AddError(int64_t line, std::string message);
  void AddWarning(int64_t line, std::string message);
  // Records must be added in line order (Snapshot::annotation searches).
  void AddAnnotation(int64_t line, std::string_view text);
  // Flags every record leaked: the goroutineleak profile lists only those.
  void MarkAllLeaked();
  void SetFormat(DumpFormat format) { snapshot_.format_ = format; }
  void SetTruncated() { snapshot_.truncated_ = true; }
  void SetDeadlocked() { snapshot_.deadlocked_ = true; }
  void SetDelta(int64_t nanos) {
    snapshot_.format_ = DumpFormat::kProtoDelta;
    snapshot_.delta_nanos_ = nanos;
  }
  void SetDeclaredTotal(int64_t total) { snapshot_.declared_total_ = total; }

  // Adds what `piece` read from the part of the dump after these records
  // and `lines_before` lines into it, as if this builder had read it: its
  // strings, frames, stacks and label sets are interned in the order the
  // piece first saw them, so the ids are those one builder reading the whole
  // dump gives; line numbers move by `lines_before`. Errors past kMaxErrors
  // are counted as they would have been.
  void Append(const SnapshotBuilder& piece, int64_t lines_before);
  // A debug=2 dump holding a goroutine flagged " (leaked)" is the
  // goroutineleak profile: only its GC sets that flag.
  void RefineLeakFormat();

  std::string_view str(StringId id) const { return snapshot_.str(id); }
  const Snapshot& snapshot() const { return snapshot_; }

  Snapshot Finish() &&;

 private:
  // A frame's strings as views into snapshot_'s stable storage, by FrameId:
  // comparing a parsed frame against them is one load, not a deque lookup
  // per string.
  struct FrameKey {
    std::string_view function;
    std::string_view file;
    int32_t line;
  };

  Snapshot snapshot_;
  std::vector<FrameKey> frame_keys_;
  std::vector<FrameId> last_at_[3];  // by FramePlace, then `after`: InternFrameAt's guess
  HashIndex strings_;
  HashIndex frames_;
  HashIndex stacks_;
  HashIndex label_sets_;
  int64_t dropped_errors_ = 0;
};

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_SNAPSHOT_BUILDER_H_
