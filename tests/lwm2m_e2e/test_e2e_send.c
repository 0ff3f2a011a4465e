/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Send: a batch reaches the server as SenML CBOR and the finished
 * handler learns of the success; Mute Send, LwM2M 1.0 and unknown servers
 * are refused. */
#include <string.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

static int g_result = 1;
static unsigned g_calls;

static void finished(anjay_t *anjay, anjay_ssid_t ssid,
                     const anjay_send_batch_t *batch, int result, void *data) {
    (void) anjay;
    (void) batch;
    (void) data;
    if (ssid == 1) {
        g_result = result;
        ++g_calls;
    }
}

static anjay_send_batch_t *make_batch(anjay_t *anjay) {
    anjay_send_batch_builder_t *builder = anjay_send_batch_builder_new();
    if (!builder ||
        anjay_send_batch_add_int(builder, E2E_OID, 0, 0, ANJAY_ID_INVALID,
                                 avs_time_real_now(), 321) ||
        anjay_send_batch_add_string(builder, E2E_OID, 0, 1, ANJAY_ID_INVALID,
                                    avs_time_real_now(), "sent") ||
        anjay_send_batch_data_add_current(builder, anjay, 3, 0, 0)) {
        anjay_send_batch_builder_cleanup(&builder);
        return NULL;
    }
    return anjay_send_batch_builder_compile(&builder);
}

static bool start(e2e_client_t *client, const anjay_configuration_t *config) {
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", g_server.coap_port);
    e2e_client_opts_t opts = {
            .uri = uri, .mode = ANJAY_SECURITY_NOSEC, .config = config};
    return e2e_client_start(client, &opts) &&
           e2e_wait(S, client->anjay, "REGISTERED ", NULL, 5000, NULL, 0);
}

static void test_send(void) {
    e2e_client_t client;
    TT_CHECK(start(&client, NULL));
    anjay_send_batch_t *batch = make_batch(client.anjay);
    TT_CHECK(batch);
    TT_EQ(anjay_send(client.anjay, 1, batch, finished, NULL), ANJAY_SEND_OK);
    TT_EQ(anjay_send(client.anjay, 9, batch, finished, NULL),
          ANJAY_SEND_ERR_SSID);
    TT_EQ(anjay_send(client.anjay, ANJAY_SSID_BOOTSTRAP, batch, finished, NULL),
          ANJAY_SEND_ERR_SSID);
    char line[E2E_LINE_SIZE];
    TT_CHECK(
            e2e_wait(S, client.anjay, "SEND ", NULL, 5000, line, sizeof(line)));
    TT_CHECK(strstr(line, "ct=112"));
    TT_CHECK(strstr(line, "/33605/0/0=321"));
    TT_CHECK(strstr(line, "/33605/0/1=sent"));
    TT_CHECK(strstr(line, "/3/0/0=Tern"));
    E2E_PUMP_UNTIL(S, client.anjay, g_calls == 1, 3000);
    TT_EQ(g_result, ANJAY_SEND_SUCCESS);

    /* Mute Send set by the server. */
    E2E_EXPECT(S, client.anjay, "RESPONSE 2.04", NULL,
               "write e2e-client /1/0/23 text 1");
    /* The new value reaches the session layer with the next job runs. */
    e2e_pump(S, client.anjay, 300);
    TT_EQ(anjay_send(client.anjay, 1, batch, finished, NULL),
          ANJAY_SEND_ERR_MUTED);
    anjay_send_batch_release(&batch);
    e2e_client_stop(&client);
}

static void test_send_needs_lwm2m_1_1(void) {
    static const anjay_lwm2m_version_config_t V10 = {ANJAY_LWM2M_VERSION_1_0,
                                                     ANJAY_LWM2M_VERSION_1_0};
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.lwm2m_version_config = &V10;
    e2e_client_t client;
    TT_CHECK(start(&client, &config));
    anjay_send_batch_t *batch = make_batch(client.anjay);
    TT_CHECK(batch);
    TT_EQ(anjay_send(client.anjay, 1, batch, finished, NULL),
          ANJAY_SEND_ERR_PROTOCOL);
    anjay_send_batch_release(&batch);
    e2e_client_stop(&client);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    if (!e2e_server_start(S, NULL)) {
        return 1;
    }
    TT_RUN(test_send);
    TT_RUN(test_send_needs_lwm2m_1_1);
    e2e_server_stop(S);
    return TT_SUMMARY();
}
