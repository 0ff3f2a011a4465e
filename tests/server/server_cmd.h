/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The line protocol: commands run one at a time, in the order they came;
 * one that waits (for a response, an event or a timer) holds back the next,
 * so a script reads top to bottom.
 */
#ifndef TERN_SERVER_CMD_H
#define TERN_SERVER_CMD_H

#include <stdint.h>

/** Queues one command line (without its newline). */
void srv_cmd_enqueue(const char *line);
/** Finishes waits that are over and starts queued commands. */
void srv_cmd_run(uint64_t now_ms);
/** When srv_cmd_run() next has something to do without input, or
 * UINT64_MAX. */
uint64_t srv_cmd_next_deadline(void);
/** Set once "quit" has run. */
int srv_cmd_quit_requested(void);
void srv_cmd_cleanup(void);

#endif /* TERN_SERVER_CMD_H */
