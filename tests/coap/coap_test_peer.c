/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "coap_test_peer.h"

static int bind_port(int type, int port) {
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) {
        return -1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t) port);
    socklen_t len = sizeof(addr);
    if (bind(fd, (struct sockaddr *) &addr, sizeof(addr)) ||
        getsockname(fd, (struct sockaddr *) &addr, &len)) {
        close(fd);
        return -1;
    }
    int result = ntohs(addr.sin_port);
    close(fd);
    return result;
}

int peer_free_port(bool pair) {
    for (int attempt = 0; attempt < 50; ++attempt) {
        int port = bind_port(SOCK_DGRAM, 0);
        if (port <= 0 || port >= 65535) {
            continue;
        }
        if (bind_port(SOCK_STREAM, port) != port) {
            continue;
        }
        if (pair && (bind_port(SOCK_DGRAM, port + 1) != port + 1 ||
                     bind_port(SOCK_STREAM, port + 1) != port + 1)) {
            continue;
        }
        return port;
    }
    return 0;
}

bool peer_available(const char *program) {
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", program);
    return system(cmd) == 0;
}

pid_t peer_spawn(int seconds, const char *const argv[], int *out_stdout) {
    int fds[2] = {-1, -1};
    if (out_stdout && pipe(fds)) {
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        return -1;
    }
    if (pid == 0) {
        int null_fd = open("/dev/null", O_RDWR);
        dup2(null_fd, STDIN_FILENO);
        dup2(null_fd, STDERR_FILENO);
        dup2(out_stdout ? fds[1] : null_fd, STDOUT_FILENO);
        if (out_stdout) {
            close(fds[0]);
            close(fds[1]);
        }
        char limit[16];
        snprintf(limit, sizeof(limit), "%d", seconds);
        const char *args[64] = {"timeout", limit};
        size_t n = 2;
        for (size_t i = 0; argv[i] && n < 63; ++i) {
            args[n++] = argv[i];
        }
        args[n] = NULL;
        execvp("timeout", (char *const *) (intptr_t) args);
        _exit(127);
    }
    if (out_stdout) {
        close(fds[1]);
        fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
        *out_stdout = fds[0];
    }
    return pid;
}

bool peer_exited(pid_t pid, int *out_status) {
    int status = 0;
    pid_t result = waitpid(pid, &status, WNOHANG);
    if (result == pid) {
        if (out_status) {
            *out_status = status;
        }
        return true;
    }
    return result < 0;
}

void peer_kill(pid_t pid) {
    if (pid <= 0) {
        return;
    }
    if (!peer_exited(pid, NULL)) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
    }
}

size_t peer_drain(int fd, char *buf, size_t len, size_t cap) {
    for (;;) {
        if (len + 1 >= cap) {
            break;
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n <= 0) {
            break;
        }
        len += (size_t) n;
    }
    buf[len] = '\0';
    return len;
}

bool peer_loop(tern_coap_ctx_t *ctx, avs_sched_t *sched, const int *flag,
               pid_t child, int ms) {
    avs_time_monotonic_t end = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(ms, AVS_TIME_MS));
    for (;;) {
        if (flag && *flag) {
            return true;
        }
        if (child > 0 && peer_exited(child, NULL)) {
            return flag ? *flag != 0 : true;
        }
        avs_time_monotonic_t now = avs_time_monotonic_now();
        if (!avs_time_monotonic_before(now, end)) {
            return false;
        }
        int wait_ms = 10;
        avs_time_duration_t next = avs_sched_time_to_next(sched);
        int64_t next_ms;
        if (avs_time_duration_valid(next) &&
            !avs_time_duration_to_scalar(&next_ms, AVS_TIME_MS, next) &&
            next_ms < wait_ms) {
            wait_ms = (int) next_ms;
        }
        const int *fd = ctx ? (const int *) avs_net_socket_get_system(
                                      tern_coap_ctx_socket(ctx))
                            : NULL;
        if (fd && *fd >= 0) {
            struct pollfd p = {.fd = *fd, .events = POLLIN};
            if (poll(&p, 1, wait_ms) > 0) {
                tern_coap_handle_incoming(ctx);
            }
        } else {
            poll(NULL, 0, wait_ms);
        }
        avs_sched_run(sched);
    }
}

avs_net_socket_t *peer_udp_socket(int local_port, int remote_port) {
    avs_net_socket_t *socket = NULL;
    char local[16];
    char remote[16];
    snprintf(local, sizeof(local), "%d", local_port);
    snprintf(remote, sizeof(remote), "%d", remote_port);
    if (avs_is_err(avs_net_udp_socket_create(&socket, NULL)) ||
        (local_port &&
         avs_is_err(avs_net_socket_bind(socket, "127.0.0.1", local))) ||
        avs_is_err(avs_net_socket_connect(socket, "127.0.0.1", remote))) {
        avs_net_socket_cleanup(&socket);
        return NULL;
    }
    return socket;
}

avs_net_socket_t *peer_tcp_socket(int port) {
    avs_net_socket_t *socket = NULL;
    char remote[16];
    snprintf(remote, sizeof(remote), "%d", port);
    if (avs_is_err(avs_net_tcp_socket_create(&socket, NULL)) ||
        avs_is_err(avs_net_socket_connect(socket, "127.0.0.1", remote))) {
        avs_net_socket_cleanup(&socket);
        return NULL;
    }
    return socket;
}
