#include "edge/files.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>

namespace leakrig::edge {

std::string WriteFileAtomic(const std::filesystem::path& path, std::string_view content, Durability durability) {
  std::ostringstream tid;
  tid << std::this_thread::get_id();
  std::filesystem::path temp = path;
  temp += fmt::format(".tmp-{}-{}", ::getpid(), tid.str());
  FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) return fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
  size_t written = std::fwrite(content.data(), 1, content.size(), f);
  bool flushed = std::fflush(f) == 0 && (durability == Durability::kAtomicOnly || ::fsync(::fileno(f)) == 0);
  int saved_errno = errno;
  std::fclose(f);
  if (written != content.size() || !flushed) {
    std::remove(temp.c_str());
    return fmt::format("cannot write {}: {}", path.string(), std::strerror(saved_errno ? saved_errno : EIO));
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    int e = errno;
    std::remove(temp.c_str());
    return fmt::format("cannot move {} into place: {}", path.string(), std::strerror(e));
  }
  return "";
}

bool ReadFile(const std::string& path, std::string* content, std::string* error) {
  if (path == "-") {
    content->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot read {}: {}", path, std::strerror(errno));
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = std::move(buffer).str();
  return true;
}

std::filesystem::path RunningExecutable() {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
}

}  // namespace leakrig::edge
