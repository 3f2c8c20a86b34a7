#include "edge/git_worktree.h"

#include <fmt/format.h>

#include "edge/process.h"

namespace leakrig::edge {
namespace fs = std::filesystem;
namespace {

constexpr auto kGitTimeout = std::chrono::seconds(120);

// git's output lands in a scratch file first, so that each command's own
// output can be read back, then joins the shared log.
bool RunGit(const fs::path& dir, const std::vector<std::string>& args, const fs::path& log_file, std::string* output) {
  auto git = FindExecutable("git");
  if (!git) {
    *output = "git is not on PATH";
    return false;
  }
  CapturedRun run = RunCapturingOutput({*git, args, InheritedEnvironment(), dir, {}}, log_file, kGitTimeout);
  *output = std::move(run.output);
  if (!run.outcome.error.empty()) *output += run.outcome.error;
  while (!output->empty() && output->back() == '\n') output->pop_back();
  return run.outcome.ok();
}

}  // namespace

std::optional<GitRepo> GitRepo::Containing(const fs::path& dir, const fs::path& log_file, std::string* error) {
  std::string output;
  if (!RunGit(dir, {"rev-parse", "--show-toplevel"}, log_file, &output)) {
    *error = fmt::format("{} is not in a git repository ({})", dir.string(), output);
    return std::nullopt;
  }
  return GitRepo(fs::path(output), log_file);
}

std::optional<std::string> GitRepo::ResolveCommit(const std::string& revision, std::string* error) const {
  std::string output;
  if (revision.empty() || revision[0] == '-' ||
      !Git({"rev-parse", "--verify", "--quiet", revision + "^{commit}"}, &output)) {
    *error = fmt::format("revision \"{}\" does not exist in {}", revision, top_.string());
    return std::nullopt;
  }
  return output;
}

bool GitRepo::HasUncommittedChanges() const {
  std::string output;
  return Git({"status", "--porcelain"}, &output) && !output.empty();
}

bool GitRepo::Git(const std::vector<std::string>& args, std::string* output) const {
  return RunGit(top_, args, log_file_, output);
}

std::unique_ptr<GitWorktree> GitWorktree::Add(const GitRepo& repo, const std::string& commit, const fs::path& path,
                                              std::string* error) {
  std::string output;
  if (!repo.Git({"worktree", "add", "--detach", path.string(), commit}, &output)) {
    *error = fmt::format("git worktree add {} {} failed: {}", path.string(), commit, output);
    return nullptr;
  }
  return std::unique_ptr<GitWorktree>(new GitWorktree(repo, path));
}

GitWorktree::~GitWorktree() {
  std::string ignored;
  repo_.Git({"worktree", "remove", "--force", path_.string()}, &ignored);
}

}  // namespace leakrig::edge
