// Temporary git worktrees of a user's repository: each revision of
// `compare` is checked out beside the user's working tree, which is never
// touched, and removed again afterwards.
#ifndef LEAKRIG_EDGE_GIT_WORKTREE_H_
#define LEAKRIG_EDGE_GIT_WORKTREE_H_

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace leakrig::edge {

// Runs git in one repository; every command's output is appended to `log_file`.
class GitRepo {
 public:
  // The repository holding `dir`; nullopt with *error set when there is none.
  static std::optional<GitRepo> Containing(const std::filesystem::path& dir, const std::filesystem::path& log_file,
                                           std::string* error);

  const std::filesystem::path& top() const { return top_; }
  // The full commit name of `revision`; nullopt with *error set when git knows no such commit.
  std::optional<std::string> ResolveCommit(const std::string& revision, std::string* error) const;
  // True when `git status --porcelain` lists anything.
  bool HasUncommittedChanges() const;
  // Runs `git ARGS` in the repository; true when it exits 0. Its stdout and stderr go to *output.
  bool Git(const std::vector<std::string>& args, std::string* output) const;

 private:
  GitRepo(std::filesystem::path top, std::filesystem::path log_file)
      : top_(std::move(top)), log_file_(std::move(log_file)) {}
  std::filesystem::path top_;
  std::filesystem::path log_file_;
};

// A detached worktree of one commit, removed (with `git worktree remove
// --force`) when destroyed.
class GitWorktree {
 public:
  static std::unique_ptr<GitWorktree> Add(const GitRepo& repo, const std::string& commit,
                                          const std::filesystem::path& path, std::string* error);
  ~GitWorktree();
  const std::filesystem::path& path() const { return path_; }

 private:
  GitWorktree(const GitRepo& repo, std::filesystem::path path) : repo_(repo), path_(std::move(path)) {}
  const GitRepo& repo_;
  std::filesystem::path path_;
};

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_GIT_WORKTREE_H_
