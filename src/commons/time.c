/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_time.h>

#include <math.h>
#include <time.h>

#define NS_PER_S 1000000000
#define NS_PER_S_F 1e9

/* 2^63 as a double: the first value past the range of int64_t. */
#define I64_LIMIT_F 9223372036854775808.0

const avs_time_duration_t AVS_TIME_DURATION_INVALID = {0, -1};
const avs_time_duration_t AVS_TIME_DURATION_ZERO = {0, 0};
const avs_time_real_t AVS_TIME_REAL_INVALID = {{0, -1}};
const avs_time_monotonic_t AVS_TIME_MONOTONIC_INVALID = {{0, -1}};

static int checked_add(int64_t a, int64_t b, int64_t *out) {
    if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) {
        return -1;
    }
    *out = a + b;
    return 0;
}

static int checked_sub(int64_t a, int64_t b, int64_t *out) {
    if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b)) {
        return -1;
    }
    *out = a - b;
    return 0;
}

static int checked_mul(int64_t a, int64_t b, int64_t *out) {
    if (a > 0) {
        if ((b > 0 && a > INT64_MAX / b) || (b < 0 && b < INT64_MIN / a)) {
            return -1;
        }
    } else if (a < 0) {
        if ((b > 0 && a < INT64_MIN / b) || (b < 0 && b < INT64_MAX / a)) {
            return -1;
        }
    }
    *out = a * b;
    return 0;
}

/* Division and remainder rounded toward negative infinity; divisor > 0. */
static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    return (a % b < 0) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b) {
    int64_t r = a % b;
    return (r < 0) ? r + b : r;
}

/* floor() without libm, for values that fit in int64_t. */
static int floor_to_i64(double value, int64_t *out) {
    int64_t truncated;
    if (!(value >= -I64_LIMIT_F && value < I64_LIMIT_F)) {
        return -1;
    }
    truncated = (int64_t) value;
    if ((double) truncated > value) {
        --truncated;
    }
    *out = truncated;
    return 0;
}

static avs_time_duration_t make_duration(int64_t seconds, int32_t ns) {
    avs_time_duration_t result;
    result.seconds = seconds;
    result.nanoseconds = ns;
    return result;
}

bool avs_time_duration_valid(avs_time_duration_t t) {
    return t.nanoseconds >= 0 && t.nanoseconds < NS_PER_S;
}

bool avs_time_duration_less(avs_time_duration_t a, avs_time_duration_t b) {
    if (!avs_time_duration_valid(a) || !avs_time_duration_valid(b)) {
        return false;
    }
    return a.seconds < b.seconds ||
           (a.seconds == b.seconds && a.nanoseconds < b.nanoseconds);
}

bool avs_time_duration_equal(avs_time_duration_t a, avs_time_duration_t b) {
    bool a_valid = avs_time_duration_valid(a);
    bool b_valid = avs_time_duration_valid(b);
    if (!a_valid || !b_valid) {
        return a_valid == b_valid;
    }
    return a.seconds == b.seconds && a.nanoseconds == b.nanoseconds;
}

avs_time_duration_t avs_time_duration_add(avs_time_duration_t a,
                                          avs_time_duration_t b) {
    int32_t ns;
    int64_t seconds;
    if (!avs_time_duration_valid(a) || !avs_time_duration_valid(b)) {
        return AVS_TIME_DURATION_INVALID;
    }
    ns = a.nanoseconds + b.nanoseconds;
    if (ns >= NS_PER_S) {
        ns -= NS_PER_S;
        /* Apply the carry to whichever side cannot overflow first, so that a
         * representable result is never rejected for an intermediate. */
        if (a.seconds < INT64_MAX) {
            if (checked_add(a.seconds + 1, b.seconds, &seconds)) {
                return AVS_TIME_DURATION_INVALID;
            }
        } else if (checked_add(a.seconds, b.seconds, &seconds) ||
                   checked_add(seconds, 1, &seconds)) {
            return AVS_TIME_DURATION_INVALID;
        }
    } else if (checked_add(a.seconds, b.seconds, &seconds)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration(seconds, ns);
}

avs_time_duration_t avs_time_duration_diff(avs_time_duration_t minuend,
                                           avs_time_duration_t subtrahend) {
    int32_t ns;
    int64_t seconds;
    if (!avs_time_duration_valid(minuend) ||
        !avs_time_duration_valid(subtrahend)) {
        return AVS_TIME_DURATION_INVALID;
    }
    ns = minuend.nanoseconds - subtrahend.nanoseconds;
    if (ns < 0) {
        ns += NS_PER_S;
        /* Same ordering concern as in add(), for the borrow. */
        if (minuend.seconds > INT64_MIN) {
            if (checked_sub(minuend.seconds - 1, subtrahend.seconds,
                            &seconds)) {
                return AVS_TIME_DURATION_INVALID;
            }
        } else if (checked_sub(minuend.seconds, subtrahend.seconds, &seconds) ||
                   checked_sub(seconds, 1, &seconds)) {
            return AVS_TIME_DURATION_INVALID;
        }
    } else if (checked_sub(minuend.seconds, subtrahend.seconds, &seconds)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration(seconds, ns);
}

avs_time_duration_t avs_time_duration_mul(avs_time_duration_t a, int32_t mul) {
    /* |ns * mul| < 1e9 * 2^31, well inside int64_t. */
    int64_t total_ns;
    int64_t seconds;
    if (!avs_time_duration_valid(a)) {
        return AVS_TIME_DURATION_INVALID;
    }
    total_ns = (int64_t) a.nanoseconds * mul;
    if (checked_mul(a.seconds, mul, &seconds) ||
        checked_add(seconds, floor_div(total_ns, NS_PER_S), &seconds)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration(seconds, (int32_t) floor_mod(total_ns, NS_PER_S));
}

/* Builds a duration from whole seconds (already an integer value) and a
 * nanosecond part of any magnitude, both as doubles. */
static avs_time_duration_t from_double_parts(double whole_s, double ns) {
    int64_t carry;
    int64_t seconds;
    int64_t ns_int;
    if (floor_to_i64(ns / NS_PER_S_F, &carry)) {
        return AVS_TIME_DURATION_INVALID;
    }
    ns -= (double) carry * NS_PER_S_F;
    /* Round to nearest; rounding may push ns up to a full second. */
    if (floor_to_i64(ns + 0.5, &ns_int)) {
        return AVS_TIME_DURATION_INVALID;
    }
    carry += floor_div(ns_int, NS_PER_S);
    ns_int = floor_mod(ns_int, NS_PER_S);
    if (floor_to_i64(whole_s, &seconds) ||
        checked_add(seconds, carry, &seconds)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration(seconds, (int32_t) ns_int);
}

avs_time_duration_t avs_time_duration_fmul(avs_time_duration_t a, double mul) {
    double scaled_s;
    int64_t whole;
    if (!avs_time_duration_valid(a) || !isfinite(mul)) {
        return AVS_TIME_DURATION_INVALID;
    }
    /* Seconds and nanoseconds are scaled separately: a double cannot hold
     * the whole duration in nanoseconds without losing precision. */
    scaled_s = (double) a.seconds * mul;
    if (floor_to_i64(scaled_s, &whole)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return from_double_parts((double) whole,
                             (scaled_s - (double) whole) * NS_PER_S_F +
                                     (double) a.nanoseconds * mul);
}

avs_time_duration_t avs_time_duration_div(avs_time_duration_t a, int32_t div) {
    int64_t divisor = div < 0 ? -(int64_t) div : (int64_t) div;
    int64_t rest_ns;
    avs_time_duration_t quotient;
    if (!avs_time_duration_valid(a) || div == 0) {
        return AVS_TIME_DURATION_INVALID;
    }
    /* The remainder is below 2^31 seconds, so rest_ns fits in int64_t. */
    rest_ns = floor_mod(a.seconds, divisor) * NS_PER_S + a.nanoseconds;
    quotient = make_duration(floor_div(a.seconds, divisor),
                             (int32_t) (rest_ns / divisor));
    if (div > 0) {
        return quotient;
    }
    /* floor(a / -d) == -ceil(a / d). Negating the dividend instead would
     * overflow for the most negative durations. */
    if (rest_ns % divisor) {
        quotient = avs_time_duration_add(quotient, make_duration(0, 1));
    }
    return avs_time_duration_diff(AVS_TIME_DURATION_ZERO, quotient);
}

static int64_t unit_seconds(avs_time_unit_t unit) {
    switch (unit) {
        case AVS_TIME_DAY:
            return 86400;
        case AVS_TIME_HOUR:
            return 3600;
        case AVS_TIME_MIN:
            return 60;
        default:
            return 1;
    }
}

/* Units per second for the sub-second units; 0 for the others. */
static int64_t unit_per_second(avs_time_unit_t unit) {
    switch (unit) {
        case AVS_TIME_MS:
            return 1000;
        case AVS_TIME_US:
            return 1000000;
        case AVS_TIME_NS:
            return NS_PER_S;
        default:
            return 0;
    }
}

static bool unit_known(avs_time_unit_t unit) {
    return unit >= AVS_TIME_DAY && unit <= AVS_TIME_NS;
}

avs_time_duration_t avs_time_duration_from_scalar(int64_t value,
                                                  avs_time_unit_t unit) {
    int64_t per_second;
    int64_t seconds;
    if (!unit_known(unit)) {
        return AVS_TIME_DURATION_INVALID;
    }
    per_second = unit_per_second(unit);
    if (per_second) {
        return make_duration(floor_div(value, per_second),
                             (int32_t) (floor_mod(value, per_second) *
                                        (NS_PER_S / per_second)));
    }
    if (checked_mul(value, unit_seconds(unit), &seconds)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration(seconds, 0);
}

int avs_time_duration_to_scalar(int64_t *out, avs_time_unit_t unit,
                                avs_time_duration_t value) {
    int64_t per_second;
    int64_t result;
    if (!out || !avs_time_duration_valid(value) || !unit_known(unit)) {
        return -1;
    }
    per_second = unit_per_second(unit);
    if (per_second) {
        int64_t seconds = value.seconds;
        int64_t fraction = value.nanoseconds / (NS_PER_S / per_second);
        /* For negative values, move one second into the (then negative)
         * fraction, so that results just above INT64_MIN do not overflow in
         * the multiplication. */
        if (seconds < 0) {
            ++seconds;
            fraction -= per_second;
        }
        if (checked_mul(seconds, per_second, &result) ||
            checked_add(result, fraction, &result)) {
            return -1;
        }
    } else {
        /* The nanoseconds add less than one second to a whole number of
         * seconds, which can never cross a multiple of the unit. */
        result = floor_div(value.seconds, unit_seconds(unit));
    }
    *out = result;
    return 0;
}

static double unit_ns_f(avs_time_unit_t unit) {
    int64_t per_second = unit_per_second(unit);
    if (per_second) {
        return (double) (NS_PER_S / per_second);
    }
    return (double) unit_seconds(unit) * NS_PER_S_F;
}

avs_time_duration_t avs_time_duration_from_fscalar(double value,
                                                   avs_time_unit_t unit) {
    int64_t whole_units;
    avs_time_duration_t whole;
    if (!isfinite(value) || !unit_known(unit) ||
        floor_to_i64(value, &whole_units)) {
        return AVS_TIME_DURATION_INVALID;
    }
    whole = avs_time_duration_from_scalar(whole_units, unit);
    if (!avs_time_duration_valid(whole)) {
        return AVS_TIME_DURATION_INVALID;
    }
    /* The fraction of one unit is below one day in nanoseconds (< 2^47), so
     * converting it separately keeps full precision for the whole part. */
    return from_double_parts((double) whole.seconds,
                             (double) whole.nanoseconds +
                                     (value - (double) whole_units) *
                                             unit_ns_f(unit));
}

double avs_time_duration_to_fscalar(avs_time_duration_t value,
                                    avs_time_unit_t unit) {
    int64_t per_second;
    if (!avs_time_duration_valid(value) || !unit_known(unit)) {
        return NAN;
    }
    per_second = unit_per_second(unit);
    /* Multiplying by a whole number, or dividing by one, keeps results such
     * as 5400 s == 1.5 h exact where a fractional factor would not. */
    if (per_second) {
        return (double) value.seconds * (double) per_second +
               (double) value.nanoseconds / (double) (NS_PER_S / per_second);
    }
    return ((double) value.seconds + (double) value.nanoseconds / NS_PER_S_F) /
           (double) unit_seconds(unit);
}

static avs_time_duration_t clock_now(clockid_t clock) {
    struct timespec ts;
    if (clock_gettime(clock, &ts)) {
        return AVS_TIME_DURATION_INVALID;
    }
    return make_duration((int64_t) ts.tv_sec, (int32_t) ts.tv_nsec);
}

avs_time_real_t avs_time_real_now(void) {
    avs_time_real_t result;
    result.since_real_epoch = clock_now(CLOCK_REALTIME);
    return result;
}

avs_time_monotonic_t avs_time_monotonic_now(void) {
    avs_time_monotonic_t result;
    result.since_monotonic_epoch = clock_now(CLOCK_MONOTONIC);
    return result;
}
