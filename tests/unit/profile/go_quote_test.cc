#include "profile/go_quote.h"

#include <gtest/gtest.h>

namespace leakrig::profile {
namespace {

TEST(GoQuoteTest, UnquotesGoEscapes) {
  const struct {
    std::string give, want;
  } tests[] = {
      {R"("plain")", "plain"}, {R"("a \"b\"")", "a \"b\""}, {R"("tab\there\n")", "tab\there\n"},
      {R"("\x41\101")", "AA"}, {R"("\u00e9")", "\xc3\xa9"}, {R"("\U0001F600")", "\xf0\x9f\x98\x80"},
  };
  for (const auto& tt : tests) {
    std::string_view text = tt.give;
    std::string out;
    ASSERT_TRUE(ConsumeGoQuoted(&text, &out)) << tt.give;
    EXPECT_EQ(out, tt.want);
    EXPECT_TRUE(text.empty());
  }
}

TEST(GoQuoteTest, RejectsUnterminatedAndBadEscapes) {
  for (std::string_view bad : {R"("open)", R"("\q")", R"("\x4")", "x"}) {
    std::string out;
    EXPECT_FALSE(ConsumeGoQuoted(&bad, &out)) << bad;
  }
}

TEST(GoQuoteTest, ParsesBothLabelSetSpellings) {
  LabelPairs labels;
  std::string error;
  ASSERT_TRUE(ParseLabelSet(R"({"k":"v", "k2":"a, b"})", &labels, &error));
  ASSERT_TRUE(ParseLabelSet(R"({"x": "}"})", &labels, &error));
  const LabelPairs want = {{"k", "v"}, {"k2", "a, b"}, {"x", "}"}};
  EXPECT_EQ(labels, want);
  EXPECT_TRUE(ParseLabelSet("{}", &labels, &error));
  EXPECT_FALSE(ParseLabelSet(R"({"k" "v"})", &labels, &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
}  // namespace leakrig::profile
