#include <gtest/gtest.h>

#include <string>

#include "golden.h"
#include "profile.pb.h"
#include "profile/parse_dump.h"

namespace leakrig::profile {
namespace {

namespace pb = ::perftools::profiles;

// A goroutine profile as Go writes it: 3 goroutines on one stack whose leaf
// location inlines two functions, one labelled.
std::string RawProfile() {
  pb::Profile p;
  for (const char* s :
       {"", "goroutine", "count", "main.send", "/src/main.go", "main.inlined", "runtime.gopark", "tenant", "a"}) {
    p.add_string_table(s);
  }
  auto* type = p.add_sample_type();
  type->set_type(1);
  type->set_unit(2);
  auto add_function = [&](uint64_t id, int64_t name) {
    auto* f = p.add_function();
    f->set_id(id);
    f->set_name(name);
    f->set_filename(4);
  };
  add_function(1, 3);
  add_function(2, 5);
  add_function(3, 6);
  auto* leaf = p.add_location();
  leaf->set_id(10);
  leaf->add_line()->set_function_id(3);
  auto* inlined = p.add_location();
  inlined->set_id(11);
  auto* l1 = inlined->add_line();
  l1->set_function_id(2);
  l1->set_line(7);
  auto* l2 = inlined->add_line();
  l2->set_function_id(1);
  l2->set_line(12);
  auto* sample = p.add_sample();
  sample->add_location_id(10);
  sample->add_location_id(11);
  sample->add_value(3);
  auto* label = sample->add_label();
  label->set_key(7);
  label->set_str(8);
  return p.SerializeAsString();
}

TEST(ProtoParserTest, ReadsRawProfile) {
  const Snapshot s = ParseDump(RawProfile());
  EXPECT_EQ(s.format(), DumpFormat::kProto);
  EXPECT_TRUE(s.errors().empty());
  ASSERT_EQ(s.goroutines().size(), 1u);
  const Goroutine& g = s.goroutines()[0];
  EXPECT_EQ(g.count, 3);
  const auto stack = s.stack(g.stack);
  ASSERT_EQ(stack.size(), 3u);  // leaf first, inlined callee before caller
  EXPECT_EQ(s.str(s.frame(stack[0]).function), "runtime.gopark");
  EXPECT_EQ(s.str(s.frame(stack[1]).function), "main.inlined");
  EXPECT_EQ(s.str(s.frame(stack[2]).function), "main.send");
  EXPECT_EQ(s.frame(stack[2]).line, 12);
  ASSERT_EQ(s.labels(g.labels).size(), 1u);
  EXPECT_EQ(s.str(s.labels(g.labels)[0].value), "a");
}

TEST(ProtoParserTest, ReadsGzippedGoldenProfile) {
  const Snapshot s = ParseDump(golden::ReadFileOrFail(std::string(LEAKRIG_TESTDATA_DIR) + "/go126_debug0.pb.gz"));
  EXPECT_EQ(s.format(), DumpFormat::kProto);
  EXPECT_EQ(s.total(), 27);
  EXPECT_FALSE(s.truncated());
}

TEST(ProtoParserTest, FlagsCutGzipStream) {
  const std::string whole = golden::ReadFileOrFail(std::string(LEAKRIG_TESTDATA_DIR) + "/go126_debug0.pb.gz");
  const Snapshot s = ParseDump(whole.substr(0, whole.size() / 2));
  EXPECT_TRUE(s.truncated());
  ASSERT_FALSE(s.errors().empty());
  EXPECT_EQ(s.goroutines().size(), 0u);
}

TEST(ProtoParserTest, RejectsBadIndexesWithoutCrashing) {
  pb::Profile p;
  p.add_string_table("");
  auto* f = p.add_function();
  f->set_id(1);
  f->set_name(99);  // out of range
  auto* sample = p.add_sample();
  sample->add_location_id(42);  // no such location
  sample->add_value(1);
  const Snapshot s = ParseDump(p.SerializeAsString());
  EXPECT_EQ(s.format(), DumpFormat::kProto);
  EXPECT_GE(s.errors().size(), 2u);
}

TEST(ProtoParserTest, ReportsGarbageAfterGzipMagic) {
  const Snapshot s = ParseDump(std::string("\x1f\x8b\x08garbage", 10));
  EXPECT_EQ(s.format(), DumpFormat::kProto);
  EXPECT_FALSE(s.errors().empty());
}

}  // namespace
}  // namespace leakrig::profile
