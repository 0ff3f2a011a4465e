/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_time.h>

#include <math.h>

#include "tern_test.h"

static avs_time_duration_t dur(int64_t s, int32_t ns) {
    avs_time_duration_t d;
    d.seconds = s;
    d.nanoseconds = ns;
    return d;
}

#define TT_DUR(actual, s, ns)                                                  \
    do {                                                                       \
        avs_time_duration_t tt_d__ = (actual);                                 \
        TT_CHECK(avs_time_duration_valid(tt_d__));                             \
        TT_EQ(tt_d__.seconds, (s));                                            \
        TT_EQ(tt_d__.nanoseconds, (ns));                                       \
    } while (0)

#define TT_INVALID(actual) TT_CHECK(!avs_time_duration_valid(actual))

static void constants_and_validity(void) {
    TT_INVALID(AVS_TIME_DURATION_INVALID);
    TT_DUR(AVS_TIME_DURATION_ZERO, 0, 0);
    TT_CHECK(!avs_time_real_valid(AVS_TIME_REAL_INVALID));
    TT_CHECK(!avs_time_monotonic_valid(AVS_TIME_MONOTONIC_INVALID));
    TT_INVALID(dur(5, 1000000000));
    TT_INVALID(dur(5, -1));
    TT_CHECK(avs_time_duration_valid(dur(-5, 999999999)));
}

static void compare(void) {
    TT_CHECK(avs_time_duration_less(dur(-1, 999999999), dur(0, 0)));
    TT_CHECK(avs_time_duration_less(dur(1, 1), dur(1, 2)));
    TT_CHECK(!avs_time_duration_less(dur(1, 2), dur(1, 2)));
    TT_CHECK(!avs_time_duration_less(AVS_TIME_DURATION_INVALID, dur(1, 0)));
    TT_CHECK(!avs_time_duration_less(dur(1, 0), AVS_TIME_DURATION_INVALID));
    TT_CHECK(avs_time_duration_equal(dur(3, 4), dur(3, 4)));
    TT_CHECK(avs_time_duration_equal(AVS_TIME_DURATION_INVALID,
                                     dur(0, 1000000000)));
    TT_CHECK(!avs_time_duration_equal(AVS_TIME_DURATION_INVALID,
                                      AVS_TIME_DURATION_ZERO));
}

static void add_and_diff(void) {
    TT_DUR(avs_time_duration_add(dur(1, 600000000), dur(2, 500000000)), 4,
           100000000);
    /* -0.5 s + -0.7 s = -1.2 s, stored as -2 s + 0.8 s. */
    TT_DUR(avs_time_duration_add(dur(-1, 500000000), dur(-1, 300000000)), -2,
           800000000);
    TT_DUR(avs_time_duration_diff(dur(1, 0), dur(1, 500000000)), -1, 500000000);
    TT_DUR(avs_time_duration_diff(dur(0, 0), dur(0, 1)), -1, 999999999);
    TT_INVALID(avs_time_duration_add(dur(INT64_MAX, 600000000),
                                     dur(0, 400000000)));
    TT_INVALID(avs_time_duration_add(dur(INT64_MAX, 0), dur(1, 0)));
    TT_DUR(avs_time_duration_add(dur(INT64_MAX, 500000000), dur(-1, 600000000)),
           INT64_MAX, 100000000);
    TT_INVALID(avs_time_duration_diff(dur(INT64_MIN, 0), dur(0, 1)));
    TT_DUR(avs_time_duration_diff(dur(INT64_MIN, 5), dur(-1, 6)), INT64_MIN,
           999999999);
    TT_INVALID(avs_time_duration_add(AVS_TIME_DURATION_INVALID, dur(1, 0)));
    TT_INVALID(avs_time_duration_diff(dur(1, 0), AVS_TIME_DURATION_INVALID));
}

static void mul_div(void) {
    TT_DUR(avs_time_duration_mul(dur(1, 500000000), 3), 4, 500000000);
    TT_DUR(avs_time_duration_mul(dur(1, 500000000), -3), -5, 500000000);
    TT_DUR(avs_time_duration_mul(dur(-1, 500000000), -2), 1, 0);
    TT_DUR(avs_time_duration_mul(dur(7, 3), 0), 0, 0);
    TT_INVALID(avs_time_duration_mul(dur(INT64_MAX / 2 + 1, 0), 2));
    TT_INVALID(avs_time_duration_mul(AVS_TIME_DURATION_INVALID, 2));

    TT_DUR(avs_time_duration_div(dur(3, 0), 2), 1, 500000000);
    /* Rounded toward negative infinity, in nanoseconds. */
    TT_DUR(avs_time_duration_div(dur(0, 1), 2), 0, 0);
    TT_DUR(avs_time_duration_div(dur(-1, 999999999), 2), -1, 999999999);
    TT_DUR(avs_time_duration_div(dur(0, 1), -2), -1, 999999999);
    TT_DUR(avs_time_duration_div(dur(-3, 0), -2), 1, 500000000);
    TT_DUR(avs_time_duration_div(dur(INT64_MIN, 0), -2), INT64_MAX / 2 + 1, 0);
    TT_INVALID(avs_time_duration_div(dur(INT64_MIN, 0), -1));
    TT_INVALID(avs_time_duration_div(dur(1, 0), 0));
    TT_INVALID(avs_time_duration_div(AVS_TIME_DURATION_INVALID, 1));
}

static void fmul(void) {
    TT_DUR(avs_time_duration_fmul(dur(2, 0), 1.5), 3, 0);
    TT_DUR(avs_time_duration_fmul(dur(1, 0), -0.25), -1, 750000000);
    TT_DUR(avs_time_duration_fmul(dur(0, 100), 0.5), 0, 50);
    TT_DUR(avs_time_duration_fmul(dur(1000000000, 1), 2.0), 2000000000, 2);
    TT_INVALID(avs_time_duration_fmul(dur(1, 0), INFINITY));
    TT_INVALID(avs_time_duration_fmul(dur(1, 0), NAN));
    TT_INVALID(avs_time_duration_fmul(dur(INT64_MAX / 2, 0), 3.0));
    TT_INVALID(avs_time_duration_fmul(AVS_TIME_DURATION_INVALID, 1.0));
}

static void from_scalar(void) {
    TT_DUR(avs_time_duration_from_scalar(2, AVS_TIME_DAY), 172800, 0);
    TT_DUR(avs_time_duration_from_scalar(-1, AVS_TIME_HOUR), -3600, 0);
    TT_DUR(avs_time_duration_from_scalar(3, AVS_TIME_MIN), 180, 0);
    TT_DUR(avs_time_duration_from_scalar(-7, AVS_TIME_S), -7, 0);
    TT_DUR(avs_time_duration_from_scalar(1500, AVS_TIME_MS), 1, 500000000);
    TT_DUR(avs_time_duration_from_scalar(-1, AVS_TIME_MS), -1, 999000000);
    TT_DUR(avs_time_duration_from_scalar(-1500001, AVS_TIME_US), -2, 499999000);
    TT_DUR(avs_time_duration_from_scalar(-1, AVS_TIME_NS), -1, 999999999);
    TT_DUR(avs_time_duration_from_scalar(INT64_MIN, AVS_TIME_NS),
           INT64_MIN / 1000000000 - 1, 145224192);
    TT_INVALID(
            avs_time_duration_from_scalar(INT64_MAX / 86400 + 1, AVS_TIME_DAY));
    TT_INVALID(avs_time_duration_from_scalar(INT64_MIN / 60 - 1, AVS_TIME_MIN));
}

static void to_scalar(void) {
    int64_t out = 12345;
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_MS, dur(1, 999999)), 0);
    TT_EQ(out, 1000);
    /* -0.5 ms rounds down to -1 ms, -1.5 s down to -2 s. */
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_MS, dur(-1, 999500000)),
          0);
    TT_EQ(out, -1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_S, dur(-2, 500000000)), 0);
    TT_EQ(out, -2);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_MIN, dur(-1, 0)), 0);
    TT_EQ(out, -1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_HOUR, dur(7199, 999)), 0);
    TT_EQ(out, 1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_DAY, dur(-86401, 0)), 0);
    TT_EQ(out, -2);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_US, dur(0, 1999)), 0);
    TT_EQ(out, 1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_NS, dur(-1, 1)), 0);
    TT_EQ(out, -999999999);
    /* The extremes of int64_t nanoseconds convert both ways. */
    TT_EQ(avs_time_duration_to_scalar(
                  &out, AVS_TIME_NS,
                  avs_time_duration_from_scalar(INT64_MIN, AVS_TIME_NS)),
          0);
    TT_EQ(out, INT64_MIN);
    TT_EQ(avs_time_duration_to_scalar(
                  &out, AVS_TIME_NS,
                  avs_time_duration_from_scalar(INT64_MAX, AVS_TIME_NS)),
          0);
    TT_EQ(out, INT64_MAX);

    out = 777;
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_NS,
                                      dur(INT64_MAX / 1000000000 + 1, 0)),
          -1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_MS,
                                      dur(INT64_MIN / 1000 - 1, 0)),
          -1);
    TT_EQ(avs_time_duration_to_scalar(&out, AVS_TIME_S,
                                      AVS_TIME_DURATION_INVALID),
          -1);
    TT_EQ(out, 777);
}

static void fscalar(void) {
    double value;
    TT_DUR(avs_time_duration_from_fscalar(1.25, AVS_TIME_S), 1, 250000000);
    TT_DUR(avs_time_duration_from_fscalar(-0.5, AVS_TIME_S), -1, 500000000);
    TT_DUR(avs_time_duration_from_fscalar(1.5, AVS_TIME_MIN), 90, 0);
    TT_DUR(avs_time_duration_from_fscalar(0.5, AVS_TIME_DAY), 43200, 0);
    TT_DUR(avs_time_duration_from_fscalar(2500.5, AVS_TIME_US), 0, 2500500);
    TT_DUR(avs_time_duration_from_fscalar(-1.0, AVS_TIME_NS), -1, 999999999);
    TT_INVALID(avs_time_duration_from_fscalar(1e30, AVS_TIME_S));
    TT_INVALID(avs_time_duration_from_fscalar(NAN, AVS_TIME_S));
    TT_INVALID(avs_time_duration_from_fscalar(-INFINITY, AVS_TIME_S));

    value = avs_time_duration_to_fscalar(dur(-2, 500000000), AVS_TIME_S);
    TT_CHECK(value == -1.5);
    value = avs_time_duration_to_fscalar(dur(1, 500000000), AVS_TIME_MS);
    TT_CHECK(value == 1500.0);
    value = avs_time_duration_to_fscalar(dur(5400, 0), AVS_TIME_HOUR);
    TT_CHECK(value == 1.5);
    value = avs_time_duration_to_fscalar(AVS_TIME_DURATION_INVALID, AVS_TIME_S);
    TT_CHECK(isnan(value));
}

static void clocks(void) {
    avs_time_monotonic_t prev = avs_time_monotonic_now();
    avs_time_real_t real = avs_time_real_now();
    int64_t real_s;
    int i;
    TT_CHECK(avs_time_monotonic_valid(prev));
    TT_CHECK(avs_time_real_valid(real));
    TT_EQ(avs_time_real_to_scalar(&real_s, AVS_TIME_S, real), 0);
    /* Later than 2020-01-01: the wall clock is really the epoch-based one. */
    TT_CHECK(real_s > 1577836800);
    for (i = 0; i < 10000; ++i) {
        avs_time_monotonic_t now = avs_time_monotonic_now();
        TT_CHECK(!avs_time_monotonic_before(now, prev));
        prev = now;
    }
}

static void inline_helpers(void) {
    avs_time_monotonic_t t = avs_time_monotonic_from_scalar(10, AVS_TIME_S);
    avs_time_monotonic_t later = avs_time_monotonic_add(
            t, avs_time_duration_from_scalar(250, AVS_TIME_MS));
    int64_t ms;
    TT_CHECK(avs_time_monotonic_before(t, later));
    TT_DUR(avs_time_monotonic_diff(t, later), -1, 750000000);
    TT_EQ(avs_time_monotonic_to_scalar(&ms, AVS_TIME_MS, later), 0);
    TT_EQ(ms, 10250);
    TT_CHECK(!avs_time_monotonic_valid(avs_time_monotonic_add(
            AVS_TIME_MONOTONIC_INVALID, AVS_TIME_DURATION_ZERO)));
}

int main(void) {
    TT_RUN(constants_and_validity);
    TT_RUN(compare);
    TT_RUN(add_and_diff);
    TT_RUN(mul_div);
    TT_RUN(fmul);
    TT_RUN(from_scalar);
    TT_RUN(to_scalar);
    TT_RUN(fscalar);
    TT_RUN(clocks);
    TT_RUN(inline_helpers);
    return TT_SUMMARY();
}
