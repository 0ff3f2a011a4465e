/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * udp-client HOST PORT [MESSAGE]: sends MESSAGE (default "hello") in one UDP
 * datagram, waits up to 2 s for one reply and prints it. Uses nothing but
 * Tern's public socket API; exits non-zero on any error.
 */
#include <avsystem/commons/avs_socket.h>

#include <stdio.h>
#include <string.h>

static int fail(const char *what, avs_error_t err) {
    char text[64];
    fprintf(stderr, "%s: %s\n", what,
            avs_error_describe(err, text, sizeof(text)));
    return 1;
}

static int exchange(avs_net_socket_t *socket, const char *host,
                    const char *port, const char *message) {
    avs_error_t err = avs_net_socket_connect(socket, host, port);
    if (avs_is_err(err)) {
        return fail("connect", err);
    }
    avs_net_socket_opt_value_t timeout;
    timeout.recv_timeout = avs_time_duration_from_scalar(2, AVS_TIME_S);
    err = avs_net_socket_set_opt(socket, AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
                                 timeout);
    if (avs_is_err(err)) {
        return fail("set receive timeout", err);
    }
    err = avs_net_socket_send(socket, message, strlen(message));
    if (avs_is_err(err)) {
        return fail("send", err);
    }
    char reply[2048];
    size_t received = 0;
    err = avs_net_socket_receive(socket, &received, reply, sizeof(reply));
    if (avs_is_err(err)) {
        return fail("receive", err);
    }
    printf("%.*s\n", (int) received, reply);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s HOST PORT [MESSAGE]\n", argv[0]);
        return 2;
    }
    avs_net_socket_t *socket = NULL;
    avs_error_t err = avs_net_udp_socket_create(&socket, NULL);
    if (avs_is_err(err)) {
        return fail("create socket", err);
    }
    int result =
            exchange(socket, argv[1], argv[2], argc > 3 ? argv[3] : "hello");
    err = avs_net_socket_cleanup(&socket);
    if (avs_is_err(err) && result == 0) {
        result = fail("cleanup", err);
    }
    return result;
}
