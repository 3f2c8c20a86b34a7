#include "edge/input_window.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace leakrig::edge {
namespace {

namespace fs = std::filesystem;

constexpr int kShrunkExit = 3;

std::string Pattern(size_t size) {
  std::string data(size, '\0');
  for (size_t i = 0; i < size; ++i) data[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
  return data;
}

// Resident file-backed memory of this process, from /proc (kB).
long ResidentFileKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("RssFile:")) return std::stol(line.substr(8));
  }
  return -1;
}

class InputWindowTest : public ::testing::Test {
 protected:
  void SetUp() override { path_ = fs::temp_directory_path() / ("leakrig_input_window_" + std::to_string(::getpid())); }
  void TearDown() override { fs::remove(path_); }
  void Write(const std::string& data) { std::ofstream(path_, std::ios::binary) << data; }

  // Reads the whole input in windows of `window`, releasing `keep`-less
  // prefixes as a parser would.
  static std::string ReadInWindows(InputWindow* input, size_t window) {
    std::string got, error;
    while (true) {
      EXPECT_TRUE(input->Extend(window, &error)) << error;
      const std::string_view bytes = input->bytes();
      const size_t used = bytes.size() / 2;
      got.append(bytes.substr(0, used));
      input->Release(used);
      if (input->at_end()) break;
    }
    got.append(input->bytes());
    return got;
  }

  fs::path path_;
};

TEST_F(InputWindowTest, AMappedFileComesWindowByWindow) {
  const std::string data = Pattern(3'000'017);
  Write(data);
  InputWindow input(kShrunkExit);
  std::string error;
  ASSERT_TRUE(input.Open(path_, &error)) << error;
  ASSERT_TRUE(input.Extend(1'000'000, &error));
  EXPECT_EQ(input.bytes(), std::string_view(data).substr(0, 1'000'000));
  EXPECT_FALSE(input.at_end());
  input.Release(400'001);
  EXPECT_EQ(input.bytes(), std::string_view(data).substr(400'001, 599'999));
  ASSERT_TRUE(input.ExtendToEnd(&error));
  EXPECT_TRUE(input.at_end());
  EXPECT_EQ(input.bytes(), std::string_view(data).substr(400'001));
}

TEST_F(InputWindowTest, WindowsOfAnySizeGiveEveryByteOnce) {
  const std::string data = Pattern(1'234'567);
  Write(data);
  for (const size_t window : {size_t{1000}, size_t{65536}, size_t{5'000'000}}) {
    InputWindow input(kShrunkExit);
    std::string error;
    ASSERT_TRUE(input.Open(path_, &error)) << error;
    EXPECT_EQ(ReadInWindows(&input, window), data) << window;
  }
}

TEST_F(InputWindowTest, ReleasedPagesLeaveTheResidentSize) {
  const std::string data = Pattern(32 << 20);
  Write(data);
  InputWindow input(kShrunkExit);
  std::string error;
  ASSERT_TRUE(input.Open(path_, &error)) << error;
  const long before = ResidentFileKb();
  ASSERT_TRUE(input.ExtendToEnd(&error));
  const long mapped = ResidentFileKb();
  input.Release(data.size() - 1);
  const long released = ResidentFileKb();
  EXPECT_GT(mapped - before, 30 << 10) << "the window's pages were faulted in";
  EXPECT_LT(released - before, 1 << 10) << "and given back once released";
  EXPECT_EQ(input.bytes(), data.substr(data.size() - 1));
}

TEST_F(InputWindowTest, APipeIsReadIntoABufferThatKeepsOnlyWhatIsLeft) {
  const std::string data = Pattern(2'500'000);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::thread writer([&] {
    for (size_t at = 0; at < data.size(); at += 70'000) {
      const std::string_view chunk = std::string_view(data).substr(at, 70'000);
      EXPECT_EQ(::write(fds[1], chunk.data(), chunk.size()), static_cast<ssize_t>(chunk.size()));
    }
    ::close(fds[1]);
  });
  InputWindow input(kShrunkExit);
  std::string error;
  ASSERT_TRUE(input.Adopt(fds[0], "pipe", &error)) << error;
  EXPECT_EQ(ReadInWindows(&input, 300'000), data);
  writer.join();
}

TEST_F(InputWindowTest, AnEmptyFileIsAtItsEndAtOnce) {
  Write("");
  InputWindow input(kShrunkExit);
  std::string error;
  ASSERT_TRUE(input.Open(path_, &error) && input.Extend(100, &error)) << error;
  EXPECT_TRUE(input.at_end());
  EXPECT_EQ(input.bytes(), "");
}

TEST_F(InputWindowTest, WhatCannotBeReadIsNamed) {
  InputWindow missing(kShrunkExit);
  std::string error;
  EXPECT_FALSE(missing.Open("/nonexistent/dump.txt", &error));
  EXPECT_EQ(error, "cannot read /nonexistent/dump.txt: No such file or directory");
  InputWindow directory(kShrunkExit);
  const std::string dir = fs::temp_directory_path();
  EXPECT_TRUE(directory.Open(dir, &error));
  EXPECT_FALSE(directory.Extend(100, &error));
  EXPECT_EQ(error, "cannot read " + dir + ": Is a directory");
}

TEST_F(InputWindowTest, AFileTruncatedWhileMappedEndsTheProcessWithOneLine) {
  Write(Pattern(1 << 20));
  EXPECT_EXIT(
      {
        InputWindow input(kShrunkExit);
        std::string error;
        if (!input.Open(path_, &error) || !input.Extend(1 << 20, &error)) ::_exit(1);
        fs::resize_file(path_, 0);
        volatile char last = input.bytes().back();
        (void)last;
        ::_exit(0);
      },
      ::testing::ExitedWithCode(kShrunkExit), "leakrig: .*leakrig_input_window_.*: the file shrank while it was read");
}

}  // namespace
}  // namespace leakrig::edge
