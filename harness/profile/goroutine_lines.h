// Parsers for the line kinds of a per-goroutine dump (debug=2, tracebacks).
// Each takes one line without its '\n' and returns false when the line is
// not of its kind; none allocates. Views returned point into the line.

#ifndef LEAKRIG_PROFILE_GOROUTINE_LINES_H_
#define LEAKRIG_PROFILE_GOROUTINE_LINES_H_

#include <cstdint>
#include <string_view>

namespace leakrig::profile {

// A header may carry at most this many parts the parser does not know; more
// are counted but not kept.
inline constexpr int kMaxUnknownParts = 4;

struct GoroutineHeader {
  int64_t id = 0;
  std::string_view state;   // "chan send (nil chan)", "running", ...
  int32_t minutes = 0;      // 0 when the header prints none
  int64_t bubble = -1;      // ", synctest bubble N"; -1 outside a bubble
  uint8_t flags = 0;        // GoroutineFlag bits
  std::string_view labels;  // "{...}" as printed (either form), or empty
  // Parts a newer Go may print that this parser does not know, in order.
  std::string_view unknown[kMaxUnknownParts];
  int unknown_count = 0;  // all of them, also those past kMaxUnknownParts

  void AddUnknown(std::string_view part) {
    if (unknown_count < kMaxUnknownParts) unknown[unknown_count] = part;
    ++unknown_count;
  }
};

// The header grammar of Go 1.19 to 1.27 (runtime.goroutineheader):
//   goroutine ID [gp=P m=N mp=P | gp=P m=nil] "[" STATE [" (leaked)"]
//     [" (scan)"] [" (durable)"] [", N minutes"] [", locked to thread"]
//     [", synctest bubble N"] [" labels:{QUOTED: QUOTED, ...}"] "]"
//     [" {KEY: VALUE, ...}"] ":"
// The inside labels are Go 1.26's (GODEBUG=tracebacklabels=1), the outside
// ones Go 1.27's, quoted only when needed. Quoted strings may hold any of
// the separators. Examples:
//   goroutine 20 [chan send (nil chan), 3 minutes, locked to thread]:
//   goroutine 7 gp=0xc000007c00 m=nil [select (leaked) labels:{"k": "v"}]:
//   goroutine 19 [chan send] {handler: /api/orders, t: "a b, c"}:
//   goroutine 25 [chan receive (durable), synctest bubble 1] {k: v}:
// Any other part (", foo" in the bracket, " foo" before or after it) is kept
// in `unknown`, so a newer Go's header still reads. Linear in the line.
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

inline constexpr std::string_view kStackUnavailableLine = "\tgoroutine running on other thread; stack unavailable";

}  // namespace leakrig::profile

#endif  // LEAKRIG_PROFILE_GOROUTINE_LINES_H_
