// The scenario runner's I/O, passed in the way pprof's driver takes its
// Options (Fetch, UI, Writer): `run` and `suite` wire processes, HTTP and the
// system clock; unit tests wire fakes that serve dumps and advance time at
// once. The suite calls these from several worker threads at a time: each
// must be safe to call concurrently.
#ifndef LEAKRIG_RUNNER_RUNNER_IO_H_
#define LEAKRIG_RUNNER_RUNNER_IO_H_

#include <functional>
#include <memory>
#include <string>

#include "edge/background_load.h"
#include "edge/clock.h"
#include "edge/http_fetch.h"
#include "edge/profile_source.h"
#include "runner/fixture_session.h"

namespace leakrig::runner {

struct RunnerIo {
  // Starts a fixture and waits until it is ready; nullptr with *error set
  // otherwise (its output is in launch.log_file either way).
  std::function<std::unique_ptr<Fixture>(const FixtureLaunch& launch, std::string* error)> launch_fixture;
  // The profiles below `pprof_base`, "http://127.0.0.1:PORT/debug/pprof/".
  std::function<std::unique_ptr<edge::ProfileSource>(const std::string& pprof_base)> open_profiles;
  // A GET of a plain URL: the fixture's /debug/metrics.
  std::function<edge::FetchResult(const std::string& url)> fetch;
  // A load of `config`, not started yet, that times itself on `clock`.
  std::function<std::unique_ptr<edge::LoadHandle>(const edge::LoadConfig& config, const edge::Clock& clock)> make_load;
  std::shared_ptr<edge::Clock> clock;
};

// Real processes, HTTP, load and time.
RunnerIo SystemIo();

}  // namespace leakrig::runner

#endif  // LEAKRIG_RUNNER_RUNNER_IO_H_
