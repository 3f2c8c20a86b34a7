// Fixed-capacity containers that keep a watch's memory bounded however long
// it runs: a ring of the last N values, and a history that halves its
// resolution whenever it fills.

#ifndef LEAKRIG_WATCH_SERIES_H_
#define LEAKRIG_WATCH_SERIES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace leakrig::watch {

// The last `capacity` values pushed, oldest first through operator[].
template <typename T>
class Ring {
 public:
  explicit Ring(size_t capacity) : capacity_(std::max<size_t>(capacity, 1)) { values_.reserve(capacity_); }

  void Push(T value) {
    if (values_.size() < capacity_) {
      values_.push_back(value);
      return;
    }
    values_[head_] = value;
    head_ = (head_ + 1) % capacity_;
  }
  size_t size() const { return values_.size(); }
  size_t capacity() const { return capacity_; }
  bool empty() const { return values_.empty(); }
  const T& operator[](size_t i) const { return values_[(head_ + i) % values_.size()]; }
  const T& back() const { return (*this)[values_.size() - 1]; }
  // The last `n` values (all when fewer), oldest first, appended to *out.
  template <typename U>
  void CopyLast(size_t n, std::vector<U>* out) const {
    const size_t k = std::min(n, values_.size());
    for (size_t i = values_.size() - k; i < values_.size(); ++i) out->push_back((*this)[i]);
  }
  size_t bytes() const { return values_.capacity() * sizeof(T); }

 private:
  size_t capacity_;
  size_t head_ = 0;  // index of the oldest value once full
  std::vector<T> values_;
};

// A whole run's history in at most `capacity` points: every point is kept
// until the history fills, then every other one is dropped and only every
// second later point is taken, and so on (stride 1, 2, 4, ...). The first
// point is always kept; the latest is kept in WithLast() even when the
// stride skips it.
template <typename T>
class DecimatedSeries {
 public:
  explicit DecimatedSeries(size_t capacity) : capacity_(std::max<size_t>(capacity, 2)) {}

  void Add(const T& point) {
    last_ = point;
    has_last_ = true;
    const uint64_t arrival = arrivals_++;
    if (arrival % stride_ != 0) return;
    if (points_.size() == capacity_) {
      Halve();
      if (arrival % stride_ != 0) return;
    }
    points_.push_back(point);
  }
  const std::vector<T>& points() const { return points_; }
  // The kept points plus the latest point when the stride skipped it.
  std::vector<T> WithLast() const {
    std::vector<T> out = points_;
    if (has_last_ && (arrivals_ - 1) % stride_ != 0) out.push_back(last_);
    return out;
  }
  uint64_t stride() const { return stride_; }
  size_t bytes() const { return points_.capacity() * sizeof(T); }

 private:
  // Kept points are the arrivals whose index is a multiple of the stride, so
  // keeping every other one is the same rule at twice the stride.
  void Halve() {
    size_t kept = 0;
    for (size_t i = 0; i < points_.size(); i += 2) points_[kept++] = points_[i];
    points_.resize(kept);
    stride_ *= 2;
  }

  size_t capacity_;
  uint64_t stride_ = 1;
  uint64_t arrivals_ = 0;
  std::vector<T> points_;
  T last_{};
  bool has_last_ = false;
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_SERIES_H_
