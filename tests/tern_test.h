/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A minimal test harness: each test is a void function; a failed check prints
 * where and what, and ends that test. main() runs the tests and returns
 * non-zero if any failed, so ctest sees the result.
 */
#ifndef TERN_TEST_H
#define TERN_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tt_failed_count__;
static int tt_passed_count__;
static int tt_current_failed__;

#define TT_FAIL_AT__(...)                                                      \
    do {                                                                       \
        fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__);                      \
        fprintf(stderr, __VA_ARGS__);                                          \
        fputc('\n', stderr);                                                   \
        tt_current_failed__ = 1;                                               \
        return;                                                                \
    } while (0)

/** Ends the test with a failure if @p cond is false. */
#define TT_CHECK(cond)                                                         \
    do {                                                                       \
        if (!(cond)) {                                                         \
            TT_FAIL_AT__("check failed: %s", #cond);                           \
        }                                                                      \
    } while (0)

/** Compares two integers (as intmax_t). */
#define TT_EQ(actual, expected)                                                \
    do {                                                                       \
        intmax_t tt_a__ = (intmax_t) (actual);                                 \
        intmax_t tt_e__ = (intmax_t) (expected);                               \
        if (tt_a__ != tt_e__) {                                                \
            TT_FAIL_AT__("%s == %" PRIdMAX ", expected %s == %" PRIdMAX,       \
                         #actual, tt_a__, #expected, tt_e__);                  \
        }                                                                      \
    } while (0)

/** Compares two C strings. */
#define TT_STREQ(actual, expected)                                             \
    do {                                                                       \
        const char *tt_a__ = (actual);                                         \
        const char *tt_e__ = (expected);                                       \
        if (!tt_a__ || !tt_e__ || strcmp(tt_a__, tt_e__) != 0) {               \
            TT_FAIL_AT__("%s == \"%s\", expected \"%s\"", #actual,             \
                         tt_a__ ? tt_a__ : "(null)",                           \
                         tt_e__ ? tt_e__ : "(null)");                          \
        }                                                                      \
    } while (0)

/** Checks that an avs_error_t is AVS_OK. */
#define TT_OK(err_expr)                                                        \
    do {                                                                       \
        avs_error_t tt_err__ = (err_expr);                                     \
        if (avs_is_err(tt_err__)) {                                            \
            TT_FAIL_AT__("%s failed: category %u code %u", #err_expr,          \
                         (unsigned) tt_err__.category,                         \
                         (unsigned) tt_err__.code);                            \
        }                                                                      \
    } while (0)

/** Checks that an avs_error_t is the errno-category error @p expected. */
#define TT_ERRNO(err_expr, expected)                                           \
    do {                                                                       \
        avs_error_t tt_err__ = (err_expr);                                     \
        if (tt_err__.category != AVS_ERRNO_CATEGORY ||                         \
            tt_err__.code != (uint16_t) (expected)) {                          \
            TT_FAIL_AT__("%s gave category %u code %u, expected %s",           \
                         #err_expr, (unsigned) tt_err__.category,              \
                         (unsigned) tt_err__.code, #expected);                 \
        }                                                                      \
    } while (0)

static inline void tt_run__(const char *name, void (*fn)(void)) {
    tt_current_failed__ = 0;
    fn();
    if (tt_current_failed__) {
        ++tt_failed_count__;
        fprintf(stderr, "FAIL %s\n", name);
    } else {
        ++tt_passed_count__;
        printf("ok   %s\n", name);
    }
    fflush(stdout);
}

/** Runs one test function. */
#define TT_RUN(fn) tt_run__(#fn, fn)

/** Prints the summary line; use as main()'s return value. */
static inline int tt_summary__(void) {
    printf("%d passed, %d failed\n", tt_passed_count__, tt_failed_count__);
    return tt_failed_count__ ? EXIT_FAILURE : EXIT_SUCCESS;
}
#define TT_SUMMARY() tt_summary__()

#endif /* TERN_TEST_H */
