/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Peer processes: every one runs under `timeout` (so a hung peer dies even
 * if this program does), reads its stdin from a pipe this program holds open,
 * writes everything to a log file, and is stopped by its PID.
 */
#include "tc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* No peer is needed for longer; `timeout` ends it otherwise. */
#define PEER_LIFETIME "60"

static void sleep_ms(int ms) {
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long) (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) && errno == EINTR) {
    }
}

static int bound_port(int fd) {
    struct sockaddr_in addr;
    socklen_t length = sizeof(addr);
    if (getsockname(fd, (struct sockaddr *) &addr, &length)) {
        return -1;
    }
    return ntohs(addr.sin_port);
}

static int try_bind(int type, int port) {
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t) port);
    if (bind(fd, (struct sockaddr *) &addr, sizeof(addr))) {
        close(fd);
        return -1;
    }
    return fd;
}

int tc_free_port(bool udp) {
    int fd = try_bind(udp ? SOCK_DGRAM : SOCK_STREAM, 0);
    int port = fd >= 0 ? bound_port(fd) : -1;
    if (fd >= 0) {
        close(fd);
    }
    return port;
}

int tc_free_port_pair(void) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        int port = tc_free_port(true);
        if (port <= 0 || port >= 65535) {
            continue;
        }
        int fd = try_bind(SOCK_DGRAM, port + 1);
        if (fd >= 0) {
            close(fd);
            return port;
        }
    }
    return -1;
}

static bool port_listed(const char *table, int port, bool need_listen) {
    FILE *file = fopen(table, "r");
    if (!file) {
        return false;
    }
    char line[512];
    bool found = false;
    /* The first line is a header. */
    if (!fgets(line, sizeof(line), file)) {
        fclose(file);
        return false;
    }
    while (!found && fgets(line, sizeof(line), file)) {
        unsigned local_port = 0, state = 0;
        char local[64];
        if (sscanf(line, "%*s %63s %*s %x", local, &state) != 2) {
            continue;
        }
        const char *colon = strrchr(local, ':');
        if (!colon || sscanf(colon + 1, "%x", &local_port) != 1) {
            continue;
        }
        /* 0x0A is TCP_LISTEN. */
        found = (int) local_port == port && (!need_listen || state == 0x0A);
    }
    fclose(file);
    return found;
}

bool tc_wait_listening(int port, bool udp, int timeout_ms) {
    int64_t deadline = tc_now_ms() + timeout_ms;
    do {
        if (udp ? (port_listed("/proc/net/udp", port, false) ||
                   port_listed("/proc/net/udp6", port, false))
                : (port_listed("/proc/net/tcp", port, true) ||
                   port_listed("/proc/net/tcp6", port, true))) {
            return true;
        }
        sleep_ms(10);
    } while (tc_now_ms() < deadline);
    return false;
}

bool tc_peer_start(tc_peer_t *peer, const char *name, int port, bool udp,
                   const char *const *argv) {
    memset(peer, 0, sizeof(*peer));
    peer->pid = -1;
    peer->stdin_fd = -1;
    snprintf(peer->log_path, sizeof(peer->log_path), "%s", tc_path(name));
    size_t argc = 0;
    while (argv[argc]) {
        ++argc;
    }
    const char **full = (const char **) calloc(argc + 3, sizeof(char *));
    if (!full) {
        return false;
    }
    full[0] = "timeout";
    full[1] = PEER_LIFETIME;
    memcpy(full + 2, argv, argc * sizeof(char *));
    int pipe_fds[2];
    if (pipe(pipe_fds)) {
        free(full);
        return false;
    }
    int log_fd = open(peer->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (log_fd < 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        free(full);
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[0], STDIN_FILENO);
        dup2(log_fd, STDOUT_FILENO);
        dup2(log_fd, STDERR_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        close(log_fd);
        execvp("timeout", (char *const *) (intptr_t) full);
        _exit(127);
    }
    close(pipe_fds[0]);
    close(log_fd);
    free(full);
    if (pid < 0) {
        close(pipe_fds[1]);
        return false;
    }
    peer->pid = pid;
    peer->stdin_fd = pipe_fds[1];
    if (tc_verbose) {
        fprintf(stderr, "    started %s (pid %d) on port %d\n", argv[0],
                (int) pid, port);
    }
    if (!tc_wait_listening(port, udp, 5000)) {
        tc_peer_stop(peer);
        return false;
    }
    return true;
}

void tc_peer_stop(tc_peer_t *peer) {
    if (peer->stdin_fd >= 0) {
        close(peer->stdin_fd);
        peer->stdin_fd = -1;
    }
    if (peer->pid <= 0) {
        return;
    }
    /* `timeout` passes SIGTERM on to the peer. */
    kill(peer->pid, SIGTERM);
    for (int i = 0; i < 200; ++i) {
        if (waitpid(peer->pid, NULL, WNOHANG) == peer->pid) {
            peer->pid = -1;
            return;
        }
        sleep_ms(10);
    }
    kill(peer->pid, SIGKILL);
    waitpid(peer->pid, NULL, 0);
    peer->pid = -1;
}

bool tc_peer_write(tc_peer_t *peer, const void *data, size_t size) {
    const char *bytes = (const char *) data;
    while (size) {
        ssize_t written = write(peer->stdin_fd, bytes, size);
        if (written <= 0) {
            if (written < 0 && errno == EINTR) {
                continue;
            }
            return false;
        }
        bytes += written;
        size -= (size_t) written;
    }
    return true;
}

bool tc_peer_log_contains(const tc_peer_t *peer, const char *needle) {
    FILE *file = fopen(peer->log_path, "r");
    if (!file) {
        return false;
    }
    char line[4096];
    bool found = false;
    while (!found && fgets(line, sizeof(line), file)) {
        found = strstr(line, needle) != NULL;
    }
    fclose(file);
    return found;
}

bool tc_peer_wait_log(const tc_peer_t *peer, const char *needle,
                      int timeout_ms) {
    int64_t deadline = tc_now_ms() + timeout_ms;
    do {
        if (tc_peer_log_contains(peer, needle)) {
            return true;
        }
        sleep_ms(10);
    } while (tc_now_ms() < deadline);
    return false;
}

bool tc_start_s_server(tc_peer_t *peer, int *out_port, bool dtls,
                       const char *const *extra) {
    static int serial;
    const char *argv[48];
    char accept[32];
    char log_name[64];
    /* A port taken by someone else between the probe and the bind only
     * costs another attempt. */
    for (int attempt = 0; attempt < 3; ++attempt) {
        int port = tc_free_port(dtls);
        if (port <= 0) {
            return false;
        }
        snprintf(accept, sizeof(accept), "127.0.0.1:%d", port);
        snprintf(log_name, sizeof(log_name), "s_server-%d.log", ++serial);
        size_t argc = 0;
        argv[argc++] = "openssl";
        argv[argc++] = "s_server";
        argv[argc++] = "-accept";
        argv[argc++] = accept;
        if (dtls) {
            argv[argc++] = "-dtls1_2";
        }
        for (size_t i = 0; extra[i] && argc < 47; ++i) {
            argv[argc++] = extra[i];
        }
        argv[argc] = NULL;
        if (tc_peer_start(peer, log_name, port, dtls, argv)) {
            *out_port = port;
            return true;
        }
    }
    return false;
}
