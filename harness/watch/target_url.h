// The watch target: the base URL of a service's pprof endpoints, as users
// type it. net/http/pprof and fasthttp's pprofhandler both serve
// <base>/debug/pprof/<profile>.

#ifndef LEAKRIG_WATCH_TARGET_URL_H_
#define LEAKRIG_WATCH_TARGET_URL_H_

#include <string>
#include <string_view>

namespace leakrig::watch {

struct PprofTarget {
  std::string pprof_base;  // ends with '/': pprof_base + "goroutine?debug=0"
  std::string host_port;   // "127.0.0.1:6060", for labels and folder names
  std::string error;       // why the URL is refused; empty when usable
};

// Why `url` is not http:// or https:// (any case), "" when it is.
std::string CheckHttpUrl(std::string_view url);

// Accepts http:// and https:// URLs only (CheckHttpUrl). "http://h:p", "http://h:p/" and
// "http://h:p/debug/pprof[/]" all mean "http://h:p/debug/pprof/"; any other
// path is taken as the pprof base itself (a service that mounts pprof
// elsewhere). Queries and fragments are refused.
PprofTarget ParsePprofTarget(std::string_view url);

// "127.0.0.1:6060" -> "127.0.0.1-6060": safe as a folder name.
std::string FolderName(std::string_view host_port);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_TARGET_URL_H_
