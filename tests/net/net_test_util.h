/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Helpers for the socket tests: peers built on plain POSIX sockets (so that
 * the layer under test is never its own witness), a monotonic stopwatch, and
 * a probe for IPv6 loopback.
 */
#ifndef TERN_TESTS_NET_TEST_UTIL_H
#define TERN_TESTS_NET_TEST_UTIL_H

#include <avsystem/commons/avs_net.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline int64_t nt_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void nt_sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long) (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) && errno == EINTR) {
    }
}

/* Fills @p out with @p host : @p port; 0 on success. */
static inline int nt_make_addr(struct sockaddr_storage *out, socklen_t *out_len,
                               const char *host, unsigned port) {
    memset(out, 0, sizeof(*out));
    struct sockaddr_in *in4 = (struct sockaddr_in *) out;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) out;
    if (inet_pton(AF_INET, host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t) port);
        *out_len = sizeof(*in4);
        return 0;
    }
    if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t) port);
        *out_len = sizeof(*in6);
        return 0;
    }
    return -1;
}

static inline unsigned nt_fd_port(int fd) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    if (getsockname(fd, (struct sockaddr *) &ss, &len)) {
        return 0;
    }
    return ntohs(ss.ss_family == AF_INET
                         ? ((struct sockaddr_in *) &ss)->sin_port
                         : ((struct sockaddr_in6 *) &ss)->sin6_port);
}

/*
 * A plain socket bound to numeric @p host and @p port (0: ephemeral); TCP
 * ones also listen. Returns the descriptor or -1.
 */
static inline int nt_bound_socket(int type, const char *host, unsigned port) {
    struct sockaddr_storage ss;
    socklen_t len;
    if (nt_make_addr(&ss, &len, host, port)) {
        return -1;
    }
    int fd = socket(ss.ss_family, type, 0);
    if (fd < 0) {
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (ss.ss_family == AF_INET6) {
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    }
    if (bind(fd, (struct sockaddr *) &ss, len) ||
        (type == SOCK_STREAM && listen(fd, 8))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* True if ::1 can be bound here; prints why not otherwise. */
static inline bool nt_ipv6_available(void) {
    int fd = nt_bound_socket(SOCK_DGRAM, "::1", 0);
    if (fd < 0) {
        printf("     (skipped: IPv6 loopback unavailable: %s)\n",
               strerror(errno));
        return false;
    }
    close(fd);
    return true;
}

/* Waits up to @p ms for @p fd to be readable; true if it is. */
static inline bool nt_readable(int fd, int ms) {
    struct pollfd pfd = {fd, POLLIN, 0};
    return poll(&pfd, 1, ms) > 0;
}

/* A UDP echo peer on its own thread: answers each datagram until stopped. */
typedef struct {
    int fd;
    volatile int stop;
    /* Counted before the answer goes out, so that whoever got the answer
     * sees the count. */
    volatile int echoed;
    pthread_t thread;
    char port[8];
} nt_udp_echo_t;

static inline void *nt_udp_echo_main(void *arg) {
    nt_udp_echo_t *echo = (nt_udp_echo_t *) arg;
    char buf[65536];
    while (!echo->stop) {
        if (!nt_readable(echo->fd, 50)) {
            continue;
        }
        struct sockaddr_storage from;
        socklen_t from_len = sizeof(from);
        ssize_t n = recvfrom(echo->fd, buf, sizeof(buf), 0,
                             (struct sockaddr *) &from, &from_len);
        if (n >= 0) {
            ++echo->echoed;
            sendto(echo->fd, buf, (size_t) n, 0, (struct sockaddr *) &from,
                   from_len);
        }
    }
    return NULL;
}

/* Starts an echo peer on numeric @p host; 0 on success. */
static inline int nt_udp_echo_start(nt_udp_echo_t *echo, const char *host) {
    memset(echo, 0, sizeof(*echo));
    echo->fd = nt_bound_socket(SOCK_DGRAM, host, 0);
    if (echo->fd < 0) {
        return -1;
    }
    snprintf(echo->port, sizeof(echo->port), "%u", nt_fd_port(echo->fd));
    if (pthread_create(&echo->thread, NULL, nt_udp_echo_main, echo)) {
        close(echo->fd);
        return -1;
    }
    return 0;
}

static inline void nt_udp_echo_stop(nt_udp_echo_t *echo) {
    echo->stop = 1;
    pthread_join(echo->thread, NULL);
    close(echo->fd);
}

/* Reads one datagram from a plain descriptor with a bounded wait; returns
 * its length or -1. */
static inline ssize_t nt_recv(int fd, void *buf, size_t len, int ms) {
    if (!nt_readable(fd, ms)) {
        return -1;
    }
    return recv(fd, buf, len, 0);
}

static inline avs_net_socket_state_t nt_state(avs_net_socket_t *socket) {
    avs_net_socket_opt_value_t value;
    memset(&value, 0, sizeof(value));
    value.state = (avs_net_socket_state_t) -1;
    avs_net_socket_get_opt(socket, AVS_NET_SOCKET_OPT_STATE, &value);
    return value.state;
}

static inline avs_error_t nt_set_timeout_ms(avs_net_socket_t *socket,
                                            int64_t ms) {
    avs_net_socket_opt_value_t value;
    value.recv_timeout = avs_time_duration_from_scalar(ms, AVS_TIME_MS);
    return avs_net_socket_set_opt(socket, AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
                                  value);
}

static inline int nt_system_fd(avs_net_socket_t *socket) {
    const int *fd = (const int *) avs_net_socket_get_system(socket);
    return fd ? *fd : -1;
}

#endif /* TERN_TESTS_NET_TEST_UTIL_H */
