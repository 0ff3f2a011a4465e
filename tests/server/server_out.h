/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The two output channels: protocol lines on stdout (and on every connected
 * control socket), diagnostics on stderr. libcoap's own log goes to stderr
 * too, so that stdout carries nothing a script does not expect.
 */
#ifndef TERN_SERVER_OUT_H
#define TERN_SERVER_OUT_H

void srv_out_set_quiet(int quiet);
/** Prints one protocol line (a newline is added) and flushes it. */
void srv_out_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Prints a diagnostic to stderr unless --quiet. */
void srv_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/** Adds or removes a control connection that receives every line. */
void srv_out_add_sink(int fd);
void srv_out_remove_sink(int fd);

#endif /* TERN_SERVER_OUT_H */
