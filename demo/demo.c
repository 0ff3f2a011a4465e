/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * tern-demo: an LwM2M client with a Device Object and a Time Object,
 * configured from the command line like the Anjay demo. It registers with
 * one server (or bootstraps from it with -b), serves it until SIGINT or
 * SIGTERM, and then de-registers.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <anjay/anjay.h>
#include <avsystem/commons/avs_log.h>
#include <tern/tern_config.h>

#include "demo_args.h"
#include "demo_objects.h"

static anjay_t *volatile g_anjay;
static volatile sig_atomic_t g_stop;
static bool g_reboot;

static void on_signal(int sig) {
    (void) sig;
    g_stop = 1;
    anjay_t *anjay = g_anjay;
    if (anjay) {
        anjay_event_loop_interrupt(anjay);
    }
}

/* A signal that lands before the loop runs finds nothing to interrupt;
 * this check catches it within a second. */
static void watch_job(avs_sched_t *sched, const void *data) {
    anjay_t *anjay = *(anjay_t *const *) data;
    if (g_stop) {
        anjay_event_loop_interrupt(anjay);
    }
    AVS_SCHED_DELAYED(sched, NULL, avs_time_duration_from_scalar(1, AVS_TIME_S),
                      watch_job, &anjay, sizeof(anjay));
}

static void reboot(void *arg) {
    anjay_t *anjay = (anjay_t *) arg;
    avs_log(demo, INFO, "rebooting: the client starts over");
    g_reboot = true;
    anjay_event_loop_interrupt(anjay);
}

static const char *level_name(avs_log_level_t level) {
    switch (level) {
        case AVS_LOG_TRACE:
            return "TRACE";
        case AVS_LOG_DEBUG:
            return "DEBUG";
        case AVS_LOG_INFO:
            return "INFO";
        case AVS_LOG_WARNING:
            return "WARN";
        default:
            return "ERROR";
    }
}

static void log_line(avs_log_level_t level, const char *module,
                     const char *file, unsigned line, const char *message) {
    (void) file;
    (void) line;
    struct timespec now;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &now);
    localtime_r(&now.tv_sec, &tm);
    fprintf(stderr, "%02d:%02d:%02d.%03ld %-5s [%s] %s\n", tm.tm_hour,
            tm.tm_min, tm.tm_sec, now.tv_nsec / 1000000, level_name(level),
            module, message);
}

static int add_accounts(anjay_t *anjay, const demo_args_t *args) {
    anjay_security_instance_t security;
    memset(&security, 0, sizeof(security));
    security.ssid = 1;
    security.server_uri = args->server_uri;
    security.bootstrap_server = args->bootstrap;
    security.security_mode = (anjay_security_mode_t) args->security_mode;
    security.client_holdoff_s = -1;
    security.bootstrap_timeout_s = -1;
    if (args->security_mode == ANJAY_SECURITY_PSK) {
        security.public_cert_or_psk_identity = args->identity.data;
        security.public_cert_or_psk_identity_size = args->identity.size;
        security.private_cert_or_psk_key = args->key.data;
        security.private_cert_or_psk_key_size = args->key.size;
    } else if (args->security_mode == ANJAY_SECURITY_CERTIFICATE) {
        security.public_cert_or_psk_identity = args->client_cert.data;
        security.public_cert_or_psk_identity_size = args->client_cert.size;
        security.private_cert_or_psk_key = args->client_key.data;
        security.private_cert_or_psk_key_size = args->client_key.size;
        security.server_public_key = args->server_public_key.data;
        security.server_public_key_size = args->server_public_key.size;
    }
    security.ciphersuites.ids = args->ciphersuites;
    security.ciphersuites.num_ids = args->ciphersuite_count;
    anjay_iid_t iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &security, &iid)) {
        avs_log(demo, ERROR, "the Security Object refused the settings");
        return -1;
    }
    if (args->bootstrap) {
        return 0;
    }
    anjay_server_instance_t server;
    memset(&server, 0, sizeof(server));
    server.ssid = 1;
    server.lifetime = args->lifetime;
    server.default_min_period = -1;
    server.default_max_period = -1;
    server.disable_timeout = -1;
    server.binding = strstr(args->server_uri, "+tcp://") ? "T" : "U";
    iid = ANJAY_ID_INVALID;
    if (anjay_server_object_add_instance(anjay, &server, &iid)) {
        avs_log(demo, ERROR, "the Server Object refused the settings");
        return -1;
    }
    return 0;
}

typedef struct {
    const anjay_dm_object_def_t **device;
    const anjay_dm_object_def_t **time;
} demo_objects_t;

static anjay_t *start_client(const demo_args_t *args, demo_objects_t *objects) {
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.endpoint_name = args->endpoint_name;
    config.udp_listen_port = args->udp_listen_port;
    config.in_buffer_size = 4096;
    /* Larger payloads go block-wise, even on loopback whose MTU would
     * allow bigger datagrams than many servers (libcoap) accept. */
    config.out_buffer_size = 1152;
    config.msg_cache_size = 4096;
    config.confirmable_notifications = args->confirmable_notifications;
    anjay_t *anjay = anjay_new(&config);
    if (!anjay) {
        return NULL;
    }
    objects->device = demo_device_object_create(reboot, anjay);
    objects->time = demo_time_object_create();
    if (anjay_security_object_install(anjay) ||
        anjay_server_object_install(anjay) || add_accounts(anjay, args) ||
        !objects->device || !objects->time ||
        anjay_register_object(anjay, objects->device) ||
        anjay_register_object(anjay, objects->time) ||
        demo_time_object_start(anjay, objects->time) ||
        AVS_SCHED_NOW(anjay_get_scheduler(anjay), NULL, watch_job, &anjay,
                      sizeof(anjay))) {
        avs_log(demo, ERROR, "cannot set the client up");
        anjay_delete(anjay);
        return NULL;
    }
    return anjay;
}

int main(int argc, char **argv) {
    demo_args_t args;
    int parsed = demo_args_parse(argc, argv, &args);
    if (parsed) {
        demo_args_free(&args);
        return parsed > 0 ? 0 : 2;
    }
    avs_log_set_extended_handler(log_line);
    struct sigaction action;
    memset(&action, 0, sizeof(action));
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    signal(SIGPIPE, SIG_IGN);

    int result = 0;
    do {
        g_reboot = false;
        demo_objects_t objects = {NULL, NULL};
        anjay_t *anjay = start_client(&args, &objects);
        if (!anjay) {
            demo_device_object_release(objects.device);
            demo_time_object_release(objects.time);
            result = 1;
            break;
        }
        avs_log(demo, INFO,
                "tern-demo on Tern %s (Anjay API %s): endpoint %s, server %s%s",
                TERN_VERSION, anjay_get_version(), args.endpoint_name,
                args.server_uri, args.bootstrap ? " (bootstrap)" : "");
        g_anjay = anjay;
        if (!g_stop &&
            anjay_event_loop_run_with_error_handling(
                    anjay, avs_time_duration_from_scalar(1, AVS_TIME_S))) {
            result = 1;
        }
        g_anjay = NULL;
        if (g_stop) {
            avs_log(demo, INFO, "stopping: de-registering");
        }
        anjay_delete(anjay);
        demo_device_object_release(objects.device);
        demo_time_object_release(objects.time);
    } while (g_reboot && !g_stop && !result);
    avs_log(demo, INFO, "bye");
    demo_args_free(&args);
    return result;
}
