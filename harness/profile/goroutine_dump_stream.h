// Parses a debug=2 dump in pieces, several at a time on their own threads.
//
// A dump is cut just after a blank line that a goroutine header follows
// ("\n\ngoroutine "): there the record reader is in the state it starts in,
// so each piece parses alone, with its own interning tables and lines
// counted from 1. The pieces are then merged in order (SnapshotBuilder::
// Append), which gives the Snapshot one pass over the whole dump gives: the
// same ids, records, line numbers, errors and warnings.
//
// The bytes can also come window by window (a file mapped in parts, stdin):
// Feed parses the whole records at the front of what it is given and says how
// many bytes it used, so the caller can release them.

#ifndef LEAKRIG_PROFILE_GOROUTINE_DUMP_STREAM_H_
#define LEAKRIG_PROFILE_GOROUTINE_DUMP_STREAM_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "profile/goroutine_text_parser.h"
#include "profile/snapshot.h"
#include "profile/snapshot_builder.h"

namespace leakrig::profile {

// Below this a piece is not worth a thread: starting one costs about as much
// as parsing 50 KB.
inline constexpr size_t kMinPieceBytes = 256 << 10;

// Where a record starts just after a blank line: the offset of the last
// "goroutine " that follows "\n\n" in `data`, or 0 when there is none.
size_t LastRecordStart(std::string_view data);

// Cuts `data` into at most `pieces` parts of at least `min_piece` bytes
// (except the last), each ending just after a blank line that a goroutine
// header follows; the parts cover `data` in order.
std::vector<std::string_view> SplitAtRecords(std::string_view data, size_t pieces, size_t min_piece);

class GoroutineDumpStream {
 public:
  // `threads`: pieces parsed at once (1 reads them in turn);
  // `min_piece`: the smallest piece given its own thread.
  explicit GoroutineDumpStream(int threads, size_t min_piece = kMinPieceBytes);

  // Parses the whole records at the front of `bytes`, which continue the
  // bytes consumed so far, up to the last record start (LastRecordStart).
  // Returns how many bytes it consumed: the caller passes the rest again at
  // the front of the next call, or to Finish. 0 when `bytes` holds no record
  // start past its first byte: pass more at once.
  size_t Feed(std::string_view bytes);

  // Parses `rest`, the last bytes of the dump, and returns the snapshot.
  Snapshot Finish(std::string_view rest) &&;

 private:
  const int threads_;
  const size_t min_piece_;
  SnapshotBuilder builder_;
  UnknownParts unknown_;
  int64_t lines_ = 0;    // lines consumed so far
  size_t consumed_ = 0;  // bytes consumed so far
};

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_GOROUTINE_DUMP_STREAM_H_
