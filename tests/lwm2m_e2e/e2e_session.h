/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Shorthands of the end-to-end tests built on e2e_util.h. */
#ifndef TERN_E2E_SESSION_H
#define TERN_E2E_SESSION_H

#include <stdio.h>

#include "e2e_util.h"
#include "tern_test.h"

/** Sends a command and checks that a line with @p prefix (and @p contains)
 * follows within 5 s; the line is left in e2e_last_line. */
#define E2E_EXPECT(Srv, Anjay, Prefix, Contains, ...)                          \
    do {                                                                       \
        e2e_server_cmd((Srv), __VA_ARGS__);                                    \
        TT_CHECK(e2e_wait((Srv), (Anjay), (Prefix), (Contains), 5000,          \
                          e2e_last_line, sizeof(e2e_last_line)));              \
    } while (0)

/** Serves the client until @p Cond holds, at most @p Ms milliseconds,
 * then checks it. */
#define E2E_PUMP_UNTIL(Srv, Anjay, Cond, Ms)                                   \
    do {                                                                       \
        for (int e2e_left__ = (Ms); !(Cond) && e2e_left__ > 0;                 \
             e2e_left__ -= 20) {                                               \
            e2e_pump((Srv), (Anjay), 20);                                      \
        }                                                                      \
        TT_CHECK(Cond);                                                        \
    } while (0)

/** Last line matched by E2E_EXPECT. */
extern char e2e_last_line[E2E_LINE_SIZE];

#endif /* TERN_E2E_SESSION_H */
