// Reading a dump window by window, so that a parser can release what it has
// used: a regular file is memory-mapped (its pages are faulted in one call per
// window and dropped once used), stdin or a pipe is read into a buffer that
// only keeps the bytes not yet used.
//
// A mapped file that another process truncates while it is read would make
// its pages unreadable (SIGBUS): the window then ends the process with one
// line, "leakrig: PATH: the file shrank while it was read", and the exit code
// it was given, instead of a crash. The guard is the process's SIGBUS
// handler, so one window maps a file at a time (as `analyze` and `diff` read
// their dumps one after the other).
#ifndef LEAKRIG_EDGE_INPUT_WINDOW_H_
#define LEAKRIG_EDGE_INPUT_WINDOW_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace leakrig::edge {

class InputWindow {
 public:
  explicit InputWindow(int shrunk_exit_code) : shrunk_exit_code_(shrunk_exit_code) {}
  InputWindow(const InputWindow&) = delete;
  InputWindow& operator=(const InputWindow&) = delete;
  ~InputWindow();

  // Opens `path`, or stdin for "-". False and *error ("cannot read PATH:
  // reason") on failure.
  bool Open(const std::string& path, std::string* error);
  // Reads from `fd`, which the window closes; `name` is the path errors name.
  bool Adopt(int fd, const std::string& name, std::string* error);

  // The bytes read and not yet released.
  std::string_view bytes() const { return std::string_view(data_ + begin_, end_ - begin_); }
  // Every byte of the input is in bytes() (or was released).
  bool at_end() const { return at_end_; }
  // Adds up to `more` bytes to bytes() (fewer at the end of the input).
  // False and *error when reading fails.
  bool Extend(size_t more, std::string* error);
  // Adds every byte left.
  bool ExtendToEnd(std::string* error);
  // Releases the first `n` bytes of bytes(): they are not read again.
  void Release(size_t n);

 private:
  bool MapFile(size_t size, std::string* error);
  bool ReadMore(size_t more, std::string* error);
  std::string ReadError(int error_number) const;

  const int shrunk_exit_code_;
  std::string name_;
  int fd_ = -1;
  // A mapped file: data_ is the mapping and the offsets are file offsets.
  const char* map_ = nullptr;
  size_t map_size_ = 0;
  size_t dropped_ = 0;  // pages before this offset are given back
  // Read input: data_ is buffer_, which holds what is not yet released.
  std::string buffer_;
  const char* data_ = "";
  size_t begin_ = 0;
  size_t end_ = 0;
  bool at_end_ = false;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_INPUT_WINDOW_H_
