/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Command lines from stdin and from the optional control FIFO or UNIX
 * socket, fed to server_cmd.h. */
#ifndef TERN_SERVER_INPUT_H
#define TERN_SERVER_INPUT_H

#include <poll.h>

/**
 * Starts reading stdin and, with @p control_path, an existing FIFO at that
 * path or else a new UNIX stream socket there. -1 after a diagnostic.
 */
int srv_input_init(const char *control_path);
/** Fills up to @p max poll entries; returns how many. */
int srv_input_pollfds(struct pollfd *fds, int max);
/** Reads what poll() reported on the entries from srv_input_pollfds(). */
void srv_input_handle(const struct pollfd *fds, int count);
void srv_input_cleanup(void);

#endif /* TERN_SERVER_INPUT_H */
