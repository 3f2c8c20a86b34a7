// The one translation unit that compiles Boost.Process v2 (see FACTS.md §5:
// header-only use of 1.81 does not link).
#include <boost/process/v2/src.hpp>
