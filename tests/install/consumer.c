/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A program that knows Tern only through its installed headers and library:
 * one UDP exchange with a loopback echo peer.
 * Usage: consumer HOST PORT
 */
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_time.h>

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    static const char message[] = "tern-install-check";
    char reply[64];
    size_t received = 0;
    avs_net_socket_t *sock = NULL;
    avs_net_socket_opt_value_t timeout;
    int result = 1;

    if (argc != 3) {
        fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
        return 2;
    }
    timeout.recv_timeout = avs_time_duration_from_scalar(2, AVS_TIME_S);
    if (avs_is_err(avs_net_udp_socket_create(&sock, NULL)) ||
        avs_is_err(avs_net_socket_set_opt(sock, AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
                                          timeout)) ||
        avs_is_err(avs_net_socket_connect(sock, argv[1], argv[2])) ||
        avs_is_err(avs_net_socket_send(sock, message, strlen(message))) ||
        avs_is_err(avs_net_socket_receive(sock, &received, reply,
                                          sizeof(reply) - 1))) {
        fprintf(stderr, "consumer: socket operation failed\n");
    } else {
        reply[received] = '\0';
        printf("consumer: got \"%s\"\n", reply);
        result = strcmp(reply, message) == 0 ? 0 : 1;
    }
    avs_net_socket_cleanup(&sock);
    return result;
}
