/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#ifndef TERN_SERVER_CLOCK_H
#define TERN_SERVER_CLOCK_H

#include <stdint.h>
#include <time.h>

/** Milliseconds on the monotonic clock: deadlines must not jump with the
 * wall clock. */
static inline uint64_t srv_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

#endif /* TERN_SERVER_CLOCK_H */
