/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Parts of the session layer that need no server: URI parsing, the Update
 * schedule, the event loop and its interruption, API misuse. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lwm2m/session/session.h"
#include "tern_test.h"

static void test_uri_parse(void) {
    tern_sess_uri_t uri;
    TT_EQ(tern_sess_uri_parse("coap://example.com", &uri), 0);
    TT_STREQ(uri.host, "example.com");
    TT_STREQ(uri.port, "5683");
    TT_CHECK(!uri.secure && !uri.tcp);
    TT_EQ(tern_sess_uri_parse("COAPS://[::1]:5999/alt?x", &uri), 0);
    TT_STREQ(uri.host, "::1");
    TT_STREQ(uri.port, "5999");
    TT_CHECK(uri.secure && !uri.tcp);
    TT_EQ(tern_sess_uri_parse("coap+tcp://10.0.0.1", &uri), 0);
    TT_CHECK(!uri.secure && uri.tcp);
    TT_STREQ(uri.port, "5683");
    TT_EQ(tern_sess_uri_parse("coaps+tcp://h:1", &uri), 0);
    TT_CHECK(uri.secure && uri.tcp);
    TT_EQ(tern_sess_uri_parse("http://h", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h:", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h:12x", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://[::1", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h:123456789", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h:65535", &uri), 0);
    TT_STREQ(uri.port, "65535");
    TT_EQ(tern_sess_uri_parse("coap://h:70000", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h:0", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://[::1/x]", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://[[::1]", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h]", &uri), -1);
    TT_EQ(tern_sess_uri_parse("coap://h[1]:5683", &uri), -1);
}

static int64_t delay_ms(int32_t lifetime) {
    int64_t ms = -1;
    avs_time_duration_to_scalar(&ms, AVS_TIME_MS,
                                tern_sess_update_delay(lifetime));
    return ms;
}

static void test_update_schedule(void) {
    /* A quarter of the lifetime, at least 15 s, at most half of it. */
    TT_EQ(delay_ms(86400), 64800000);
    TT_EQ(delay_ms(120), 90000);
    TT_EQ(delay_ms(60), 45000);
    TT_EQ(delay_ms(20), 10000);
    TT_EQ(delay_ms(6), 3000);
    TT_CHECK(!avs_time_duration_valid(tern_sess_update_delay(0)));
}

static anjay_t *g_anjay;

static void *interrupter(void *arg) {
    (void) arg;
    nanosleep(&(struct timespec){0, 200000000}, NULL);
    anjay_event_loop_interrupt(g_anjay);
    return NULL;
}

static void test_event_loop_interrupt(void) {
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.endpoint_name = "unit";
    g_anjay = anjay_new(&config);
    TT_CHECK(g_anjay);
    /* No loop runs: nothing to interrupt. */
    TT_EQ(anjay_event_loop_interrupt(g_anjay), -1);
    pthread_t thread;
    TT_EQ(pthread_create(&thread, NULL, interrupter, NULL), 0);
    /* A long max_wait_time: only the wake-up pipe ends the wait early. */
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    TT_EQ(anjay_event_loop_run(g_anjay,
                               avs_time_duration_from_scalar(30, AVS_TIME_S)),
          0);
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(thread, NULL);
    TT_CHECK(end.tv_sec - start.tv_sec < 5);
    /* The loop can run again and be interrupted from one of its jobs. */
    TT_EQ(anjay_event_loop_interrupt(g_anjay), -1);
    TT_CHECK(!anjay_get_sockets(g_anjay));
    TT_EQ(anjay_serve(g_anjay, NULL), -1);
    TT_EQ(anjay_schedule_registration_update(g_anjay, 7), -1);
    TT_EQ(anjay_disable_server(g_anjay, 7), -1);
    TT_EQ(anjay_schedule_bootstrap_request(g_anjay), -1);
    TT_CHECK(!anjay_all_connections_failed(g_anjay));
    TT_EQ(anjay_get_server_connection_status(g_anjay, 1),
          ANJAY_SERV_CONN_STATUS_INVALID);
    TT_EQ(anjay_get_tx_bytes(g_anjay), 0);
    TT_EQ(anjay_get_num_outgoing_retransmissions(g_anjay), 0);
    TT_EQ(anjay_get_num_incoming_retransmissions(g_anjay), 0);
    anjay_delete(g_anjay);
}

static void stop_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    anjay_event_loop_interrupt(*(anjay_t *const *) data);
}

static void test_interrupt_from_job(void) {
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.endpoint_name = "unit";
    anjay_t *anjay = anjay_new(&config);
    TT_CHECK(anjay);
    TT_EQ(AVS_SCHED_DELAYED(anjay_get_scheduler(anjay), NULL,
                            avs_time_duration_from_scalar(50, AVS_TIME_MS),
                            stop_job, &anjay, sizeof(anjay)),
          0);
    TT_EQ(anjay_event_loop_run_with_error_handling(
                  anjay, avs_time_duration_from_scalar(10, AVS_TIME_S)),
          0);
    anjay_delete(anjay);
}

int main(void) {
    TT_RUN(test_uri_parse);
    TT_RUN(test_update_schedule);
    TT_RUN(test_event_loop_interrupt);
    TT_RUN(test_interrupt_from_job);
    return TT_SUMMARY();
}
