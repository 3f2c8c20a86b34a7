#include "dump_generator.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace leakrig::bench {
namespace {

// A tiny deterministic generator: the benchmark input must not depend on
// the standard library's distributions, which vary between versions.
class Lcg {
 public:
  explicit Lcg(unsigned seed) : state_(seed * 2654435761u + 1) {}
  unsigned Next(unsigned bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<unsigned>(state_ >> 33) % bound;
  }

 private:
  unsigned long long state_;
};

constexpr std::array<std::string_view, 8> kStates = {"chan send", "chan receive",           "select",
                                                     "IO wait",   "sync.Mutex.Lock",        "sync.WaitGroup.Wait",
                                                     "sleep",     "chan receive (nil chan)"};

constexpr std::array<std::string_view, 12> kFunctions = {"app/worker.(*Pool).run.func1",
                                                         "app/api.(*Server).create",
                                                         "app/store.(*Repo).Get",
                                                         "app/cache.(*LRU).refresh",
                                                         "net/http.(*conn).serve",
                                                         "net/http.HandlerFunc.ServeHTTP",
                                                         "app/queue.(*Consumer).loop",
                                                         "app/api.LeakyHandler.func1",
                                                         "app/group.(*Group).Go.func1",
                                                         "app/retry.Do",
                                                         "main.main.func3",
                                                         "app/metrics.(*Reporter).flush"};

void AppendFrame(Lcg& rng, std::string_view function, int line, bool args, std::string* out) {
  char buf[96];
  *out += function;
  if (args) {
    std::snprintf(buf, sizeof(buf), "(0xc%09x, 0x%x)\n", rng.Next(1u << 30), rng.Next(64));
    *out += buf;
  } else {
    *out += "(...)\n";
  }
  *out += "\t/src/app/";
  *out += function.substr(function.rfind('/') + 1, 6);
  std::snprintf(buf, sizeof(buf), ".go:%d", line);
  *out += buf;
  if (args) {
    std::snprintf(buf, sizeof(buf), " +0x%x", 0x20 + line % 400);
    *out += buf;
  }
  *out += '\n';
}

// One record; its stack shape comes from `shape`, so shapes repeat the way
// a leak repeats one stack thousands of times.
void AppendRecord(Lcg& rng, size_t id, unsigned shape, std::string* out) {
  char header[96];
  const std::string_view state = kStates[shape % kStates.size()];
  const unsigned minutes = shape % 5 == 0 ? rng.Next(90) : 0;
  if (minutes > 0) {
    std::snprintf(header, sizeof(header), "goroutine %zu [%.*s, %u minutes]:\n", id, static_cast<int>(state.size()),
                  state.data(), minutes);
  } else {
    std::snprintf(header, sizeof(header), "goroutine %zu [%.*s]:\n", id, static_cast<int>(state.size()), state.data());
  }
  *out += header;
  const unsigned depth = 3 + shape % 5;
  for (unsigned f = 0; f < depth; ++f) {
    const auto& function = kFunctions[(shape * 7 + f * 3) % kFunctions.size()];
    AppendFrame(rng, function, 40 + static_cast<int>((shape * 13 + f) % 900), f % 2 == 0, out);
  }
  *out += "created by ";
  *out += kFunctions[shape % kFunctions.size()];
  std::snprintf(header, sizeof(header), " in goroutine %u\n", 1 + shape % 50);
  *out += header;
  *out += "\t/src/app/main.go:77 +0x1c5\n\n";
}

}  // namespace

std::string MakeGoroutineDump(size_t goroutines, unsigned seed) {
  Lcg rng(seed);
  std::string out;
  out.reserve(goroutines * 360);
  for (size_t i = 0; i < goroutines; ++i) {
    // 90% of goroutines sit on 8 leak stacks, the rest on 200 others.
    const unsigned shape = rng.Next(10) < 9 ? rng.Next(8) : 8 + rng.Next(200);
    AppendRecord(rng, i + 1, shape, &out);
  }
  return out;
}

std::string MakeCutGoroutineDump(size_t size, unsigned seed) {
  std::string dump = MakeGoroutineDump(size / 300 + 1, seed);
  while (dump.size() < size) dump += MakeGoroutineDump(10000, ++seed);
  dump.resize(size);
  return dump;
}

}  // namespace leakrig::bench
