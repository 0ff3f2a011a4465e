/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Device management over plain CoAP: every operation, every content
 * format, error codes, block-wise transfers, and a malformed request that
 * must not cost the registration. */
#include <string.h>

#include "e2e_session.h"

static e2e_server_t g_server;
static e2e_client_t g_client;

#define S (&g_server)
#define A (g_client.anjay)

static bool start(void) {
    if (!e2e_server_start(&g_server, NULL)) {
        return false;
    }
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", g_server.coap_port);
    e2e_client_opts_t opts = {.uri = uri, .mode = ANJAY_SECURITY_NOSEC};
    return e2e_client_start(&g_client, &opts) &&
           e2e_wait(&g_server, g_client.anjay, "REGISTERED ", NULL, 5000, NULL,
                    0);
}

static void stop(void) {
    if (g_client.anjay) {
        e2e_client_stop(&g_client);
    }
    e2e_server_stop(&g_server);
}

static void test_read_formats(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/0");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 42");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/1 text");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 hello");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/2 opaque");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=42 010203");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/3 cbor");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=60 2.5"));
    static const char *const FORMATS[][2] = {{"tlv", "ct=11542"},
                                             {"senml-json", "ct=110"},
                                             {"senml-cbor", "ct=112"},
                                             {"lwm2m-cbor", "ct=11544"}};
    for (size_t i = 0; i < sizeof(FORMATS) / sizeof(FORMATS[0]); ++i) {
        E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0 %s",
                   FORMATS[i][0]);
        TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 "));
        TT_CHECK(strstr(e2e_last_line, FORMATS[i][1]));
        /* TLV does not tell types: the server renders 42 as a byte. */
        TT_CHECK(i == 0 || strstr(e2e_last_line, "/33605/0/0=42;"));
        TT_CHECK(strstr(e2e_last_line, "/33605/0/1=hello"));
        TT_CHECK(strstr(e2e_last_line, "/33605/0/6/1=11"));
    }
    /* Without Accept, LwM2M 1.1 hierarchical data comes as SenML CBOR. */
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=112 "));
    TT_CHECK(strstr(e2e_last_line, "/33605/0/4=true"));
}

static void test_write_formats(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "write 1 /33605/0/1 text world");
    TT_STREQ(e2e_last_line, "RESPONSE 2.04 ct=none");
    TT_STREQ(g_client.test.inst[0].string, "world");
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL, "write 1 /33605/0/2 opaque c0ffee");
    TT_EQ(g_client.test.inst[0].opaque_size, 3);
    TT_CHECK(!memcmp(g_client.test.inst[0].opaque, "\xc0\xff\xee", 3));

    E2E_EXPECT(
            S, A, "RESPONSE 2.04", NULL,
            "write-tlv 1 /33605/0 [{\"bn\":\"/33605/0/\",\"n\":\"0\","
            "\"v\":7},{\"n\":\"1\",\"vs\":\"tlv\"},{\"n\":\"6/3\",\"v\":33}]");
    TT_EQ(g_client.test.inst[0].integer, 7);
    TT_STREQ(g_client.test.inst[0].string, "tlv");
    /* Replace: the Multiple Resource holds only what was written. */
    TT_EQ(g_client.test.inst[0].value_count, 1);
    TT_EQ(g_client.test.inst[0].values[0], 33);

    E2E_EXPECT(
            S, A, "RESPONSE 2.04", NULL,
            "write-senml-json 1 /33605/0/0 [{\"n\":\"/33605/0/0\",\"v\":8}]");
    TT_EQ(g_client.test.inst[0].integer, 8);
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-senml-cbor 1 /33605/0/3 [{\"n\":\"/33605/0/3\","
               "\"v\":-1.25}]");
    TT_CHECK(g_client.test.inst[0].number == -1.25);

    /* Partial update (POST on the Instance) leaves the rest alone. */
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL,
               "write-partial 1 /33605/0 senml-json [{\"n\":\"/33605/0/4\","
               "\"vb\":false}]");
    TT_CHECK(!g_client.test.inst[0].flag);
    TT_EQ(g_client.test.inst[0].integer, 8);
}

static void test_execute_create_delete(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "execute 1 /33605/0/5 0='abc',3");
    TT_STREQ(e2e_last_line, "RESPONSE 2.04 ct=none");
    TT_STREQ(g_client.test.exec_args, "0='abc',3");
    E2E_EXPECT(S, A, "RESPONSE 2.04", NULL, "execute 1 /33605/0/5");
    TT_EQ(g_client.test.exec_count, 2);

    E2E_EXPECT(S, A, "RESPONSE ", NULL,
               "create 1 /33605 [{\"bn\":\"/33605/4/\",\"n\":\"0\",\"v\":5}]");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.01"));
    TT_EQ(g_client.test.count, 2);
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/4/0");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 5");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "delete 1 /33605/4");
    TT_STREQ(e2e_last_line, "RESPONSE 2.02 ct=none");
    TT_EQ(g_client.test.count, 1);
}

static void test_discover_and_attributes(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL,
               "write-attributes 1 /33605/0/0 pmin=2&pmax=30");
    TT_STREQ(e2e_last_line, "RESPONSE 2.04 ct=none");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "discover 1 /33605/0");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=40 "));
    TT_CHECK(strstr(e2e_last_line, "</33605/0/0>;pmin=2;pmax=30"));
    TT_CHECK(strstr(e2e_last_line, "</33605/0/6>;dim="));
    /* pmin above pmax is refused. */
    E2E_EXPECT(S, A, "RESPONSE ", NULL,
               "write-attributes 1 /33605/0/0 pmin=50&pmax=10");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.00"));
}

static void test_errors(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/9");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.04"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /12345");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.04"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "execute 1 /33605/0/0");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.05"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /0/0");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.01"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/0 lwm2m-json");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.06"));
}

/* A malformed value is answered with 4.00; the registration stays and the
 * client keeps serving. */
static void test_malformed_keeps_registration(void) {
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "write 1 /33605/0/0 text notanumber");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.00"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL,
               "write-senml-json 1 /33605/0 [{\"n\":\"/99999/0/0\",\"v\":1}]");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4."));
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605/0/0");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 8");
    TT_EQ(anjay_get_server_connection_status(A, 1),
          ANJAY_SERV_CONN_STATUS_REGISTERED);
    TT_CHECK(!e2e_server_saw(S, "REGISTERED "));
}

/* Small blocks: the Device Object comes in many Block2 messages, and a
 * long string goes out in Block1 messages. */
static void test_blockwise(void) {
    E2E_EXPECT(S, A, "OK set", NULL, "set block-size 16");
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /3/0 senml-json");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=110 "));
    TT_CHECK(strstr(e2e_last_line, "/3/0/17=demo client"));
    E2E_EXPECT(S, A, "RESPONSE ", NULL,
               "write 1 /33605/0/1 text 0123456789abcdefghijklmnopqrstuvwxyz");
    TT_STREQ(e2e_last_line, "RESPONSE 2.04 ct=none");
    TT_STREQ(g_client.test.inst[0].string,
             "0123456789abcdefghijklmnopqrstuvwxyz");
    /* About 1.7 KiB of SenML JSON: beyond one message and beyond the
     * first response buffer of the client (1 KiB). */
    for (int iid = 1; iid <= 6; ++iid) {
        E2E_EXPECT(S, A, "RESPONSE 2.01", NULL,
                   "create 1 /33605 [{\"bn\":\"/33605/%d/\",\"n\":\"1\","
                   "\"vs\":\"instance-%d-with-a-longer-string\"}]",
                   iid, iid);
    }
    E2E_EXPECT(S, A, "RESPONSE ", NULL, "read 1 /33605 senml-json");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=110 "));
    TT_CHECK(strstr(e2e_last_line,
                    "/33605/6/1=instance-6-with-a-longer-string"));
    E2E_EXPECT(S, A, "OK set", NULL, "set block-size 1024");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    if (!start()) {
        fprintf(stderr, "cannot start the server and the client\n");
        stop();
        return 1;
    }
    TT_RUN(test_read_formats);
    TT_RUN(test_write_formats);
    TT_RUN(test_execute_create_delete);
    TT_RUN(test_discover_and_attributes);
    TT_RUN(test_errors);
    TT_RUN(test_malformed_keeps_registration);
    TT_RUN(test_blockwise);
    stop();
    return TT_SUMMARY();
}
