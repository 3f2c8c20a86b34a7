// Checks on a manifest's errors, shared by the scenario and the service
// manifest tests.
#ifndef LEAKRIG_TESTS_UNIT_MANIFEST_ERRORS_H_
#define LEAKRIG_TESTS_UNIT_MANIFEST_ERRORS_H_

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/manifest.h"

namespace leakrig::scenario::testing {

// Every error on its own line: "where message".
inline std::string AllErrors(const std::vector<ManifestError>& errors) {
  std::string all;
  for (const ManifestError& e : errors) all += e.where + " " + e.message + "\n";
  return all;
}

// Succeeds when an error's line holds `text`; the failure lists every error.
inline ::testing::AssertionResult HasError(const std::vector<ManifestError>& errors, std::string_view text) {
  const std::string all = AllErrors(errors);
  if (all.find(text) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no error says \"" << text << "\"; the errors:\n" << all;
}

// Expects every one of `texts` among the errors.
inline void ExpectErrors(const std::vector<ManifestError>& errors, std::initializer_list<std::string_view> texts) {
  for (std::string_view text : texts) EXPECT_TRUE(HasError(errors, text));
}

}  // namespace leakrig::scenario::testing

#endif  // LEAKRIG_TESTS_UNIT_MANIFEST_ERRORS_H_
