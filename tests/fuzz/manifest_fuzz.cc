// libFuzzer target for scenario manifests: any bytes must give a manifest or
// a list of errors, never a crash, a leak or undefined behaviour.
//
//   scripts/sanitize    (builds with clang, ASan and UBSan, fuzzes every parser)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scenario/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  leakrig::scenario::ParsedManifest parsed = leakrig::scenario::ParseManifest(text, "fuzz.toml");
  // Either a scenario or at least one error; never both, never neither.
  if (parsed.scenario.has_value() == !parsed.errors.empty()) __builtin_trap();
  return 0;
}
