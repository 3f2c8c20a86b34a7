// Reads per-goroutine records: /debug/pprof/goroutine?debug=2 and the
// tracebacks Go prints on panic, fatal error, SIGQUIT and test timeout.
//
//   goroutine 20 [chan send, 3 minutes]:
//   main.blockedSend(...)
//   	/src/main.go:16 +0x25
//   created by main.main in goroutine 1
//   	/src/main.go:27 +0x167
//
// A record is a header, then function/file line pairs, then an optional
// "created by" pair; a blank line or the next header ends it.

#ifndef LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_
#define LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "profile/snapshot_builder.h"
#include "text/text_scan.h"

namespace leakrig::profile {

// runtime.Stack gives up at this size: pprof's debug=2 output is cut here.
inline constexpr size_t kGoroutineStacksLimit = 64 << 20;

// Adds the records of `data` to `builder`. With `surrounded` (tracebacks)
// lines outside records are skipped; without it (debug=2) they are errors.
// A record cut by the end of the data is dropped and the snapshot flagged
// truncated.
void ParseGoroutineText(std::string_view data, bool surrounded, SnapshotBuilder* builder);

// Headers with parts a newer Go prints: one warning per dump, not an error
// per goroutine, because the goroutines and their stacks are still read.
struct UnknownParts {
  int64_t headers = 0;
  int64_t first_line = 0;
  std::string first_text;

  void Note(int64_t line, const std::string& text);
  // Adds those of a later piece of the dump whose lines start after `lines_before`.
  void Add(const UnknownParts& later, int64_t lines_before);
  void Report(SnapshotBuilder* builder) const;
};

// Reads the records of a dump, or of one piece of it, line by line. After a
// blank line its state is the one it starts with, so a dump cut just after a
// blank line can be read piece by piece (goroutine_dump_stream.h).
class GoroutineRecordReader {
 public:
  // `lines_before`: the lines before the data this reader is given.
  GoroutineRecordReader(bool surrounded, int64_t lines_before, SnapshotBuilder* builder)
      : surrounded_(surrounded), lines_before_(lines_before), builder_(builder), last_line_(lines_before) {}

  // Reads every line of `data` but does not end the last record: the next
  // piece, or Finish, does.
  void ReadLines(std::string_view data);
  // Ends the dump: commits the last record, or drops it and marks the
  // snapshot truncated when the data (`dump_size` bytes in all) was cut.
  void Finish(size_t dump_size);
  const UnknownParts& unknown() const { return unknown_; }
  // The number of the last line read (lines_before when none was).
  int64_t last_line() const { return last_line_; }

 private:
  // What the next line of an open record may be.
  enum class Expect {
    kFrameOrEnd,     // a function line, "created by", a blank, a header
    kFileOfFrame,    // the "\tfile:line" of the function line just read
    kFileOfCreator,  // the "\tfile:line" of the "created by" line
    kEnd,            // the record is complete: a blank line or a header
  };

  void OnOutsideLine(const text::Line& line);
  bool TryStartRecord(const text::Line& line);
  void OnRecordLine(const text::Line& line);
  bool OnMarkerLine(const text::Line& line);
  void OnFileLine(const text::Line& line);
  void RejectLine(const text::Line& line, std::string_view expected);
  void CommitRecord();

  const bool surrounded_;
  const int64_t lines_before_;
  SnapshotBuilder* const builder_;
  bool open_ = false;
  bool skipping_ = false;  // in a run of bad lines already reported once
  Expect expect_ = Expect::kFrameOrEnd;
  Goroutine current_;
  std::vector<FrameId> frames_;
  std::string_view pending_function_;
  std::string annotation_;  // the open record's unknown header parts
  UnknownParts unknown_;
  int64_t last_line_;  // lines_before until a line is read
  bool last_terminated_ = true;
};

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_GOROUTINE_TEXT_PARSER_H_
