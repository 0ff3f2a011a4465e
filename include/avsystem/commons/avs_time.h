/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_time.h
 * Durations and points in time on the real-time and monotonic clocks.
 *
 * A duration is valid when 0 <= nanoseconds < 1e9; the "invalid" duration
 * stands for "no value" or "forever" depending on the caller (a socket receive
 * timeout that is invalid means wait forever). Arithmetic on an invalid
 * operand yields an invalid result.
 */
#ifndef AVS_COMMONS_TIME_H
#define AVS_COMMONS_TIME_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A signed span of time. */
typedef struct {
    int64_t seconds;
    int32_t nanoseconds;
} avs_time_duration_t;

/** A point on the real-time (wall) clock, since the Unix epoch. */
typedef struct {
    avs_time_duration_t since_real_epoch;
} avs_time_real_t;

/** A point on the monotonic clock, since an unspecified epoch. */
typedef struct {
    avs_time_duration_t since_monotonic_epoch;
} avs_time_monotonic_t;

/** Units for scalar conversions. */
typedef enum {
    AVS_TIME_DAY,
    AVS_TIME_HOUR,
    AVS_TIME_MIN,
    AVS_TIME_S,
    AVS_TIME_MS,
    AVS_TIME_US,
    AVS_TIME_NS
} avs_time_unit_t;

extern const avs_time_duration_t AVS_TIME_DURATION_INVALID;
extern const avs_time_duration_t AVS_TIME_DURATION_ZERO;
extern const avs_time_real_t AVS_TIME_REAL_INVALID;
extern const avs_time_monotonic_t AVS_TIME_MONOTONIC_INVALID;

/** True if @p t is a valid duration. */
bool avs_time_duration_valid(avs_time_duration_t t);
/** True if both are valid and @p a < @p b. */
bool avs_time_duration_less(avs_time_duration_t a, avs_time_duration_t b);
/** True if both are valid and equal, or both invalid. */
bool avs_time_duration_equal(avs_time_duration_t a, avs_time_duration_t b);
/** @p a + @p b; invalid on overflow or invalid input. */
avs_time_duration_t avs_time_duration_add(avs_time_duration_t a,
                                          avs_time_duration_t b);
/** @p minuend - @p subtrahend; invalid on overflow or invalid input. */
avs_time_duration_t avs_time_duration_diff(avs_time_duration_t minuend,
                                           avs_time_duration_t subtrahend);
/** @p a * @p mul; invalid on overflow. */
avs_time_duration_t avs_time_duration_mul(avs_time_duration_t a, int32_t mul);
/** @p a * @p mul for a floating factor; invalid if not finite. */
avs_time_duration_t avs_time_duration_fmul(avs_time_duration_t a, double mul);
/** @p a / @p div, rounded toward negative infinity; invalid if div is 0. */
avs_time_duration_t avs_time_duration_div(avs_time_duration_t a, int32_t div);

/** A duration of @p value units; invalid on overflow. */
avs_time_duration_t avs_time_duration_from_scalar(int64_t value,
                                                  avs_time_unit_t unit);
/**
 * Converts @p value to whole units, rounding toward negative infinity.
 * @returns 0 on success, -1 if @p value is invalid or does not fit.
 */
int avs_time_duration_to_scalar(int64_t *out, avs_time_unit_t unit,
                                avs_time_duration_t value);
/** A duration of a fractional number of units. */
avs_time_duration_t avs_time_duration_from_fscalar(double value,
                                                   avs_time_unit_t unit);
/** @p value in fractional units; NAN if invalid. */
double avs_time_duration_to_fscalar(avs_time_duration_t value,
                                    avs_time_unit_t unit);

/** Current wall-clock time. */
avs_time_real_t avs_time_real_now(void);
/** Current monotonic time; never goes backwards. */
avs_time_monotonic_t avs_time_monotonic_now(void);

/** True if @p t is a valid real time. */
static inline bool avs_time_real_valid(avs_time_real_t t) {
    return avs_time_duration_valid(t.since_real_epoch);
}
/** True if @p t is a valid monotonic time. */
static inline bool avs_time_monotonic_valid(avs_time_monotonic_t t) {
    return avs_time_duration_valid(t.since_monotonic_epoch);
}
/** True if @p a is strictly earlier than @p b. */
static inline bool avs_time_real_before(avs_time_real_t a, avs_time_real_t b) {
    return avs_time_duration_less(a.since_real_epoch, b.since_real_epoch);
}
/** True if @p a is strictly earlier than @p b. */
static inline bool avs_time_monotonic_before(avs_time_monotonic_t a,
                                             avs_time_monotonic_t b) {
    return avs_time_duration_less(a.since_monotonic_epoch,
                                  b.since_monotonic_epoch);
}
/** True if equal (or both invalid). */
static inline bool avs_time_real_equal(avs_time_real_t a, avs_time_real_t b) {
    return avs_time_duration_equal(a.since_real_epoch, b.since_real_epoch);
}
/** True if equal (or both invalid). */
static inline bool avs_time_monotonic_equal(avs_time_monotonic_t a,
                                            avs_time_monotonic_t b) {
    return avs_time_duration_equal(a.since_monotonic_epoch,
                                   b.since_monotonic_epoch);
}
/** @p a shifted by @p b. */
static inline avs_time_real_t avs_time_real_add(avs_time_real_t a,
                                                avs_time_duration_t b) {
    avs_time_real_t result;
    result.since_real_epoch = avs_time_duration_add(a.since_real_epoch, b);
    return result;
}
/** @p a shifted by @p b. */
static inline avs_time_monotonic_t
avs_time_monotonic_add(avs_time_monotonic_t a, avs_time_duration_t b) {
    avs_time_monotonic_t result;
    result.since_monotonic_epoch =
            avs_time_duration_add(a.since_monotonic_epoch, b);
    return result;
}
/** Time from @p subtrahend to @p minuend. */
static inline avs_time_duration_t
avs_time_real_diff(avs_time_real_t minuend, avs_time_real_t subtrahend) {
    return avs_time_duration_diff(minuend.since_real_epoch,
                                  subtrahend.since_real_epoch);
}
/** Time from @p subtrahend to @p minuend. */
static inline avs_time_duration_t
avs_time_monotonic_diff(avs_time_monotonic_t minuend,
                        avs_time_monotonic_t subtrahend) {
    return avs_time_duration_diff(minuend.since_monotonic_epoch,
                                  subtrahend.since_monotonic_epoch);
}
/** Real time @p value units after the epoch. */
static inline avs_time_real_t avs_time_real_from_scalar(int64_t value,
                                                        avs_time_unit_t unit) {
    avs_time_real_t result;
    result.since_real_epoch = avs_time_duration_from_scalar(value, unit);
    return result;
}
/** Monotonic time @p value units after its epoch. */
static inline avs_time_monotonic_t
avs_time_monotonic_from_scalar(int64_t value, avs_time_unit_t unit) {
    avs_time_monotonic_t result;
    result.since_monotonic_epoch = avs_time_duration_from_scalar(value, unit);
    return result;
}
/** Whole units since the epoch; 0 on success, -1 on error. */
static inline int avs_time_real_to_scalar(int64_t *out, avs_time_unit_t unit,
                                          avs_time_real_t value) {
    return avs_time_duration_to_scalar(out, unit, value.since_real_epoch);
}
/** Whole units since the epoch; 0 on success, -1 on error. */
static inline int avs_time_monotonic_to_scalar(int64_t *out,
                                               avs_time_unit_t unit,
                                               avs_time_monotonic_t value) {
    return avs_time_duration_to_scalar(out, unit, value.since_monotonic_epoch);
}

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_TIME_H */
