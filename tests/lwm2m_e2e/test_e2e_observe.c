/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Observe and Notify: on Resources, Instances and Objects; pmin, pmax,
 * st, epmax and con; cancellation by GET with Observe = 1 and by Reset. */
#include <string.h>
#include <time.h>

#include "e2e_session.h"

static e2e_server_t g_server;
static e2e_client_t g_client;
static unsigned g_delivered;

#define S (&g_server)
#define A (g_client.anjay)

static int64_t now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_confirmable(anjay_t *anjay, anjay_ssid_t ssid,
                           const anjay_uri_path_t *paths, size_t count,
                           avs_error_t err) {
    (void) anjay;
    (void) paths;
    (void) count;
    if (ssid == 1 && avs_is_ok(err)) {
        ++g_delivered;
    }
}

static bool start(void) {
    if (!e2e_server_start(&g_server, NULL)) {
        return false;
    }
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", g_server.coap_port);
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.confirmable_notification_status_cb = on_confirmable;
    e2e_client_opts_t opts = {
            .uri = uri, .mode = ANJAY_SECURITY_NOSEC, .config = &config};
    return e2e_client_start(&g_client, &opts) &&
           e2e_wait(&g_server, g_client.anjay, "REGISTERED ", NULL, 5000, NULL,
                    0);
}

static void set_integer(int64_t value) {
    g_client.test.inst[0].integer = value;
    anjay_notify_changed(A, E2E_OID, 0, 0);
}

static bool no_notify_for(int ms) {
    e2e_pump(S, A, ms);
    return !e2e_server_saw(S, "NOTIFY ");
}

static void test_resource_notify_and_cancel_get(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "observe 1 /33605/0/0");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 42");
    anjay_resource_observation_status_t status =
            anjay_resource_observation_status(A, E2E_OID, 0, 0);
    TT_CHECK(status.is_observed);
    set_integer(43);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/0 ", " 43", 3000, NULL, 0));
    set_integer(44);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/0 ", " 44", 3000, NULL, 0));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "cancel-observe 1 /33605/0/0 get");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05"));
    E2E_PUMP_UNTIL(
            S, A,
            !anjay_resource_observation_status(A, E2E_OID, 0, 0).is_observed,
            2000);
    set_integer(45);
    TT_CHECK(no_notify_for(500));
}

static void test_cancel_by_reset(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0/0");
    E2E_EXPECT(S, A, "OK cancel-observe", NULL,
               "cancel-observe 1 /33605/0/0 rst");
    /* The next Notify is answered with Reset, which ends the observation. */
    set_integer(46);
    E2E_PUMP_UNTIL(
            S, A,
            !anjay_resource_observation_status(A, E2E_OID, 0, 0).is_observed,
            3000);
    e2e_server_flush(S);
    set_integer(47);
    TT_CHECK(no_notify_for(500));
}

static void test_pmin_pmax(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-attributes 1 /33605/0/0 pmin=2");
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0/0");
    TT_EQ(anjay_resource_observation_status(A, E2E_OID, 0, 0).min_period, 2);
    int64_t start = now_ms();
    set_integer(50);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/0 ", " 50", 4000, NULL, 0));
    int64_t waited = now_ms() - start;
    TT_CHECK(waited >= 1800);
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605/0/0 get");

    /* pmax: a Notify every second without any change. */
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-attributes 1 /33605/0/1 pmax=1");
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0/1");
    start = now_ms();
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/1 ", NULL, 3000, NULL, 0));
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/1 ", NULL, 3000, NULL, 0));
    TT_CHECK(now_ms() - start >= 1800);
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605/0/1 get");
}

static void test_step_and_confirmable(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-attributes 1 /33605/0/3 st=10&con=1");
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0/3");
    g_client.test.inst[0].number = 5.0;
    anjay_notify_changed(A, E2E_OID, 0, 3);
    TT_CHECK(no_notify_for(400));
    g_client.test.inst[0].number = 20.0;
    anjay_notify_changed(A, E2E_OID, 0, 3);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/3 ", " 20", 3000, NULL, 0));
    /* con=1: the Notify was Confirmable and acknowledged. */
    E2E_PUMP_UNTIL(S, A, g_delivered == 1, 3000);
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605/0/3 get");
}

/* epmax samples the value: a change nobody reported is noticed. */
static void test_epmax(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-attributes 1 /33605/0/2 epmax=1");
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0/2");
    TT_CHECK(no_notify_for(1500));
    /* Opaque as text/plain is base64: 55 02 03 is "VQID". */
    g_client.test.inst[0].opaque[0] = 0x55;
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0/2 ", "VQID", 3000, NULL, 0));
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605/0/2 get");
}

static void test_instance_and_object(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605/0 senml-json");
    TT_CHECK(strstr(e2e_last_line, "ct=110"));
    g_client.test.inst[0].flag = false;
    anjay_notify_changed(A, E2E_OID, 0, 4);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605/0 ", "/33605/0/4=false", 3000,
                      NULL, 0));
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605/0 get");

    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /33605");
    /* A Create by the server notifies... other servers only; an Instance
     * added by the application notifies everyone. */
    e2e_instance_t *inst = &g_client.test.inst[1];
    *inst = g_client.test.inst[0];
    inst->iid = 7;
    g_client.test.count = 2;
    anjay_notify_instances_changed(A, E2E_OID);
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /33605 ", "/33605/7/0=", 3000, NULL, 0));
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /33605 get");
}

/* Notifications of a Time Object Resource, as the demo shows them. */
static void test_demo_time(void) {
    E2E_EXPECT(S, A, "RESPONSE 2.05", NULL, "observe 1 /3333/0/5506");
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /3333/0/5506 ", NULL, 2500, NULL, 0));
    TT_CHECK(e2e_wait(S, A, "NOTIFY 1 /3333/0/5506 ", NULL, 2500, NULL, 0));
    E2E_EXPECT(S, A, "RESPONSE", NULL, "cancel-observe 1 /3333/0/5506 get");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    if (!start()) {
        fprintf(stderr, "cannot start the server and the client\n");
        return 1;
    }
    TT_RUN(test_resource_notify_and_cancel_get);
    TT_RUN(test_cancel_by_reset);
    TT_RUN(test_pmin_pmax);
    TT_RUN(test_step_and_confirmable);
    TT_RUN(test_epmax);
    TT_RUN(test_instance_and_object);
    TT_RUN(test_demo_time);
    e2e_client_stop(&g_client);
    e2e_server_stop(&g_server);
    return TT_SUMMARY();
}
