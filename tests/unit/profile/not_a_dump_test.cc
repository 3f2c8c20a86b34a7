#include "profile/not_a_dump.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "golden.h"
#include "profile.pb.h"
#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

namespace pb = ::perftools::profiles;

const std::string kDumps = LEAKRIG_TESTDATA_DIR;

std::string Why(const std::string& data) { return WhyNotADump(data, ParseDump(data)); }

std::string RandomBytes(size_t size) {
  std::mt19937 random(13);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(random() & 0xFF);
  return out;
}

// A profile.proto whose first sample type is `type`, as net/http/pprof
// serves the heap ("alloc_objects") or CPU ("samples") profile.
std::string ProfileOfType(const std::string& type, const std::string& unit) {
  pb::Profile p;
  p.add_string_table("");
  p.add_string_table(type);
  p.add_string_table(unit);
  auto* t = p.add_sample_type();
  t->set_type(1);
  t->set_unit(2);
  p.add_sample()->add_value(7);
  return p.SerializeAsString();
}

TEST(NotADumpTest, SaysWhatTheInputLooksLike) {
  const std::string gz = golden::ReadFileOrFail(kDumps + "/go126_debug0.pb.gz");
  const std::string debug2 = golden::ReadFileOrFail(kDumps + "/go126_debug2.txt");
  const struct {
    std::string name;
    std::string give;
    std::string want;  // a substring of the one line
  } tests[] = {
      {"empty", "", "an empty file"},
      {"blank lines", "\n \n", "an empty file"},
      {"random bytes", RandomBytes(2 << 20), "neither gzip nor a profile.proto"},
      {"proxy error page", "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>",
       "an HTML page titled \"502 Bad Gateway\""},
      {"json", "{\"error\": \"unauthorized\"}\n", "a JSON body"},
      {"heap profile", ProfileOfType("alloc_objects", "count"), "a heap profile (sample types alloc_objects/count)"},
      {"cpu profile", ProfileOfType("samples", "count"), "a CPU profile"},
      {"gzip cut short", gz.substr(0, gz.size() / 2), "a gzip stream cut short"},
      {"only record cut", debug2.substr(0, debug2.find("\n\t")), "a debug=2 dump with no whole goroutine record"},
      {"plain text", "hello\n", "text with no goroutine header"},
  };
  for (const auto& tt : tests) {
    const std::string got = Why(tt.give);
    EXPECT_NE(got.find(tt.want), std::string::npos) << tt.name << ": " << got;
    EXPECT_EQ(got.find('\n'), std::string::npos) << tt.name;
  }
}

TEST(NotADumpTest, AcceptsDumpsEvenPartlyRead) {
  const std::string cut = golden::ReadFileOrFail(kDumps + "/go126_debug2_cut.txt");
  EXPECT_EQ(Why(cut), "");  // 19 whole records before the cut
  EXPECT_EQ(Why(golden::ReadFileOrFail(kDumps + "/go126_debug0.pb.gz")), "");
  EXPECT_EQ(Why(ProfileOfType("goroutine", "count")), "");
}

}  // namespace
}  // namespace leakrig::profile
