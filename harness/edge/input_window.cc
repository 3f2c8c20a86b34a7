#include "edge/input_window.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace leakrig::edge {
namespace {

// The mapping a SIGBUS is checked against; one file is mapped at a time.
struct ShrinkGuard {
  const char* begin = nullptr;
  const char* end = nullptr;
  char message[512] = {};
  size_t message_size = 0;
  int exit_code = 0;
  struct sigaction previous = {};
};
ShrinkGuard guard;

// Async-signal-safe: a fault inside the mapping is the file shrinking under
// it; any other goes on to the default action.
void OnBusError(int, siginfo_t* info, void*) {
  const char* address = static_cast<const char*>(info->si_addr);
  if (address >= guard.begin && address < guard.end) {
    (void)!::write(STDERR_FILENO, guard.message, guard.message_size);
    ::_exit(guard.exit_code);
  }
  ::signal(SIGBUS, SIG_DFL);  // the faulting access repeats and ends the process
}

void Guard(const char* begin, size_t size, const std::string& name, int exit_code) {
  const std::string message = fmt::format("leakrig: {}: the file shrank while it was read\n", name);
  guard.message_size = std::min(message.size(), sizeof(guard.message));
  std::memcpy(guard.message, message.data(), guard.message_size);
  guard.exit_code = exit_code;
  guard.begin = begin;
  guard.end = begin + size;
  struct sigaction action = {};
  action.sa_sigaction = OnBusError;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, &guard.previous);
}

void Unguard() {
  ::sigaction(SIGBUS, &guard.previous, nullptr);
  guard.begin = guard.end = nullptr;
}

size_t PageSize() { return static_cast<size_t>(::sysconf(_SC_PAGESIZE)); }

}  // namespace

InputWindow::~InputWindow() {
  if (map_ != nullptr) {
    Unguard();
    ::munmap(const_cast<char*>(map_), map_size_);
  }
  if (fd_ >= 0) ::close(fd_);
}

std::string InputWindow::ReadError(int error_number) const {
  return fmt::format("cannot read {}: {}", name_, std::strerror(error_number));
}

bool InputWindow::Open(const std::string& path, std::string* error) {
  if (path == "-") return Adopt(::dup(STDIN_FILENO), "-", error);
  name_ = path;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = ReadError(errno);
    return false;
  }
  return Adopt(fd, path, error);
}

bool InputWindow::Adopt(int fd, const std::string& name, std::string* error) {
  name_ = name;
  fd_ = fd;
  struct stat st = {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    *error = ReadError(errno);
    return false;
  }
  // Pipes, terminals and files whose size says nothing (/proc) are read.
  if (S_ISREG(st.st_mode) && st.st_size > 0) return MapFile(static_cast<size_t>(st.st_size), error);
  return true;
}

bool InputWindow::MapFile(size_t size, std::string* error) {
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd_, 0);
  if (map == MAP_FAILED) {
    *error = ReadError(errno);
    return false;
  }
  map_ = static_cast<const char*>(map);
  map_size_ = size;
  data_ = map_;
  Guard(map_, size, name_, shrunk_exit_code_);
  return true;
}

bool InputWindow::Extend(size_t more, std::string* error) {
  if (at_end_) return true;
  if (map_ == nullptr) return ReadMore(more, error);
  const size_t page = PageSize();
  const size_t from = end_ & ~(page - 1);
  end_ = std::min(map_size_, end_ + more);
  at_end_ = end_ == map_size_;
  // One call faults the window in; page by page costs several times more.
  // Kernels before 5.14 refuse it: the pages then fault in as they are read.
  ::madvise(const_cast<char*>(map_) + from, end_ - from, MADV_POPULATE_READ);
  return true;
}

bool InputWindow::ExtendToEnd(std::string* error) {
  while (!at_end_) {
    if (!Extend(std::max<size_t>(end_ - begin_, 1 << 20), error)) return false;
  }
  return true;
}

// Keeps only the bytes not yet released, at the front of the buffer, then
// reads until `more` bytes are added or the input ends.
bool InputWindow::ReadMore(size_t more, std::string* error) {
  buffer_.erase(0, begin_);
  end_ -= begin_;
  begin_ = 0;
  buffer_.resize(end_ + more);
  while (more > 0) {
    const ssize_t got = ::read(fd_, buffer_.data() + end_, more);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      *error = ReadError(errno);
      return false;
    }
    if (got == 0) {
      at_end_ = true;
      break;
    }
    end_ += static_cast<size_t>(got);
    more -= static_cast<size_t>(got);
  }
  buffer_.resize(end_);
  data_ = buffer_.data();
  return true;
}

void InputWindow::Release(size_t n) {
  begin_ += std::min(n, end_ - begin_);
  if (map_ == nullptr) return;
  const size_t upto = begin_ & ~(PageSize() - 1);
  if (upto <= dropped_) return;
  // Gives the used pages back: the resident size stays near one window.
  ::madvise(const_cast<char*>(map_) + dropped_, upto - dropped_, MADV_DONTNEED);
  dropped_ = upto;
}

}  // namespace leakrig::edge
