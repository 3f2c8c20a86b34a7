// Counts heap bytes through replaced global operator new/delete, so the
// benchmark can report the parser's peak memory beside its speed.

#ifndef LEAKRIG_TESTS_BENCH_ALLOC_COUNTER_H_
#define LEAKRIG_TESTS_BENCH_ALLOC_COUNTER_H_

#include <cstddef>

namespace leakrig::bench {

size_t LiveHeapBytes();
size_t PeakHeapBytes();
// Sets the peak to the bytes live now, to measure one phase's peak.
void ResetPeakHeapBytes();

}  // namespace leakrig::bench

#endif  // LEAKRIG_TESTS_BENCH_ALLOC_COUNTER_H_
