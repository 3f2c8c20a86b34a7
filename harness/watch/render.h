// The watch's text output: one line per interval, and the final summary.

#ifndef LEAKRIG_WATCH_RENDER_H_
#define LEAKRIG_WATCH_RENDER_H_

#include <string>
#include <string_view>

#include "watch/watch_result.h"
#include "watch/watcher.h"

namespace leakrig::watch {

// "leakrig/x/pkg.(*T).Method" -> "pkg.(*T).Method": the part after the
// last '/' that precedes the function's package.
std::string_view ShortFunction(std::string_view function);

//   "   6.0s  goroutines    612  +100.2/s rising  top +600/+100.0/s unbufferedsend.LeakyHandler.func1 [ALARM]"
std::string RenderIntervalLine(const IntervalStatus& status);

// The final summary: verdict, judged stacks, totals, the runtime's leak
// profile, the watch's cost and the load. Ends with a newline.
std::string RenderSummaryText(const WatchResult& result);

}  // namespace leakrig::watch

#endif  // LEAKRIG_WATCH_RENDER_H_
