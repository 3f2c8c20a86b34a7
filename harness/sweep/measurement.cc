#include "sweep/measurement.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "verdict/stats.h"

namespace leakrig::sweep {
namespace {

using nlohmann::json;

// Reads a number field; false and *error when it is missing or not a number.
template <typename T>
bool ReadNumber(const json& object, const char* key, T* out, std::string* error) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) {
    *error = fmt::format("the report has no number \"{}\"", key);
    return false;
  }
  *out = it->get<T>();
  return true;
}

bool ReadNumbers(const json& j, FixtureReport* r, std::string* error) {
  return ReadNumber(j, "gomaxprocs", &r->gomaxprocs, error) && ReadNumber(j, "num_cpu", &r->num_cpu, error) &&
         ReadNumber(j, "goroutines", &r->goroutines, error) &&
         ReadNumber(j, "sleep_seconds", &r->sleep_seconds, error) &&
         ReadNumber(j, "iterations", &r->iterations, error) && ReadNumber(j, "wall_seconds", &r->wall_seconds, error) &&
         ReadNumber(j, "user_seconds", &r->user_seconds, error) &&
         ReadNumber(j, "sys_seconds", &r->sys_seconds, error) &&
         ReadNumber(j, "runnable_peak", &r->runnable_peak, error) &&
         ReadNumber(j, "threads_peak", &r->threads_peak, error) && ReadNumber(j, "samples", &r->samples, error) &&
         ReadNumber(j, "sampling_seconds", &r->sampling_seconds, error);
}

std::vector<std::string> SchedTraceWarnings(const SchedTrace& trace, const std::string& run) {
  std::vector<std::string> warnings;
  for (const auto& e : trace.errors) {
    warnings.push_back(fmt::format("{}: schedtrace line {}: {}", run, e.line, e.message));
  }
  return warnings;
}

}  // namespace

std::optional<FixtureReport> ParseFixtureReport(std::string_view line, std::string* error) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) {
    *error = fmt::format("the report is not a JSON object: \"{}\"", line.substr(0, 120));
    return std::nullopt;
  }
  FixtureReport report;
  auto workload = j.find("workload");
  if (workload == j.end() || !workload->is_string()) {
    *error = "the report has no string \"workload\"";
    return std::nullopt;
  }
  report.workload = workload->get<std::string>();
  if (!ReadNumbers(j, &report, error)) return std::nullopt;
  return report;
}

std::string StripStdoutCopies(std::string log, const std::vector<std::string>& stdout_lines) {
  for (const std::string& line : stdout_lines) {
    std::string copy = line + "\n";
    if (size_t at = log.find(copy); at != std::string::npos) log.erase(at, copy.size());
  }
  return log;
}

double RunMeasurement::CpuSeconds() const {
  return service ? service->user_seconds + service->sys_seconds : fixture.user_seconds + fixture.sys_seconds;
}

std::optional<double> RunMeasurement::CpuPerRequest() const {
  if (!service || !http || http->requests <= 0) return std::nullopt;
  return CpuSeconds() / static_cast<double>(http->requests);
}

std::optional<int64_t> RunMeasurement::RunnablePeak() const {
  return service ? service->runnable_peak : fixture.runnable_peak;
}

int64_t RunMeasurement::ThreadsPeak() const { return service ? service->threads_peak : fixture.threads_peak; }

std::optional<RunQueuePeaks> RunMeasurement::RunQueues() const {
  if (service) return std::nullopt;
  return runqueue;
}

double RunMeasurement::Samples() const { return static_cast<double>(service ? service->samples : fixture.samples); }

double RunMeasurement::SamplingSeconds() const { return service ? service->metrics_seconds : fixture.sampling_seconds; }

std::map<std::string, std::string> RunMeasurement::Unmeasured() const {
  std::map<std::string, std::string> missing;
  if (!service) return missing;
  if (!service->runnable_peak) missing[kRunnablePeak] = service->runnable_unmeasured;
  missing[kRunQueuePeak] = "the sweep leaves a service's GODEBUG alone, so there is no schedtrace to read";
  return missing;
}

namespace {

std::optional<RunMeasurement> MeasureServiceRun(const RunSpec& spec, const RunOutput& output, std::string* error) {
  if (!output.load) {
    *error = "the service's run has no load figures";
    return std::nullopt;
  }
  RunMeasurement m;
  m.spec = spec;
  m.service = output.service;
  m.http = output.load;
  for (const std::string& w : m.service->warnings) m.warnings.push_back(fmt::format("{}: {}", spec.Name(), w));
  m.service->warnings.clear();
  // The Go runtime always runs several threads: one means leakrig measured
  // some other process, such as a shell that started the service as its child.
  if (m.service->threads_peak < 2) {
    m.warnings.push_back(fmt::format(
        "{}: the process leakrig started ran on {} thread(s), and a Go service runs on several: if the manifest's "
        "command is a wrapper, make it exec the service, or these figures are the wrapper's",
        spec.Name(), m.service->threads_peak));
  }
  return m;
}

}  // namespace

std::optional<RunMeasurement> MeasureRun(const RunSpec& spec, const RunOutput& output, std::string* error) {
  if (!output.error.empty()) {
    *error = output.error;
    return std::nullopt;
  }
  if (output.service) return MeasureServiceRun(spec, output, error);
  if (output.stdout_lines.empty()) {
    *error = "the fixture printed no report";
    return std::nullopt;
  }
  RunMeasurement m;
  m.spec = spec;
  auto report = ParseFixtureReport(output.stdout_lines.back(), error);
  if (!report) return std::nullopt;
  m.fixture = std::move(*report);
  if (m.fixture.gomaxprocs != spec.gomaxprocs || m.fixture.workload != spec.workload) {
    *error = fmt::format("the fixture ran {} at GOMAXPROCS={}, not {} at {}", m.fixture.workload, m.fixture.gomaxprocs,
                         spec.workload, spec.gomaxprocs);
    return std::nullopt;
  }
  SchedTrace trace = ParseSchedTrace(StripStdoutCopies(output.log_text, output.stdout_lines));
  m.runqueue = PeakRunQueues(trace.samples);
  m.warnings = SchedTraceWarnings(trace, spec.Name());
  if (spec.sampled && trace.samples.empty()) {
    m.warnings.push_back(spec.Name() + ": no schedtrace line in the log; run-queue peaks read 0");
  }
  m.http = output.load;
  return m;
}

}  // namespace leakrig::sweep
