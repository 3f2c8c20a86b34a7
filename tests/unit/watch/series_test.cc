#include "watch/series.h"

#include <gtest/gtest.h>

#include <string>

#include "watch/signature_table.h"

namespace leakrig::watch {
namespace {

TEST(RingTest, KeepsTheLastValuesOldestFirst) {
  Ring<int> ring(3);
  for (int i = 1; i <= 5; ++i) ring.Push(i);
  ASSERT_EQ(ring.size(), 3u);
  EXPECT_EQ(ring[0], 3);
  EXPECT_EQ(ring[2], 5);
  EXPECT_EQ(ring.back(), 5);
  std::vector<double> last;
  ring.CopyLast(2, &last);
  EXPECT_EQ(last, (std::vector<double>{4, 5}));
}

TEST(DecimatedSeriesTest, HalvesWhenFullAndKeepsTheFirstPoint) {
  DecimatedSeries<int> series(4);
  for (int i = 0; i < 4; ++i) series.Add(i);
  EXPECT_EQ(series.points(), (std::vector<int>{0, 1, 2, 3}));
  series.Add(4);  // full: keeps 0, 2, then 4 on the stride-2 grid
  EXPECT_EQ(series.points(), (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(series.stride(), 2u);
  series.Add(5);  // off the grid: only the latest
  EXPECT_EQ(series.points(), (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(series.WithLast(), (std::vector<int>{0, 2, 4, 5}));
}

TEST(DecimatedSeriesTest, StaysBoundedOverAMillionPoints) {
  DecimatedSeries<int> series(100);
  for (int i = 0; i < 1'000'000; ++i) series.Add(i);
  EXPECT_LE(series.points().size(), 100u);
  EXPECT_EQ(series.points().front(), 0);
  for (size_t i = 1; i < series.points().size(); ++i) {
    EXPECT_EQ(series.points()[i] - series.points()[i - 1], static_cast<int>(series.stride()));
  }
  EXPECT_EQ(series.WithLast().back(), 999'999);
}

TEST(SignatureTableTest, InternsOncePerSignatureAndReusesIds) {
  SignatureTable table(2, 1 << 20);
  auto a = table.Add("main.a\nmain.main", "main.a");
  auto b = table.Add("main.b", "main.b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(table.Find("main.a\nmain.main"), a);
  EXPECT_EQ(table.top_function(*b), "main.b");
  EXPECT_FALSE(table.Add("main.c", "main.c").has_value()) << "full";
  table.Remove(*a);
  EXPECT_FALSE(table.Find("main.a\nmain.main").has_value());
  auto c = table.Add("main.c", "main.c");
  EXPECT_EQ(c, a) << "the freed id is reused";
  EXPECT_EQ(table.signature(*c), "main.c");
}

TEST(SignatureTableTest, RefusesSignaturesBeyondItsByteBudget) {
  SignatureTable table(100, 1000);
  EXPECT_TRUE(table.Add(std::string(600, 'a'), "a").has_value());
  EXPECT_FALSE(table.Add(std::string(600, 'b'), "b").has_value());
  EXPECT_TRUE(table.Add("short", "short").has_value());
}

}  // namespace
}  // namespace leakrig::watch
