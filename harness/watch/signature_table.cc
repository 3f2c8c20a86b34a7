#include "watch/signature_table.h"

namespace leakrig::watch {
namespace {

// std::string keeps up to 15 bytes inline; longer texts cost their capacity.
size_t TextBytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

SignatureTable::SignatureTable(size_t max_entries, size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {
  index_.reserve(max_entries);
}

std::optional<SignatureId> SignatureTable::Find(std::string_view signature) const {
  auto it = index_.find(signature);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::optional<SignatureId> SignatureTable::Add(std::string_view signature, std::string_view top_function) {
  if (index_.size() >= max_entries_) return std::nullopt;
  if (text_bytes_ + signature.size() + top_function.size() > max_bytes_) return std::nullopt;
  SignatureId id;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
  } else {
    id = static_cast<SignatureId>(entries_.size());
    entries_.emplace_back();
  }
  Entry& entry = entries_[id];
  entry.signature.assign(signature);
  entry.top_function.assign(top_function);
  text_bytes_ += TextBytes(entry.signature) + TextBytes(entry.top_function);
  index_.emplace(entry.signature, id);
  return id;
}

void SignatureTable::Remove(SignatureId id) {
  Entry& entry = entries_[id];
  index_.erase(entry.signature);
  text_bytes_ -= TextBytes(entry.signature) + TextBytes(entry.top_function);
  // Release the texts' memory: shrink_to_fit on a cleared string may keep it.
  std::string().swap(entry.signature);
  std::string().swap(entry.top_function);
  free_.push_back(id);
}

size_t SignatureTable::bytes() const {
  const size_t index_bytes =
      index_.bucket_count() * sizeof(void*) + index_.size() * (sizeof(std::string_view) + sizeof(SignatureId) + 16);
  return text_bytes_ + entries_.size() * sizeof(Entry) + free_.capacity() * sizeof(SignatureId) + index_bytes;
}

}  // namespace leakrig::watch
