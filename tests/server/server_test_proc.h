/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * For tests: runs tern-test-server as a child with its stdin and stdout on
 * pipes, sends it commands and waits for its output lines.
 */
#ifndef TERN_SERVER_TEST_PROC_H
#define TERN_SERVER_TEST_PROC_H

#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PROC_TIMEOUT_MS 5000
#define PROC_MAX_ARGS 24

typedef struct {
    pid_t pid;
    int cmd_fd;
    int out_fd;
    char buf[65536];
    size_t len;
    /* Ports from the READY line; 0 for a transport not listened on. */
    unsigned coap, coaps, coap_tcp, coaps_tcp;
} proc_t;

static inline void proc_pause_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static inline uint64_t proc_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000u + (uint64_t) ts.tv_nsec / 1000000u;
}

/** Reads one output line; 0 on timeout or end of output. Each line is
 * echoed to stderr, so that a failing test shows the conversation. */
static inline int proc_read_line(proc_t *p, char *line, size_t size,
                                 int timeout_ms) {
    uint64_t deadline = proc_now_ms() + (uint64_t) timeout_ms;
    for (;;) {
        char *nl = (char *) memchr(p->buf, '\n', p->len);
        if (nl) {
            size_t len = (size_t) (nl - p->buf);
            size_t copy = len < size - 1 ? len : size - 1;
            memcpy(line, p->buf, copy);
            line[copy] = '\0';
            memmove(p->buf, nl + 1, p->len - len - 1);
            p->len -= len + 1;
            fprintf(stderr, "  < %s\n", line);
            return 1;
        }
        uint64_t now = proc_now_ms();
        if (now >= deadline || p->len == sizeof(p->buf)) {
            return 0;
        }
        struct pollfd pfd = {p->out_fd, POLLIN, 0};
        if (poll(&pfd, 1, (int) (deadline - now)) <= 0) {
            continue;
        }
        ssize_t n = read(p->out_fd, p->buf + p->len, sizeof(p->buf) - p->len);
        if (n <= 0) {
            return 0;
        }
        p->len += (size_t) n;
    }
}

/** Skips lines until one starts with @p prefix (copied to @p line). */
static inline int proc_expect_prefix(proc_t *p, const char *prefix, char *line,
                                     size_t size) {
    uint64_t deadline = proc_now_ms() + PROC_TIMEOUT_MS;
    while (proc_now_ms() < deadline) {
        if (!proc_read_line(p, line, size, (int) (deadline - proc_now_ms()))) {
            break;
        }
        if (strncmp(line, prefix, strlen(prefix)) == 0) {
            return 1;
        }
    }
    fprintf(stderr, "  no line starting with '%s'\n", prefix);
    return 0;
}

/** The next line must be exactly @p expected. */
static inline int proc_expect_exact(proc_t *p, const char *expected) {
    char line[4096];
    if (!proc_read_line(p, line, sizeof(line), PROC_TIMEOUT_MS)) {
        fprintf(stderr, "  no output, expected '%s'\n", expected);
        return 0;
    }
    if (strcmp(line, expected) != 0) {
        fprintf(stderr, "  expected '%s'\n", expected);
        return 0;
    }
    return 1;
}

static inline void proc_command(proc_t *p, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
static inline void proc_command(proc_t *p, const char *fmt, ...) {
    char text[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof(text) - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || n >= (int) sizeof(text) - 1) {
        return;
    }
    fprintf(stderr, "  > %s\n", text);
    text[n] = '\n';
    if (write(p->cmd_fd, text, (size_t) n + 1) != n + 1) {
        fprintf(stderr, "  cannot write a command\n");
    }
}

static inline unsigned proc_port_of(const char *ready, const char *key) {
    const char *at = strstr(ready, key);
    return at ? (unsigned) strtoul(at + strlen(key), NULL, 10) : 0;
}

/**
 * Starts @p server with the options in the NULL-terminated list after it
 * and waits for its READY line. 1 on success.
 */
static inline int proc_start(proc_t *p, const char *server, ...) {
    const char *argv[PROC_MAX_ARGS];
    int argc = 0;
    argv[argc++] = server;
    va_list ap;
    va_start(ap, server);
    const char *arg;
    while ((arg = va_arg(ap, const char *)) && argc < PROC_MAX_ARGS - 1) {
        argv[argc++] = arg;
    }
    va_end(ap);
    argv[argc] = NULL;

    int in[2], out[2];
    memset(p, 0, sizeof(*p));
    p->pid = -1;
    p->cmd_fd = p->out_fd = -1;
    if (pipe(in) || pipe(out)) {
        return 0;
    }
    p->pid = fork();
    if (p->pid == 0) {
        /* A crashed test must not leave a server behind: it would serve
         * on forever once its stdin is gone. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[0]);
        close(in[1]);
        close(out[0]);
        close(out[1]);
        execv(server, (char *const *) argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    p->cmd_fd = in[1];
    p->out_fd = out[0];
    char line[256];
    if (!proc_read_line(p, line, sizeof(line), PROC_TIMEOUT_MS) ||
        strncmp(line, "READY ", 6) != 0) {
        return 0;
    }
    p->coap = proc_port_of(line, " coap=");
    p->coaps = proc_port_of(line, " coaps=");
    p->coap_tcp = proc_port_of(line, " coap+tcp=");
    p->coaps_tcp = proc_port_of(line, " coaps+tcp=");
    return 1;
}

/**
 * Ends the server: gracefully with "quit" if @p graceful, else with
 * SIGKILL. Returns its wait status (0 for a clean exit), -1 if it hung.
 */
static inline int proc_stop(proc_t *p, int graceful) {
    int status = -1;
    if (p->pid > 0) {
        if (graceful) {
            proc_command(p, "quit");
        } else {
            kill(p->pid, SIGKILL);
        }
        uint64_t deadline = proc_now_ms() + PROC_TIMEOUT_MS;
        while (waitpid(p->pid, &status, WNOHANG) == 0) {
            if (proc_now_ms() > deadline) {
                kill(p->pid, SIGKILL);
                waitpid(p->pid, &status, 0);
                status = -1;
                break;
            }
            proc_pause_ms(10);
        }
        p->pid = -1;
    }
    if (p->cmd_fd >= 0) {
        close(p->cmd_fd);
        p->cmd_fd = -1;
    }
    if (p->out_fd >= 0) {
        close(p->out_fd);
        p->out_fd = -1;
    }
    return status;
}

#endif /* TERN_SERVER_TEST_PROC_H */
