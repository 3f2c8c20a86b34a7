#include "edge/files.h"

#include <gtest/gtest.h>

namespace leakrig::edge {
namespace {

TEST(RunningExecutableTest, NamesThisTestBinary) { EXPECT_EQ(RunningExecutable().filename(), "harness_test"); }

}  // namespace
}  // namespace leakrig::edge
