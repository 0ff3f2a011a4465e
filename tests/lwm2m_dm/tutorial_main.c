/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A client main() in the style of Anjay's tutorials: compiled (not linked)
 * to prove that such code builds against Tern's headers with -Werror.
 */

#include <string.h>

#include <anjay/anjay.h>
#include <anjay/attr_storage.h>
#include <anjay/lwm2m_send.h>
#include <anjay/security.h>
#include <anjay/server.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_sched.h>

#include "tutorial_object.h"

static int setup_security_object(anjay_t *anjay) {
    if (anjay_security_object_install(anjay)) {
        return -1;
    }
    static const char PSK_IDENTITY[] = "identity";
    static const char PSK_KEY[] = "P4s$w0rd";
    anjay_security_instance_t security_instance = {
            .ssid = 1,
            .server_uri = "coaps://eu.iot.avsystem.cloud:5684",
            .security_mode = ANJAY_SECURITY_PSK,
            .public_cert_or_psk_identity = (const uint8_t *) PSK_IDENTITY,
            .public_cert_or_psk_identity_size = strlen(PSK_IDENTITY),
            .private_cert_or_psk_key = (const uint8_t *) PSK_KEY,
            .private_cert_or_psk_key_size = strlen(PSK_KEY)};
    anjay_iid_t security_instance_id = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(anjay, &security_instance,
                                           &security_instance_id)) {
        avs_log(tutorial, ERROR, "Failed to instantiate Security object");
        return -1;
    }
    return 0;
}

static int setup_server_object(anjay_t *anjay) {
    if (anjay_server_object_install(anjay)) {
        return -1;
    }
    const anjay_server_instance_t server_instance = {.ssid = 1,
                                                     .lifetime = 60,
                                                     .default_min_period = -1,
                                                     .default_max_period = -1,
                                                     .disable_timeout = -1,
                                                     .binding = "U"};
    anjay_iid_t server_instance_id = ANJAY_ID_INVALID;
    if (anjay_server_object_add_instance(anjay, &server_instance,
                                         &server_instance_id)) {
        avs_log(tutorial, ERROR, "Failed to instantiate Server object");
        return -1;
    }
    return 0;
}

typedef struct {
    anjay_t *anjay;
    const anjay_dm_object_def_t **object;
} notify_job_args_t;

static void notify_job(avs_sched_t *sched, const void *args_ptr) {
    const notify_job_args_t *args = (const notify_job_args_t *) args_ptr;
    (void) anjay_notify_changed(args->anjay, 1234, 0, 2);
    anjay_send_batch_builder_t *builder = anjay_send_batch_builder_new();
    if (builder) {
        if (!anjay_send_batch_data_add_current(builder, args->anjay, 1234, 0,
                                               2)) {
            anjay_send_batch_t *batch =
                    anjay_send_batch_builder_compile(&builder);
            if (batch && anjay_send(args->anjay, 1, batch, NULL, NULL) !=
                                 ANJAY_SEND_OK) {
                avs_log(tutorial, WARNING, "Send refused");
            }
            anjay_send_batch_release(&batch);
        }
        anjay_send_batch_builder_cleanup(&builder);
    }
    AVS_SCHED_DELAYED(sched, NULL, avs_time_duration_from_scalar(1, AVS_TIME_S),
                      notify_job, args, sizeof(*args));
}

int main(int argc, char *argv[]) {
    if (argc != 2) {
        avs_log(tutorial, ERROR, "usage: %s ENDPOINT_NAME", argv[0]);
        return -1;
    }
    const anjay_configuration_t CONFIG = {.endpoint_name = argv[1],
                                          .in_buffer_size = 4000,
                                          .out_buffer_size = 4000,
                                          .msg_cache_size = 4000};
    anjay_t *anjay = anjay_new(&CONFIG);
    if (!anjay) {
        avs_log(tutorial, ERROR, "Could not create Anjay object");
        return -1;
    }
    int result = 0;
    const anjay_dm_object_def_t **greeting = greeting_object_create();
    if (setup_security_object(anjay) || setup_server_object(anjay) ||
        !greeting || anjay_register_object(anjay, greeting)) {
        result = -1;
    }
    if (!result) {
        notify_job_args_t args = {anjay, greeting};
        AVS_SCHED_NOW(anjay_get_scheduler(anjay), NULL, notify_job, &args,
                      sizeof(args));
        result = anjay_event_loop_run(
                anjay, avs_time_duration_from_scalar(1, AVS_TIME_S));
    }
    anjay_delete(anjay);
    greeting_object_release(greeting);
    return result;
}
