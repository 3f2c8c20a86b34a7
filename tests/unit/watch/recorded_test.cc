// Copyright leakrig authors.
// Recorded series: filled in below.
#include <gtest/gtest.h>
