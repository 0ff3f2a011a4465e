/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_out.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>

#include "server_buf.h"

#define MAX_SINKS 8

static int g_quiet;
static int g_sinks[MAX_SINKS];
static int g_sink_count;

void srv_out_set_quiet(int quiet) {
    g_quiet = quiet;
}

void srv_out_add_sink(int fd) {
    if (g_sink_count < MAX_SINKS) {
        g_sinks[g_sink_count++] = fd;
    }
}

void srv_out_remove_sink(int fd) {
    for (int i = 0; i < g_sink_count; ++i) {
        if (g_sinks[i] == fd) {
            g_sinks[i] = g_sinks[--g_sink_count];
            return;
        }
    }
}

static void send_all(int fd, const char *data, size_t len) {
    while (len > 0) {
        /* MSG_NOSIGNAL: a control client that went away must not kill
         * the server with SIGPIPE. */
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return;
        }
        data += n;
        len -= (size_t) n;
    }
}

void srv_out_line(const char *fmt, ...) {
    srv_buf_t line;
    srv_buf_init(&line);
    va_list ap;
    va_start(ap, fmt);
    srv_buf_vprintf(&line, fmt, ap);
    va_end(ap);
    srv_buf_append_byte(&line, '\n');
    fwrite(line.data, 1, line.len, stdout);
    fflush(stdout);
    for (int i = 0; i < g_sink_count; ++i) {
        send_all(g_sinks[i], line.data, line.len);
    }
    srv_buf_free(&line);
}

void srv_diag(const char *fmt, ...) {
    if (g_quiet) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("tern-test-server: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
