// libFuzzer target for GODEBUG=schedtrace lines: any bytes must parse or give
// an error with its line number, never a crash or undefined behaviour.
//
//   scripts/sanitize    (builds with clang, ASan and UBSan, fuzzes every parser)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sweep/schedtrace.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)leakrig::sweep::ParseSchedTrace(text);
  std::string error;
  (void)leakrig::sweep::ParseSchedLine(text, &error);
  return 0;
}
