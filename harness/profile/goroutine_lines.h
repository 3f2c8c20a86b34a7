// Copyright leakrig authors.
//
// Parsers for the line kinds of a per-goroutine dump (debug=2, tracebacks).
// Each takes one line without its '\n' and returns false when the line is
// not of its kind; none allocates. Views returned point into the line.

#ifndef LEAKRIG_HARNESS_PROFILE_GOROUTINE_LINES_H_
#define LEAKRIG_HARNESS_PROFILE_GOROUTINE_LINES_H_

#include <cstdint>
#include <string_view>

namespace leakrig::profile {

struct GoroutineHeader {
  int64_t id = 0;
  std::string_view state;   // "chan send (nil chan)", "running", ...
  int32_t minutes = 0;      // 0 when the header prints none
  uint8_t flags = 0;        // GoroutineFlag bits
  std::string_view labels;  // "{...}" or empty
};

// goroutine 20 [chan send (nil chan), 3 minutes, locked to thread]:
// goroutine 7 gp=0xc000007c00 m=nil [select (leaked) labels:{"k": "v"}]:
// goroutine 9 [select] {"k": "v"}:   (the form quoted in FACTS.md)
bool ParseGoroutineHeader(std::string_view line, GoroutineHeader* header);

// main.(*Server).handle(0xc000010000, {0x5a2f40, 0x3})  ->
// "main.(*Server).handle" Function names hold no blanks, which keeps prose such
// as "FAIL\tpkg (1s)" in a traceback's surroundings from reading as a frame.
bool ParseFunctionLine(std::string_view line, std::string_view* function);

struct FileLine {
  std::string_view file;
  int32_t line = 0;
};

// \t/src/main.go:16 +0x25 fp=0xc000 sp=0xc000 pc=0x4a   (all after :16
// optional)
bool ParseFileLine(std::string_view line, FileLine* file_line);

struct CreatedBy {
  std::string_view function;
  int64_t goroutine_id = -1;  // -1 before Go 1.21, which printed no id
};

// created by main.main in goroutine 1
// created by main.main                 (Go 1.19 and 1.20)
bool ParseCreatedByLine(std::string_view line, CreatedBy* created_by);

// ...12 frames elided...        (Go 1.21+, between inner and outer frames)
// ...additional frames elided...  (older Go, after the first 100 frames)
bool IsElisionLine(std::string_view line);

inline constexpr std::string_view kStackUnavailableLine =
    "\tgoroutine running on other thread; stack unavailable";

}  // namespace leakrig::profile

#endif  // LEAKRIG_HARNESS_PROFILE_GOROUTINE_LINES_H_
