// Interned stack signatures. Every sample of a watch names the same few
// hundred stacks again; each is stored once, and samples refer to it by a
// small id. The table is bounded in entries and in bytes, so a target whose
// stacks never repeat cannot grow the watcher without limit: when it is
// full, Add() fails and the caller evicts or folds the stack into "other".

#ifndef LEAKRIG_WATCH_SIGNATURE_TABLE_H_
#define LEAKRIG_WATCH_SIGNATURE_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace leakrig::watch {

using SignatureId = uint32_t;

class SignatureTable {
 public:
  SignatureTable(size_t max_entries, size_t max_bytes);

  std::optional<SignatureId> Find(std::string_view signature) const;
  // Interns a new signature; nullopt when the table is full (entries or
  // bytes). Ids of removed signatures are reused.
  std::optional<SignatureId> Add(std::string_view signature, std::string_view top_function);
  void Remove(SignatureId id);

  std::string_view signature(SignatureId id) const { return entries_[id].signature; }
  std::string_view top_function(SignatureId id) const { return entries_[id].top_function; }
  size_t size() const { return index_.size(); }
  size_t max_entries() const { return max_entries_; }
  // Heap bytes held: the texts, the index and the slots.
  size_t bytes() const;

 private:
  struct Entry {
    std::string signature;
    std::string top_function;
  };

  size_t max_entries_;
  size_t max_bytes_;
  size_t text_bytes_ = 0;
  std::deque<Entry> entries_;  // a deque: index_ keys view into its strings
  std::vector<SignatureId> free_;
  std::unordered_map<std::string_view, SignatureId> index_;
};

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_SIGNATURE_TABLE_H_
