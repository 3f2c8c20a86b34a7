#include "watch/watcher.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "profile/suspects.h"

namespace leakrig::watch {

std::vector<StackCount> CountStacks(const std::vector<profile::Group>& groups) {
  std::vector<StackCount> out;
  std::unordered_map<std::string_view, size_t> index;
  for (const profile::Group& g : groups) {
    auto [it, inserted] = index.emplace(g.signature, out.size());
    if (inserted) {
      out.push_back({g.signature, g.top_function, g.count, profile::IsBackgroundGoroutine(g)});
    } else {
      out[it->second].count += g.count;
    }
  }
  return out;
}

Watcher::Watcher(WatchOptions options)
    : options_(options),
      table_(options.max_signatures, options.max_signature_bytes),
      other_(std::make_unique<SignatureTrack>(options.rules, options.history_points, 0)),
      times_(static_cast<size_t>(std::max(options.rules.window, 2))),
      memory_window_(static_cast<size_t>(std::max(options.rules.window, 2))),
      memory_history_(options.total_history_points) {}

Watcher::~Watcher() = default;

IntervalStatus Watcher::Observe(const Observation& observation) {
  times_.Push(observation.seconds);
  window_seconds_.clear();
  times_.CopyLast(times_.size(), &window_seconds_);
  std::vector<int64_t> counts(slots_.size(), 0);
  std::vector<const StackCount*> pending;
  for (const StackCount& stack : observation.stacks) {
    if (auto id = table_.Find(stack.signature)) {
      counts[*id] += stack.count;
    } else if (stack.count > 0) {
      pending.push_back(&stack);
    }
  }
  int64_t other = 0;
  Admit(pending, &counts, &other);
  const SampleContext sample{observation.seconds, observation.load};
  const GrowthRules& rules = options_.rules;
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (slots_[id]) slots_[id]->track.Update(rules, sample, counts[id], window_seconds_);
  }
  other_->Update(rules, sample, other, window_seconds_);
  if (!total_) {
    total_ = std::make_unique<SignatureTrack>(rules, options_.total_history_points, observation.total);
  }
  total_->Update(rules, sample, observation.total, window_seconds_);
  ++samples_;
  IntervalStatus status = Status(observation);
  if (!first_alarm_ && status.alarms > 0) first_alarm_ = observation.seconds;
  DropIdleTracks();
  return status;
}

// New stacks, largest first, take free places in the table, then the
// places of the least interesting tracks; the rest count as "other".
void Watcher::Admit(std::vector<const StackCount*>& pending, std::vector<int64_t>* counts, int64_t* other) {
  std::stable_sort(pending.begin(), pending.end(),
                   [](const StackCount* a, const StackCount* b) { return a->count > b->count; });
  for (const StackCount* stack : pending) {
    std::optional<SignatureId> id = table_.Find(stack->signature);
    if (!id) id = table_.Add(stack->signature, stack->top_function);
    if (!id && Evict(stack->count, counts, other)) id = table_.Add(stack->signature, stack->top_function);
    if (!id) {
      *other += stack->count;
      continue;
    }
    if (*id >= slots_.size()) slots_.resize(*id + 1);
    if (!slots_[*id]) {
      // A stack first seen after the first sample had none before.
      const int64_t baseline = samples_ == 0 ? stack->count : 0;
      slots_[*id] = std::make_unique<Slot>(options_.rules, options_.history_points, baseline, samples_);
      slots_[*id]->background = stack->background;
    }
    counts->resize(slots_.size(), 0);
    (*counts)[*id] += stack->count;
  }
}

// Frees the place of the smallest track that never grew, if it is smaller
// than the incoming stack; its count in this sample moves to "other".
// O(tracks): only called when the table is full.
std::optional<SignatureId> Watcher::Evict(int64_t incoming, std::vector<int64_t>* counts, int64_t* other) {
  std::optional<SignatureId> victim;
  int64_t victim_size = incoming;
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (!slots_[id] || slots_[id]->track.grew()) continue;
    const int64_t now = id < counts->size() ? (*counts)[id] : 0;
    const int64_t size = std::max({slots_[id]->track.recent_max(), slots_[id]->track.baseline(), now});
    if (size < victim_size) {
      victim = static_cast<SignatureId>(id);
      victim_size = size;
    }
  }
  if (!victim) return std::nullopt;
  if (*victim < counts->size()) {
    *other += (*counts)[*victim];
    (*counts)[*victim] = 0;
  }
  table_.Remove(*victim);
  slots_[*victim].reset();
  ++evicted_;
  return victim;
}

void Watcher::DropIdleTracks() {
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (slots_[id] && slots_[id]->track.Idle()) {
      table_.Remove(static_cast<SignatureId>(id));
      slots_[id].reset();
    }
  }
}

IntervalStatus Watcher::Status(const Observation& observation) const {
  IntervalStatus status;
  status.sample = samples_ - 1;
  status.seconds = observation.seconds;
  status.total = observation.total;
  status.total_slope = total_->window_slope(window_seconds_);
  status.total_rising = total_->last_test().rising;
  auto consider = [&](const SignatureTrack& track, std::string_view top_function, bool background) {
    const bool alarm = !background && (track.alarm() || track.envelope_rising());
    status.alarms += alarm;
    status.leak_alarm = status.leak_alarm || (alarm && (!track.bounded() || track.envelope_rising()));
    status.want_full_dump = status.want_full_dump || (!background && (track.new_alarm() || track.new_outlived()));
    const double slope = track.window_slope(window_seconds_);
    const int64_t excess = track.last() - track.baseline();
    if (slope <= 0 || excess <= 0) return;
    const bool better =
        !status.has_top || alarm > status.top_alarm || (alarm == status.top_alarm && slope > status.top_slope);
    if (!better) return;
    status.has_top = true;
    status.top_function = top_function;
    status.top_excess = excess;
    status.top_slope = slope;
    status.top_alarm = alarm;
  };
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (!slots_[id]) continue;
    consider(slots_[id]->track, table_.top_function(static_cast<SignatureId>(id)), slots_[id]->background);
  }
  consider(*other_, "(other stacks)", false);
  return status;
}

void Watcher::AttachDetails(const std::vector<profile::Group>& groups) {
  std::unordered_set<SignatureId> seen;
  for (const profile::Group& g : groups) {  // largest group of a signature first
    std::optional<SignatureId> id = table_.Find(g.signature);
    if (!id || !slots_[*id]) continue;
    std::unique_ptr<StackDetails>& details = slots_[*id]->details;
    if (seen.insert(*id).second) {
      slots_[*id]->background = profile::IsBackgroundGoroutine(g);  // with the dump's own state
      details = std::make_unique<StackDetails>();
      details->wait_reason = g.wait_reason.empty() ? g.inferred_wait_reason : g.wait_reason;
      details->created_by = g.created_by;
      details->location = g.location;
    }
    details->leaked += g.leaked;
  }
}

void Watcher::ObserveMemory(double seconds, int64_t bytes) {
  memory_window_.Push({seconds, bytes});
  memory_history_.Add({seconds, bytes});
}

std::vector<StackGauge> Watcher::Gauges(size_t top) const {
  std::vector<StackGauge> gauges;
  auto add = [&](const SignatureTrack& track, std::string_view signature, std::string_view top_fn, bool background) {
    gauges.push_back({std::string(signature), std::string(top_fn), track.last(), track.baseline(),
                      track.window_slope(window_seconds_), !background && track.alarm(), background});
  };
  for (size_t id = 0; id < slots_.size(); ++id) {
    if (!slots_[id]) continue;
    const auto sid = static_cast<SignatureId>(id);
    add(slots_[id]->track, table_.signature(sid), table_.top_function(sid), slots_[id]->background);
  }
  if (other_->last() > 0 || other_->grew()) add(*other_, "(other stacks)", "(other stacks)", false);
  std::sort(gauges.begin(), gauges.end(), [](const StackGauge& a, const StackGauge& b) {
    if (a.alarm != b.alarm) return a.alarm;
    if (a.count != b.count) return a.count > b.count;
    return a.signature < b.signature;
  });
  if (gauges.size() > top) gauges.resize(top);
  return gauges;
}

size_t Watcher::ApproximateBytes() const {
  size_t bytes = sizeof(*this) + table_.bytes() + slots_.capacity() * sizeof(void*);
  for (const auto& slot : slots_) {
    if (!slot) continue;
    bytes += sizeof(Slot) + slot->track.bytes();
    if (slot->details) {
      bytes += sizeof(StackDetails) + slot->details->wait_reason.capacity() + slot->details->created_by.capacity() +
               slot->details->location.capacity();
    }
  }
  bytes += other_->bytes() + (total_ ? total_->bytes() : 0);
  bytes += times_.bytes() + window_seconds_.capacity() * sizeof(double);
  return bytes + memory_window_.bytes() + memory_history_.bytes();
}

}  // namespace leakrig::watch
