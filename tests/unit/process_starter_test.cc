// ProcessStarter against real processes: python3's http.server as a
// dependency that speaks HTTP on the port it is told, coreutils for setup.
#include "runner/process_starter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "edge/files.h"
#include "edge/http_fetch.h"
#include "edge/scratch_dir.h"

namespace leakrig::runner {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class ProcessStarterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("leakrig_process_starter_test_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  StartPlan Plan() const { return {dir_, {}, edge::InheritedEnvironment(), dir_, milliseconds(10000)}; }

  // python3 -m http.server on {port}, with a setup that writes into its data folder.
  static scenario::ServiceProcess Web() {
    scenario::ServiceProcess p;
    p.name = "web";
    p.command = {"python3", "-m", "http.server", "--bind", "127.0.0.1"};
    p.args = {"{port}", "--directory", "{data_dir}"};
    p.setup = {{"touch", "{data_dir}/made-by-setup"}};
    return p;
  }

  fs::path dir_;
};

bool Alive(int pid) { return ::kill(pid, 0) == 0; }

// The data folder a dependency's log names ("leakrig: data folder PATH").
fs::path DataFolderNamedIn(const fs::path& log) {
  std::ifstream in(log);
  constexpr std::string_view kNote = "leakrig: data folder ";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(kNote, 0) == 0) return line.substr(kNote.size());
  }
  return {};
}

TEST_F(ProcessStarterTest, StartsADependencyOnItsOwnPortThenStopsItAndRemovesItsDataFolder) {
  ProcessStarter starter(Plan());
  ASSERT_EQ(starter.StartDependencies({Web()}), "");
  const std::string address = starter.values().at("dep.web.addr");
  EXPECT_EQ(address, starter.values().at("addr"));
  // The setup ran before the server, in the folder the server serves.
  edge::FetchResult listing = edge::HttpGet("http://" + address + "/");
  EXPECT_EQ(listing.status, 200) << listing.Describe();
  EXPECT_NE(listing.body.find("made-by-setup"), std::string::npos) << listing.body;
  const fs::path data = starter.values().at("data_dir");
  EXPECT_EQ(edge::ScratchDirOwner(data.filename().string()), ::getpid()) << data;
  EXPECT_TRUE(fs::is_directory(data));

  std::unique_ptr<StartedProcesses> started = starter.Release();
  const int pid = started->last()->pid();
  EXPECT_EQ(started->Exited(), "");
  started->Stop();
  EXPECT_FALSE(Alive(pid));
  EXPECT_FALSE(fs::exists(data));
  std::string log, error;
  ASSERT_TRUE(edge::ReadFile((dir_ / "dependency-web.log").string(), &log, &error)) << error;
  EXPECT_NE(log.find("leakrig: data folder " + data.string()), std::string::npos) << log;
  EXPECT_NE(log.find("$ touch " + data.string() + "/made-by-setup"), std::string::npos) << log;
}

TEST(ScratchDirTest, RemovesOnlyTheFoldersOfLeakrigsThatAreGone) {
  // A pid that is gone: a child that has been reaped.
  const pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ASSERT_GT(gone, 0);
  ::waitpid(gone, nullptr, 0);
  const fs::path tmp = fs::temp_directory_path();
  const fs::path stale = tmp / ("leakrig-data-" + std::to_string(gone) + "-postgres-AbCdEf");
  const fs::path live = tmp / ("leakrig-data-" + std::to_string(::getppid()) + "-postgres-AbCdEf");
  const fs::path other = tmp / ("leakrig-data-x" + std::to_string(gone) + "-postgres");
  for (const fs::path& dir : {stale, live, other}) fs::create_directories(dir / "base");
  std::vector<fs::path> removed = edge::RemoveStaleScratchDirs();
  EXPECT_NE(std::find(removed.begin(), removed.end(), stale), removed.end());
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));   // its leakrig still runs
  EXPECT_TRUE(fs::exists(other));  // not a scratch folder's name
  fs::remove_all(live);
  fs::remove_all(other);
  EXPECT_EQ(edge::ScratchDirOwner("leakrig-data-123-postgres-XYZ"), 123);
  EXPECT_EQ(edge::ScratchDirOwner("leakrig-data--postgres"), 0);
  EXPECT_EQ(edge::ScratchDirOwner("leakrig-data-123"), 0);
}

TEST_F(ProcessStarterTest, AFailedSetupNamesTheCommandAndTheLogAndLeavesNoDataFolder) {
  scenario::ServiceProcess web = Web();
  web.setup.push_back({"ls", "{data_dir}/no-such-file"});
  {
    ProcessStarter starter(Plan());
    const std::string error = starter.StartDependencies({web});
    EXPECT_NE(error.find("web: its setup command ls failed (exit code 2)"), std::string::npos) << error;
    EXPECT_NE(error.find((dir_ / "dependency-web.log").string()), std::string::npos) << error;
    EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;  // the log's tail
  }
  const fs::path data = DataFolderNamedIn(dir_ / "dependency-web.log");
  EXPECT_FALSE(data.empty());
  EXPECT_FALSE(fs::exists(data)) << data;
}

TEST_F(ProcessStarterTest, AMissingCommandNamesWhereItWasLookedFor) {
  scenario::ServiceProcess web = Web();
  web.command = {"no-such-server"};
  web.command_dirs = {"/nonexistent/*/bin"};
  ProcessStarter starter(Plan());
  EXPECT_EQ(starter.StartDependencies({web}),
            "web: command \"no-such-server\" is neither in /nonexistent/*/bin nor on PATH");
}

TEST_F(ProcessStarterTest, ATakenPortEndsItBeforeItIsReadyWithTheLogsWord) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  scenario::ServiceProcess web = Web();
  web.addr = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  ProcessStarter starter(Plan());
  const std::string error = starter.StartDependencies({web});
  ::close(fd);
  EXPECT_NE(error.find("web exited before it was ready (exit code 1)"), std::string::npos) << error;
  EXPECT_NE(error.find("Address already in use"), std::string::npos) << error;
}

TEST_F(ProcessStarterTest, AReadyLineIsWaitedForInItsOwnOutputNotItsSetups) {
  scenario::ServiceProcess web = Web();
  web.command = {"python3", "-u", "-m", "http.server", "--bind", "127.0.0.1"};  // -u: each line as it comes
  web.ready_log = "Serving HTTP on";
  web.setup = {{"echo", "Serving HTTP on nothing yet"}};
  ProcessStarter starter(Plan());
  ASSERT_EQ(starter.StartDependencies({web}), "");
  std::string log, error;
  ASSERT_TRUE(edge::ReadFile((dir_ / "dependency-web.log").string(), &log, &error)) << error;
  EXPECT_NE(log.find("Serving HTTP on 127.0.0.1 port " + starter.values().at("dep.web.port")), std::string::npos)
      << log;

  web.name = "silent";
  web.command = {"sleep", "30"};
  web.args = {"{port}"};  // told, never listening, never saying anything
  web.setup.clear();
  StartPlan plan = Plan();
  plan.startup_timeout = milliseconds(300);
  ProcessStarter waiting(plan);
  const std::string timeout = waiting.StartDependencies({web});
  EXPECT_NE(timeout.find("silent was not ready within 0.3 s: " + (dir_ / "dependency-silent.log").string() +
                         " gave no line \"Serving HTTP on\" in its output"),
            std::string::npos)
      << timeout;
}

TEST_F(ProcessStarterTest, RecordsWhereADependencyServesItsProfiles) {
  scenario::ServiceProcess web = Web();
  web.pprof = "http://{addr}/debug/pprof/";
  ProcessStarter starter(Plan());
  ASSERT_EQ(starter.StartDependencies({web}), "");
  std::unique_ptr<StartedProcesses> started = starter.Release();
  ASSERT_EQ(started->profiles.size(), 1u);
  EXPECT_EQ(started->profiles[0].name, "web");
  EXPECT_EQ(started->profiles[0].pprof_base, "http://" + starter.values().at("dep.web.addr") + "/debug/pprof/");
}

TEST_F(ProcessStarterTest, ADependencyThatDiesIsNamedWithItsLog) {
  scenario::ServiceProcess web = Web();
  ProcessStarter starter(Plan());
  ASSERT_EQ(starter.StartDependencies({web}), "");
  std::unique_ptr<StartedProcesses> started = starter.Release();
  ::kill(started->last()->pid(), SIGKILL);
  ASSERT_TRUE(started->last()->Wait(milliseconds(5000)).has_value());
  EXPECT_EQ(started->Exited(), "web (killed by signal 9 (KILL)); see " + (dir_ / "dependency-web.log").string());
}

TEST(FindCommandTest, TakesTheHighestVersionOfAGlobbedFolderThenPath) {
  const fs::path root = fs::temp_directory_path() / ("leakrig_find_command_" + std::to_string(::getpid()));
  for (const char* version : {"9.6", "15", "16"}) {
    fs::create_directories(root / version / "bin");
    if (std::string(version) == "16") continue;  // 16 has no such command: 15 wins
    std::ofstream(root / version / "bin" / "server") << "";
    fs::permissions(root / version / "bin" / "server", fs::perms::owner_all);
  }
  EXPECT_EQ(edge::FindCommand("server", {(root / "*" / "bin").string()}), root / "15" / "bin" / "server");
  EXPECT_EQ(edge::FindCommand("sh", {(root / "*" / "bin").string()}), edge::FindExecutable("sh"));
  EXPECT_EQ(edge::FindCommand("no-such-command", {(root / "*" / "bin").string()}), std::nullopt);
  fs::remove_all(root);
}

TEST(LaunchAsUserTest, RunsAsTheUserWithItsGroups) {
  if (::geteuid() != 0) GTEST_SKIP() << "switching users needs root";
  const fs::path log = fs::temp_directory_path() / ("leakrig_launch_as_user_" + std::to_string(::getpid()));
  edge::LaunchSpec spec{*edge::FindExecutable("id"), {}, edge::InheritedEnvironment(), "/", log};
  spec.user = "nobody";
  edge::CapturedRun run = edge::RunCapturingOutput(spec, log, milliseconds(10000));
  fs::remove(log);
  ASSERT_TRUE(run.outcome.ok()) << run.outcome.error << run.output;
  EXPECT_NE(run.output.find("uid=65534(nobody)"), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("uid=0"), std::string::npos) << run.output;

  spec.user = "no-such-user";
  std::string error;
  EXPECT_EQ(edge::ChildProcess::Launch(spec, &error), nullptr);
  EXPECT_EQ(error, "there is no user \"no-such-user\" on this machine");
}

}  // namespace
}  // namespace leakrig::runner
