/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "server_buf.h"
#include "server_cmd.h"
#include "server_out.h"

#define MAX_CONNECTIONS 4
#define MAX_LINE 65536

typedef struct {
    int fd;
    /* Output goes back on control socket connections, not on stdin or
     * the FIFO. */
    int is_sink;
    srv_buf_t pending;
} source_t;

static source_t g_sources[2 + MAX_CONNECTIONS];
static int g_source_count;
static int g_listen_fd = -1;
static char *g_socket_path;

static void add_source(int fd, int is_sink) {
    source_t *s = &g_sources[g_source_count++];
    s->fd = fd;
    s->is_sink = is_sink;
    srv_buf_init(&s->pending);
    if (is_sink) {
        srv_out_add_sink(fd);
    }
}

static void close_source(int index) {
    source_t *s = &g_sources[index];
    if (s->is_sink) {
        srv_out_remove_sink(s->fd);
    }
    if (s->fd != STDIN_FILENO) {
        close(s->fd);
    }
    srv_buf_free(&s->pending);
    g_sources[index] = g_sources[--g_source_count];
}

int srv_input_init(const char *control_path) {
    add_source(STDIN_FILENO, 0);
    if (!control_path) {
        return 0;
    }
    struct stat st;
    if (stat(control_path, &st) == 0 && S_ISFIFO(st.st_mode)) {
        /* Opened for writing too, so that the FIFO never reports EOF when
         * one writer goes away. */
        int fd = open(control_path, O_RDWR | O_NONBLOCK);
        if (fd < 0) {
            srv_diag("cannot open FIFO %s: %s", control_path, strerror(errno));
            return -1;
        }
        add_source(fd, 0);
        return 0;
    }
    struct sockaddr_un addr;
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    if (strlen(control_path) >= sizeof(addr.sun_path)) {
        srv_diag("control path too long: %s", control_path);
        return -1;
    }
    strcpy(addr.sun_path, control_path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        srv_diag("cannot create control socket: %s", strerror(errno));
        return -1;
    }
    unlink(control_path);
    if (bind(fd, (struct sockaddr *) &addr, sizeof(addr)) < 0 ||
        listen(fd, MAX_CONNECTIONS) < 0) {
        srv_diag("cannot listen on %s: %s", control_path, strerror(errno));
        close(fd);
        return -1;
    }
    g_listen_fd = fd;
    g_socket_path = srv_xstrdup(control_path);
    return 0;
}

int srv_input_pollfds(struct pollfd *fds, int max) {
    int n = 0;
    for (int i = 0; i < g_source_count && n < max; ++i) {
        fds[n].fd = g_sources[i].fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        ++n;
    }
    if (g_listen_fd >= 0 && n < max) {
        fds[n].fd = g_listen_fd;
        fds[n].events = POLLIN;
        fds[n].revents = 0;
        ++n;
    }
    return n;
}

/* Queues every complete line; a final unterminated line waits for more. */
static void split_lines(srv_buf_t *b, int flush) {
    size_t start = 0;
    for (size_t i = 0; i < b->len; ++i) {
        if (b->data[i] == '\n') {
            size_t end = i;
            if (end > start && b->data[end - 1] == '\r') {
                --end;
            }
            b->data[end] = '\0';
            srv_cmd_enqueue(b->data + start);
            start = i + 1;
        }
    }
    if (flush && start < b->len) {
        srv_buf_cstr(b);
        srv_cmd_enqueue(b->data + start);
        start = b->len;
    }
    if (start > 0) {
        memmove(b->data, b->data + start, b->len - start);
        b->len -= start;
    }
    if (b->len > MAX_LINE) {
        srv_diag("command line too long: dropped");
        b->len = 0;
    }
}

static int find_source(int fd) {
    for (int i = 0; i < g_source_count; ++i) {
        if (g_sources[i].fd == fd) {
            return i;
        }
    }
    return -1;
}

void srv_input_handle(const struct pollfd *fds, int count) {
    for (int k = 0; k < count; ++k) {
        if (!fds[k].revents) {
            continue;
        }
        if (fds[k].fd == g_listen_fd) {
            int fd = accept(g_listen_fd, NULL, NULL);
            if (fd >= 0 && g_source_count < (int) (sizeof(g_sources) /
                                                   sizeof(g_sources[0]))) {
                add_source(fd, 1);
            } else if (fd >= 0) {
                close(fd);
            }
            continue;
        }
        int i = find_source(fds[k].fd);
        if (i < 0) {
            continue;
        }
        char chunk[4096];
        ssize_t n = read(g_sources[i].fd, chunk, sizeof(chunk));
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (n <= 0) {
            /* End of input: run what is left, then serve on without it. */
            split_lines(&g_sources[i].pending, 1);
            close_source(i);
            continue;
        }
        srv_buf_append(&g_sources[i].pending, chunk, (size_t) n);
        split_lines(&g_sources[i].pending, 0);
    }
}

void srv_input_cleanup(void) {
    while (g_source_count > 0) {
        close_source(g_source_count - 1);
    }
    if (g_listen_fd >= 0) {
        close(g_listen_fd);
        g_listen_fd = -1;
    }
    if (g_socket_path) {
        unlink(g_socket_path);
        free(g_socket_path);
        g_socket_path = NULL;
    }
}
