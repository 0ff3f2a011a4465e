/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Drives the network layer of net_impl.c through Tern's public socket API:
 * one datagram to a loopback echo peer and back. Exits 0 only if the echo
 * matches what was sent.
 */
#define _POSIX_C_SOURCE 200809L

#include <avsystem/commons/avs_socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The peer: a plain socket on 127.0.0.1 that answers one datagram. */
static void *echo_once(void *arg) {
    int fd = *(int *) arg;
    struct pollfd pfd = {fd, POLLIN, 0};
    if (poll(&pfd, 1, 5000) == 1) {
        char buf[512];
        struct sockaddr_storage from;
        socklen_t from_len = sizeof(from);
        ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *) &from,
                             &from_len);
        if (n >= 0) {
            sendto(fd, buf, (size_t) n, 0, (struct sockaddr *) &from, from_len);
        }
    }
    return NULL;
}

static int start_peer(int *out_fd, char *port, size_t port_size) {
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    *out_fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (*out_fd < 0 || bind(*out_fd, (struct sockaddr *) &addr, len) ||
        getsockname(*out_fd, (struct sockaddr *) &addr, &len)) {
        return -1;
    }
    snprintf(port, port_size, "%u", (unsigned) ntohs(addr.sin_port));
    return 0;
}

int main(void) {
    static const char message[] = "hello through a custom network layer";
    int peer_fd = -1;
    char port[8];
    pthread_t peer;
    if (start_peer(&peer_fd, port, sizeof(port)) ||
        pthread_create(&peer, NULL, echo_once, &peer_fd)) {
        fprintf(stderr, "cannot start the echo peer\n");
        return 1;
    }

    avs_net_socket_t *socket = NULL;
    char reply[512];
    size_t received = 0;
    avs_net_socket_opt_value_t timeout;
    timeout.recv_timeout = avs_time_duration_from_scalar(2, AVS_TIME_S);
    avs_error_t err = avs_net_udp_socket_create(&socket, NULL);
    if (avs_is_ok(err)) {
        err = avs_net_socket_connect(socket, "127.0.0.1", port);
    }
    if (avs_is_ok(err)) {
        err = avs_net_socket_set_opt(socket, AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
                                     timeout);
    }
    if (avs_is_ok(err)) {
        err = avs_net_socket_send(socket, message, sizeof(message) - 1);
    }
    if (avs_is_ok(err)) {
        err = avs_net_socket_receive(socket, &received, reply, sizeof(reply));
    }
    avs_net_socket_cleanup(&socket);
    pthread_join(peer, NULL);
    close(peer_fd);

    if (avs_is_err(err)) {
        fprintf(stderr, "socket error: category %u code %u\n",
                (unsigned) err.category, (unsigned) err.code);
        return 1;
    }
    if (received != sizeof(message) - 1 ||
        memcmp(reply, message, received) != 0) {
        fprintf(stderr, "the echo did not match\n");
        return 1;
    }
    printf("echo matched: %.*s\n", (int) received, reply);
    return 0;
}
