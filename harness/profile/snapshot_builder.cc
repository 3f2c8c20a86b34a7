#include "profile/snapshot_builder.h"

#include <algorithm>
#include <string>
#include <utility>

#include "profile/go_quote.h"

namespace leakrig::profile {
namespace {

constexpr uint64_t kStringSeed = 0x51ED27;
constexpr uint64_t kFrameSeed = 0xF4A3E;
constexpr uint64_t kStackSeed = 0x57AC;
constexpr uint64_t kLabelSeed = 0x1ABE1;

bool LabelLess(const Snapshot& s, const Label& a, const Label& b) {
  const std::string_view ak = s.str(a.key), bk = s.str(b.key);
  if (ak != bk) return ak < bk;
  return s.str(a.value) < s.str(b.value);
}

}  // namespace

SnapshotBuilder::SnapshotBuilder() {
  // Reserve id 0 in each index for the empty value Snapshot() created.
  strings_.FindOrInsert(
      HashBytes({}, kStringSeed), [](uint32_t) { return false; }, [] { return 0u; });
  stacks_.FindOrInsert(
      HashInt(0, kStackSeed), [](uint32_t) { return false; }, [] { return 0u; });
  label_sets_.FindOrInsert(
      HashInt(0, kLabelSeed), [](uint32_t) { return false; }, [] { return 0u; });
}

StringId SnapshotBuilder::Intern(std::string_view text) {
  auto& strings = snapshot_.strings_;
  return strings_.FindOrInsert(
      HashBytes(text, kStringSeed), [&](uint32_t id) { return strings[id] == text; },
      [&] {
        strings.emplace_back(text);
        return static_cast<uint32_t>(strings.size() - 1);
      });
}

FrameId SnapshotBuilder::InternFrame(std::string_view function, std::string_view file, int32_t line) {
  const uint64_t hash = HashBytes(file, HashBytes(function, kFrameSeed) + static_cast<uint32_t>(line));
  auto& frames = snapshot_.frames_;
  return frames_.FindOrInsert(
      hash,
      [&](uint32_t id) {
        const FrameKey& key = frame_keys_[id];
        return key.line == line && key.function == function && key.file == file;
      },
      [&] {
        const Frame frame{Intern(function), Intern(file), line};
        frames.push_back(frame);
        frame_keys_.push_back(FrameKey{str(frame.function), str(frame.file), line});
        return static_cast<uint32_t>(frames.size() - 1);
      });
}

FrameId SnapshotBuilder::InternFrameAt(FramePlace place, uint32_t after, std::string_view function,
                                       std::string_view file, int32_t line) {
  if (after == kNoFrame) return InternFrame(function, file, line);  // a creator below no frame
  std::vector<FrameId>& last = last_at_[static_cast<int>(place)];
  if (after >= last.size()) last.resize(after + 1, kNoFrame);
  if (const FrameId guess = last[after]; guess != kNoFrame) {
    const FrameKey& key = frame_keys_[guess];
    if (key.line == line && key.function == function && key.file == file) return guess;
  }
  return last[after] = InternFrame(function, file, line);
}

StackId SnapshotBuilder::InternStack(std::span<const FrameId> frames) {
  const std::string_view bytes(reinterpret_cast<const char*>(frames.data()), frames.size_bytes());
  const uint64_t hash = frames.empty() ? HashInt(0, kStackSeed) : HashBytes(bytes, kStackSeed);
  return stacks_.FindOrInsert(
      hash,
      [&](uint32_t id) {
        const auto stored = snapshot_.stack(id);
        return std::equal(stored.begin(), stored.end(), frames.begin(), frames.end());
      },
      [&] {
        auto& flat = snapshot_.stack_frames_;
        flat.insert(flat.end(), frames.begin(), frames.end());
        snapshot_.stack_offsets_.push_back(static_cast<uint32_t>(flat.size()));
        return static_cast<uint32_t>(snapshot_.stack_offsets_.size() - 2);
      });
}

LabelSetId SnapshotBuilder::InternLabels(std::vector<Label> labels) {
  if (labels.empty()) return kNoLabels;
  std::sort(labels.begin(), labels.end(), [&](const Label& a, const Label& b) { return LabelLess(snapshot_, a, b); });
  uint64_t hash = kLabelSeed;
  for (const Label& l : labels) {
    hash = HashInt(hash ^ (uint64_t{l.key} << 32 | l.value), kLabelSeed);
  }
  return label_sets_.FindOrInsert(
      hash,
      [&](uint32_t id) {
        const auto stored = snapshot_.labels(id);
        return std::equal(stored.begin(), stored.end(), labels.begin(), labels.end(),
                          [](const Label& a, const Label& b) { return a.key == b.key && a.value == b.value; });
      },
      [&] {
        auto& flat = snapshot_.label_items_;
        flat.insert(flat.end(), labels.begin(), labels.end());
        snapshot_.label_offsets_.push_back(static_cast<uint32_t>(flat.size()));
        return static_cast<uint32_t>(snapshot_.label_offsets_.size() - 2);
      });
}

LabelSetId SnapshotBuilder::InternLabelText(int64_t line, std::string_view text) {
  LabelPairs pairs;
  std::string error;
  if (!ParseLabelSet(text, &pairs, &error)) AddError(line, std::move(error));
  std::vector<Label> labels;
  for (const auto& [key, value] : pairs) {
    labels.push_back(Label{Intern(key), Intern(value)});
  }
  return InternLabels(std::move(labels));
}

void SnapshotBuilder::AddGoroutine(const Goroutine& goroutine) { snapshot_.goroutines_.push_back(goroutine); }

void SnapshotBuilder::MarkAllLeaked() {
  for (Goroutine& g : snapshot_.goroutines_) g.flags |= kLeaked;
}

void SnapshotBuilder::AddError(int64_t line, std::string message) {
  if (snapshot_.errors_.size() >= kMaxErrors) {
    ++dropped_errors_;
    return;
  }
  snapshot_.errors_.push_back(ParseError{line, std::move(message)});
}

void SnapshotBuilder::AddWarning(int64_t line, std::string message) {
  snapshot_.warnings_.push_back(ParseError{line, std::move(message)});
}

void SnapshotBuilder::AddAnnotation(int64_t line, std::string_view text) {
  snapshot_.annotations_.push_back(Annotation{line, Intern(text)});
}

void SnapshotBuilder::Append(const SnapshotBuilder& piece, int64_t lines_before) {
  const Snapshot& from = piece.snapshot_;
  std::vector<StringId> strings(from.string_count());
  for (size_t i = 0; i < strings.size(); ++i) strings[i] = Intern(from.strings_[i]);
  std::vector<FrameId> frames(from.frame_count());
  for (size_t i = 0; i < frames.size(); ++i) {
    const Frame& f = from.frames_[i];
    frames[i] = InternFrame(from.str(f.function), from.str(f.file), f.line);
  }
  std::vector<StackId> stacks(from.stack_count());
  std::vector<FrameId> stack;
  for (size_t i = 0; i < stacks.size(); ++i) {
    stack.clear();
    for (const FrameId id : from.stack(static_cast<StackId>(i))) stack.push_back(frames[id]);
    stacks[i] = InternStack(stack);
  }
  std::vector<LabelSetId> label_sets(from.label_set_count());
  for (size_t i = 0; i < label_sets.size(); ++i) {
    std::vector<Label> labels;
    for (const Label& l : from.labels(static_cast<LabelSetId>(i))) {
      labels.push_back(Label{strings[l.key], strings[l.value]});
    }
    label_sets[i] = InternLabels(std::move(labels));
  }
  for (Goroutine g : from.goroutines_) {
    g.line += lines_before;
    g.stack = stacks[g.stack];
    g.state = strings[g.state];
    if (g.created_by != kNoFrame) g.created_by = frames[g.created_by];
    g.labels = label_sets[g.labels];
    AddGoroutine(g);
  }
  for (const ParseError& e : from.errors_) AddError(e.line + lines_before, e.message);
  dropped_errors_ += piece.dropped_errors_;
  for (const ParseError& w : from.warnings_) AddWarning(w.line + lines_before, w.message);
  for (const Annotation& a : from.annotations_) {
    snapshot_.annotations_.push_back(Annotation{a.line + lines_before, strings[a.text]});
  }
  snapshot_.truncated_ = snapshot_.truncated_ || from.truncated_;
  snapshot_.deadlocked_ = snapshot_.deadlocked_ || from.deadlocked_;
}

void SnapshotBuilder::RefineLeakFormat() {
  if (snapshot_.format_ != DumpFormat::kGoroutines) return;
  const auto& goroutines = snapshot_.goroutines_;
  if (std::any_of(goroutines.begin(), goroutines.end(), [](const Goroutine& g) { return g.flags & kLeaked; })) {
    snapshot_.format_ = DumpFormat::kLeakGoroutines;
  }
}

Snapshot SnapshotBuilder::Finish() && {
  if (dropped_errors_ > 0) {
    snapshot_.errors_.push_back(ParseError{0, std::to_string(dropped_errors_) + " more errors not shown"});
  }
  snapshot_.goroutines_.shrink_to_fit();
  return std::move(snapshot_);
}

}  // namespace leakrig::profile
