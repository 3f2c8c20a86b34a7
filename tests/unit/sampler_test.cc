#include "runner/sampler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <queue>

namespace leakrig::runner {
namespace {

class FakeClock final : public edge::Clock {
 public:
  TimePoint Now() const override { return now_; }
  void SleepFor(Duration d) override { now_ += d; }
  void Advance(Duration d) { now_ += d; }

 private:
  TimePoint now_{};
};

// Serves queued responses in order, then 503s.
class FakeSource final : public edge::ProfileSource {
 public:
  void Push(long status, std::string body) { queue_.push({status, std::move(body), "", false, 0}); }
  edge::FetchResult Fetch(const std::string& what) override {
    asked.push_back(what);
    if (queue_.empty()) return {503, "", "", false, 0};
    auto r = queue_.front();
    queue_.pop();
    return r;
  }
  std::vector<std::string> asked;

 private:
  std::queue<edge::FetchResult> queue_;
};

// Counts the way the runner does, on the documented first line.
std::optional<int64_t> CountFromHeader(std::string_view body) {
  constexpr std::string_view kHeader = "goroutine profile: total ";
  if (body.substr(0, kHeader.size()) != kHeader) return std::nullopt;
  return std::stoll(std::string(body.substr(kHeader.size())));
}

class SamplerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sampler_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  FakeClock clock_;
  FakeSource source_;
};

TEST_F(SamplerTest, RecordsCountPhaseAndSnapshotFile) {
  Sampler sampler(source_, clock_, CountFromHeader, dir_, std::chrono::milliseconds(250));
  source_.Push(200, "goroutine profile: total 4\n");
  source_.Push(200, "goroutine profile: total 90\n");
  ASSERT_TRUE(sampler.SampleOnce());
  clock_.Advance(std::chrono::milliseconds(250));
  sampler.SetPhase(verdict::Phase::kLoad);
  ASSERT_TRUE(sampler.SampleOnce());

  verdict::Series s = sampler.series();
  ASSERT_EQ(s.samples.size(), 2u);
  EXPECT_EQ(s.samples[0].goroutines, 4);
  EXPECT_EQ(s.samples[1].goroutines, 90);
  EXPECT_EQ(s.samples[1].phase, verdict::Phase::kLoad);
  EXPECT_DOUBLE_EQ(s.samples[1].seconds, 0.25);
  EXPECT_EQ(source_.asked[0], "goroutine?debug=1");
  EXPECT_TRUE(std::filesystem::exists(dir_ / "goroutine-0002-load.debug1.txt"));
}

TEST_F(SamplerTest, FailuresAreRecordedNotSampled) {
  Sampler sampler(source_, clock_, CountFromHeader, dir_, std::chrono::milliseconds(250));
  source_.Push(200, "<html>not a profile</html>");
  EXPECT_FALSE(sampler.SampleOnce());
  EXPECT_FALSE(sampler.SampleOnce());  // 503
  EXPECT_TRUE(sampler.series().samples.empty());
  auto errors = sampler.errors();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("goroutine?debug=1: not a whole goroutine profile"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("HTTP 503"), std::string::npos) << errors[1];
}

TEST_F(SamplerTest, SwitchesToProtoForGoodAfterALargeTextBody) {
  Sampler sampler(
      source_, clock_, [](std::string_view) { return 1; }, dir_, std::chrono::milliseconds(250));
  source_.Push(200, "goroutine profile: total 1\n");
  source_.Push(200, "goroutine profile: total 1\n" + std::string(300 << 10, '#'));  // labels galore
  source_.Push(200, "proto");
  source_.Push(200, "proto");
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(sampler.SampleOnce());
  EXPECT_EQ(source_.asked, (std::vector<std::string>{"goroutine?debug=1", "goroutine?debug=1", "goroutine?debug=0",
                                                     "goroutine?debug=0"}));
  EXPECT_EQ(sampler.files(),
            (std::vector<std::string>{"goroutine-0001-baseline.debug1.txt", "goroutine-0002-baseline.debug1.txt",
                                      "goroutine-0003-baseline.pb.gz", "goroutine-0004-baseline.pb.gz"}));
}

std::string ReadDump(const std::string& name) {
  std::ifstream in(std::string(LEAKRIG_SOURCE_DIR) + "/tests/testdata/dumps/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CountGoroutinesTest, CountsAWholeTextOrProtoProfile) {
  const std::string proto = ReadDump("go126_debug0.pb.gz");
  ASSERT_FALSE(proto.empty());
  EXPECT_EQ(CountGoroutines(proto), 27);
  EXPECT_EQ(CountGoroutines(ReadDump("go126_debug1.txt")), 27);
}

TEST(CountGoroutinesTest, RefusesCutAndForeignBodies) {
  const std::string whole = ReadDump("go126_debug0.pb.gz");
  EXPECT_EQ(CountGoroutines(whole.substr(0, whole.size() / 2)), std::nullopt);
  EXPECT_EQ(CountGoroutines(ReadDump("go126_debug1_cut.txt")), std::nullopt);
  EXPECT_EQ(CountGoroutines(ReadDump("go126_debug2.txt")), std::nullopt);  // no total to trust
  EXPECT_EQ(CountGoroutines("<html>not a profile</html>"), std::nullopt);
}

}  // namespace
}  // namespace leakrig::runner
