#include "profile/goroutine_dump_stream.h"

#include <algorithm>
#include <cstring>
#include <future>
#include <system_error>
#include <utility>

namespace leakrig::profile {
namespace {

constexpr std::string_view kRecordAfterBlank = "\n\ngoroutine ";

// One piece of the dump, read by its own builder with lines counted from 1.
struct Piece {
  SnapshotBuilder builder;
  UnknownParts unknown;
  int64_t lines = 0;
};

void ReadPiece(std::string_view data, Piece* piece) {
  GoroutineRecordReader reader(false, 0, &piece->builder);
  reader.ReadLines(data);
  piece->unknown = reader.unknown();
  piece->lines = reader.last_line();
}

}  // namespace

size_t LastRecordStart(std::string_view data) {
  size_t end = data.size();
  while (end > 0) {
    const void* found = memrchr(data.data(), '\n', end);
    if (found == nullptr) return 0;
    const size_t newline = static_cast<size_t>(static_cast<const char*>(found) - data.data());
    if (newline > 0 && data[newline - 1] == '\n' && data.substr(newline + 1).starts_with(kRecordAfterBlank.substr(2))) {
      return newline + 1;
    }
    end = newline;
  }
  return 0;
}

std::vector<std::string_view> SplitAtRecords(std::string_view data, size_t pieces, size_t min_piece) {
  std::vector<std::string_view> parts;
  const size_t target = std::max(data.size() / std::max<size_t>(pieces, 1), std::max<size_t>(min_piece, 1));
  size_t begin = 0;
  while (parts.size() + 1 < pieces && data.size() - begin > target) {
    const size_t found = data.find(kRecordAfterBlank, begin + target - 1);
    if (found == std::string_view::npos) break;
    const size_t end = found + 2;
    parts.push_back(data.substr(begin, end - begin));
    begin = end;
  }
  parts.push_back(data.substr(begin));
  return parts;
}

GoroutineDumpStream::GoroutineDumpStream(int threads, size_t min_piece)
    : threads_(std::max(threads, 1)), min_piece_(min_piece) {
  builder_.SetFormat(DumpFormat::kGoroutines);
}

size_t GoroutineDumpStream::Feed(std::string_view bytes) {
  const size_t end = LastRecordStart(bytes);
  if (end == 0) return 0;
  const std::vector<std::string_view> parts = SplitAtRecords(bytes.substr(0, end), threads_, min_piece_);
  std::vector<Piece> pieces(parts.size());
  std::vector<std::future<void>> others;
  for (size_t i = 1; i < parts.size(); ++i) {
    try {
      others.push_back(std::async(std::launch::async, ReadPiece, parts[i], &pieces[i]));
    } catch (const std::system_error&) {  // no thread to be had: read it here, the result is the same
      ReadPiece(parts[i], &pieces[i]);
    }
  }
  ReadPiece(parts[0], &pieces[0]);
  for (std::future<void>& other : others) other.get();
  for (const Piece& piece : pieces) {
    builder_.Append(piece.builder, lines_);
    unknown_.Add(piece.unknown, lines_);
    lines_ += piece.lines;
  }
  consumed_ += end;
  return end;
}

Snapshot GoroutineDumpStream::Finish(std::string_view rest) && {
  GoroutineRecordReader reader(false, lines_, &builder_);
  reader.ReadLines(rest);
  reader.Finish(consumed_ + rest.size());
  unknown_.Add(reader.unknown(), 0);
  unknown_.Report(&builder_);
  builder_.RefineLeakFormat();
  return std::move(builder_).Finish();
}

}  // namespace leakrig::profile
