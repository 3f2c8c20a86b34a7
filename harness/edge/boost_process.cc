// The one translation unit that compiles Boost.Process v2: with Boost 1.81,
// including its headers alone leaves its out-of-line functions undefined at
// link time, so BOOST_PROCESS_V2_SEPARATE_COMPILATION is set and they are
// compiled here, once.
#include <boost/process/v2/src.hpp>
