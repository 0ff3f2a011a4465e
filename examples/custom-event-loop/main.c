/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * An LwM2M client that runs its own event loop instead of
 * anjay_event_loop_run(): poll() over the client's sockets, as long as the
 * scheduler allows, then anjay_serve() for each readable socket and
 * anjay_sched_run(). An application that also waits on descriptors of its
 * own would add them to the same poll().
 *
 * usage: custom-event-loop <endpoint-name> <coaps-uri> <psk-identity> <psk>
 * Registers over DTLS with a pre-shared key, runs until SIGINT or SIGTERM,
 * then de-registers.
 */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <anjay/anjay.h>
#include <avsystem/commons/avs_log.h>

static volatile sig_atomic_t g_stop;

static void on_signal(int sig) {
    (void) sig;
    g_stop = 1;
}

#define MAX_SOCKETS 8

static int main_loop(anjay_t *anjay) {
    while (!g_stop) {
        struct pollfd fds[MAX_SOCKETS];
        avs_net_socket_t *sockets[MAX_SOCKETS];
        nfds_t count = 0;
        AVS_LIST(avs_net_socket_t *const) socket;
        AVS_LIST_FOREACH(socket, anjay_get_sockets(anjay)) {
            if (count == MAX_SOCKETS) {
                break;
            }
            sockets[count] = *socket;
            fds[count].fd = *(const int *) avs_net_socket_get_system(*socket);
            fds[count].events = POLLIN;
            fds[count].revents = 0;
            ++count;
        }
        /* Wake up at least once a second to notice the stop flag. */
        const int max_wait_ms = 1000;
        int wait_ms = anjay_sched_calculate_wait_time_ms(anjay, max_wait_ms);
        if (poll(fds, count, wait_ms) > 0) {
            for (nfds_t i = 0; i < count; ++i) {
                if (fds[i].revents && anjay_serve(anjay, sockets[i])) {
                    avs_log(example, WARNING, "anjay_serve failed");
                }
            }
        }
        anjay_sched_run(anjay);
    }
    return 0;
}

static int setup_objects(anjay_t *anjay, const char *uri, const char *identity,
                         const char *key) {
    if (anjay_security_object_install(anjay) ||
        anjay_server_object_install(anjay)) {
        return -1;
    }
    anjay_security_instance_t security;
    memset(&security, 0, sizeof(security));
    security.ssid = 1;
    security.server_uri = uri;
    security.security_mode = ANJAY_SECURITY_PSK;
    security.public_cert_or_psk_identity = (const uint8_t *) identity;
    security.public_cert_or_psk_identity_size = strlen(identity);
    security.private_cert_or_psk_key = (const uint8_t *) key;
    security.private_cert_or_psk_key_size = strlen(key);
    security.client_holdoff_s = -1;
    security.bootstrap_timeout_s = -1;
    anjay_iid_t security_iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &security, &security_iid)) {
        return -1;
    }
    anjay_server_instance_t server;
    memset(&server, 0, sizeof(server));
    server.ssid = 1;
    server.lifetime = 60;
    server.default_min_period = -1;
    server.default_max_period = -1;
    server.disable_timeout = -1;
    server.binding = "U";
    anjay_iid_t server_iid = ANJAY_ID_INVALID;
    return anjay_server_object_add_instance(anjay, &server, &server_iid);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr,
                "usage: %s <endpoint-name> <coaps-uri> <psk-identity> <psk>\n",
                argv[0]);
        return 2;
    }
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);

    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.endpoint_name = argv[1];
    config.in_buffer_size = 4000;
    config.out_buffer_size = 4000;
    config.msg_cache_size = 4000;
    anjay_t *anjay = anjay_new(&config);
    if (!anjay) {
        avs_log(example, ERROR, "cannot create the client");
        return 1;
    }
    int result = 0;
    if (setup_objects(anjay, argv[2], argv[3], argv[4])) {
        avs_log(example, ERROR,
                "cannot set up the Security and Server "
                "Objects");
        result = 1;
    } else {
        result = main_loop(anjay);
    }
    /* De-registers before it frees everything. */
    anjay_delete(anjay);
    return result;
}
