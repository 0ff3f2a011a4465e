/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_defs.h
 * Small language helpers shared by every layer.
 */
#ifndef AVS_COMMONS_DEFS_H
#define AVS_COMMONS_DEFS_H

#include <avsystem/commons/avs_commons_config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Interface names are bounded by the OS; 16 matches Linux and the BSDs. */
#ifndef IF_NAMESIZE
#    define IF_NAMESIZE 16
#endif

/** Turns the macro argument into a string literal, after expansion. */
#define AVS_QUOTE(s) #s
#define AVS_QUOTE_MACRO(s) AVS_QUOTE(s)

#define AVS_CONCAT_INTERNAL__(a, b) a##b
/** Pastes two tokens together, after expansion. */
#define AVS_CONCAT(a, b) AVS_CONCAT_INTERNAL__(a, b)

/** Number of elements of a true array (not a pointer). */
#define AVS_ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

/** The smaller of two values; evaluates its arguments twice. */
#define AVS_MIN(a, b) ((a) < (b) ? (a) : (b))
/** The larger of two values; evaluates its arguments twice. */
#define AVS_MAX(a, b) ((a) < (b) ? (b) : (a))

/**
 * Pointer to the structure of type @p type that holds @p ptr as its member
 * @p member. Works on const pointers too: callers recover mutable state from a
 * const handle they registered themselves.
 */
#define AVS_CONTAINER_OF(ptr, type, member)                                    \
    ((type *) (void *) ((char *) (intptr_t) (ptr) -offsetof(type, member)))

/**
 * Compile-time assertion usable at file and block scope. @p message must be an
 * identifier unique within the scope.
 */
#define AVS_STATIC_ASSERT(condition, message)                                  \
    struct avs_static_assert_##message {                                       \
        int message : (condition) ? 1 : -1;                                    \
    }

#if defined(__GNUC__) || defined(__clang__)
/** Lets the compiler check printf-style format strings. */
#    define AVS_F_PRINTF(fmt_idx, ellipsis_idx)                                \
        __attribute__((format(printf, fmt_idx, ellipsis_idx)))
#    define AVS_UNUSED __attribute__((unused))
#else
#    define AVS_F_PRINTF(fmt_idx, ellipsis_idx)
#    define AVS_UNUSED
#endif

/** A type whose alignment suits every scalar type. */
typedef union {
    long double ld;
    long long ll;
    double d;
    void *ptr;
    void (*fptr)(void);
} avs_max_align_t;

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_DEFS_H */
