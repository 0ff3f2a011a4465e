/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The Security and Server Objects, the server accessors, the session
 * hooks and the Bootstrap Interface. */

#include <string.h>

#include "dm_fixture.h"
#include "lwm2m/objects/security_config.h"
#include "lwm2m/objects/server_info.h"
#include "tern_test.h"

static fixture_t f;

static const char PSK_IDENTITY[] = "tern-id";
static const char PSK_KEY[] = "secret-key";

static anjay_security_instance_t bootstrap_account(void) {
    anjay_security_instance_t sec;
    memset(&sec, 0, sizeof(sec));
    sec.bootstrap_server = true;
    sec.server_uri = "coap://127.0.0.1:5693";
    sec.security_mode = ANJAY_SECURITY_NOSEC;
    sec.client_holdoff_s = 3;
    sec.bootstrap_timeout_s = -1;
    return sec;
}

static anjay_security_instance_t psk_account(anjay_ssid_t ssid) {
    anjay_security_instance_t sec;
    memset(&sec, 0, sizeof(sec));
    sec.ssid = ssid;
    sec.server_uri = "coaps://lwm2m.example:5684";
    sec.security_mode = ANJAY_SECURITY_PSK;
    sec.public_cert_or_psk_identity = (const uint8_t *) PSK_IDENTITY;
    sec.public_cert_or_psk_identity_size = strlen(PSK_IDENTITY);
    sec.private_cert_or_psk_key = (const uint8_t *) PSK_KEY;
    sec.private_cert_or_psk_key_size = strlen(PSK_KEY);
    sec.client_holdoff_s = -1;
    sec.bootstrap_timeout_s = -1;
    return sec;
}

static anjay_server_instance_t server_account(anjay_ssid_t ssid) {
    anjay_server_instance_t srv;
    memset(&srv, 0, sizeof(srv));
    srv.ssid = ssid;
    srv.lifetime = 60;
    srv.default_min_period = -1;
    srv.default_max_period = -1;
    srv.disable_timeout = -1;
    srv.binding = "U";
    return srv;
}

static bool setup(void) {
    if (!fixture_init(&f) || anjay_security_object_install(f.anjay) ||
        anjay_server_object_install(f.anjay)) {
        return false;
    }
    anjay_security_instance_t bs = bootstrap_account();
    anjay_security_instance_t psk = psk_account(1);
    anjay_server_instance_t srv = server_account(1);
    anjay_iid_t iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(f.anjay, &bs, &iid) || iid != 0) {
        return false;
    }
    iid = ANJAY_ID_INVALID;
    if (anjay_security_object_add_instance(f.anjay, &psk, &iid) || iid != 1) {
        return false;
    }
    iid = ANJAY_ID_INVALID;
    return !anjay_server_object_add_instance(f.anjay, &srv, &iid) && iid == 0;
}

#define SETUP() TT_CHECK(setup())

static void test_install_and_add(void) {
    SETUP();
    TT_EQ(anjay_security_object_install(f.anjay), -1);
    TT_EQ(anjay_server_object_install(f.anjay), -1);
    TT_CHECK(anjay_security_object_is_modified(f.anjay));
    TT_CHECK(anjay_server_object_is_modified(f.anjay));
    anjay_security_instance_t sec = psk_account(2);
    anjay_iid_t iid = 1;
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), -1);
    /* The same SSID over the same transport twice. */
    sec.ssid = 1;
    iid = 5;
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), -1);
    /* coap:// with PSK, and PSK without a key. */
    sec = psk_account(2);
    sec.server_uri = "coap://x";
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), -1);
    sec = psk_account(2);
    sec.private_cert_or_psk_key_size = 0;
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), -1);
    sec = bootstrap_account();
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), -1);
    sec = psk_account(2);
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), 0);
    TT_EQ(iid, 5);

    anjay_server_instance_t srv = server_account(1);
    iid = ANJAY_ID_INVALID;
    TT_EQ(anjay_server_object_add_instance(f.anjay, &srv, &iid), -1);
    srv = server_account(2);
    srv.binding = "X";
    TT_EQ(anjay_server_object_add_instance(f.anjay, &srv, &iid), -1);
    srv = server_account(2);
    iid = 0;
    TT_EQ(anjay_server_object_add_instance(f.anjay, &srv, &iid), -1);
    iid = ANJAY_ID_INVALID;
    TT_EQ(anjay_server_object_add_instance(f.anjay, &srv, &iid), 0);
    TT_EQ(iid, 1);
    AVS_LIST(const anjay_ssid_t) ssids = anjay_server_get_ssids(f.anjay);
    TT_EQ(AVS_LIST_SIZE(ssids), 2);
    TT_EQ(*ssids, 1);
    fixture_cleanup(&f);
}

static void test_deep_copy(void) {
    TT_CHECK(fixture_init(&f));
    TT_EQ(anjay_security_object_install(f.anjay), 0);
    char uri[] = "coaps://copy.example";
    uint8_t key[] = {1, 2, 3};
    uint32_t suites[] = {0xC0A8};
    uint8_t matching = 1;
    anjay_security_instance_t sec = psk_account(3);
    sec.server_uri = uri;
    sec.private_cert_or_psk_key = key;
    sec.private_cert_or_psk_key_size = sizeof(key);
    sec.ciphersuites.ids = suites;
    sec.ciphersuites.num_ids = 1;
    sec.matching_type = &matching;
    sec.server_name_indication = "sni.example";
    anjay_iid_t iid = 4;
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), 0);
    memset(uri, 'x', sizeof(uri) - 1);
    memset(key, 0, sizeof(key));
    suites[0] = 0;
    tern_server_info_t info;
    TT_EQ(tern_server_info_get(f.anjay, 3, &info), 0);
    TT_STREQ(info.uri, "coaps://copy.example");
    TT_EQ(info.security_iid, 4);
    TT_EQ(info.server_iid, ANJAY_ID_INVALID);
    TT_EQ(info.private_cert_or_psk_key_size, 3);
    TT_EQ(info.private_cert_or_psk_key[2], 3);
    TT_EQ(info.ciphersuite_count, 1);
    TT_EQ(info.ciphersuites[0], 0xC0A8);
    TT_EQ(info.matching_type, 1);
    TT_EQ(info.certificate_usage, -1);
    TT_STREQ(info.server_name_indication, "sni.example");
    tern_server_info_free(&info);
    fixture_cleanup(&f);
}

static void test_servers_list(void) {
    SETUP();
    tern_server_info_t *list;
    size_t count;
    TT_EQ(tern_servers_list(f.anjay, &list, &count), 0);
    TT_EQ(count, 2);
    TT_EQ(list[0].ssid, ANJAY_SSID_BOOTSTRAP);
    TT_STREQ(list[0].uri, "coap://127.0.0.1:5693");
    TT_EQ(list[0].client_holdoff_s, 3);
    TT_EQ(list[0].bootstrap_timeout_s, -1);
    TT_EQ(list[1].ssid, 1);
    TT_EQ(list[1].server_iid, 0);
    TT_EQ(list[1].security_mode, ANJAY_SECURITY_PSK);
    TT_EQ(list[1].lifetime, 60);
    TT_STREQ(list[1].binding, "U");
    TT_CHECK(list[1].bootstrap_on_registration_failure);
    TT_EQ(list[1].retry.retry_count, 5);
    TT_EQ(list[1].retry.sequence_delay_timer_s, 86400);
    TT_EQ(list[1].default_min_period, -1);
    TT_EQ(list[1].preferred_transport, '\0');
    tern_servers_list_free(list, count);
    anjay_iid_t iid;
    TT_EQ(tern_security_find_iid(f.anjay, ANJAY_SSID_BOOTSTRAP, &iid), 0);
    TT_EQ(iid, 0);
    TT_EQ(tern_server_find_iid(f.anjay, 1, &iid), 0);
    TT_EQ(tern_server_find_iid(f.anjay, 2, &iid), ANJAY_ERR_NOT_FOUND);
    TT_EQ(tern_security_find_iid_by_uri(f.anjay, "coaps://lwm2m.example:5684",
                                        &iid),
          0);
    TT_EQ(iid, 1);
    TT_EQ(tern_security_find_iid_by_uri(f.anjay, "coaps://lwm2m.example", &iid),
          ANJAY_ERR_NOT_FOUND);
    fixture_cleanup(&f);
}

static void test_purge_and_lifetime(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_EQ(anjay_server_object_set_lifetime(f.anjay, 0, 0), -1);
    TT_EQ(anjay_server_object_set_lifetime(f.anjay, 7, 10), -1);
    TT_EQ(anjay_server_object_set_lifetime(f.anjay, 0, 120), 0);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "value:/1/0/1:0;");
    tern_io_path_t path = tern_io_path_resource(1, 0, 1);
    int64_t lifetime;
    TT_EQ(tern_dm_read_int(f.anjay, &path, &lifetime), 0);
    TT_EQ(lifetime, 120);
    anjay_server_object_purge(f.anjay);
    anjay_security_object_purge(f.anjay);
    tern_server_info_t *list;
    size_t count;
    TT_EQ(tern_servers_list(f.anjay, &list, &count), 0);
    TT_EQ(count, 0);
    TT_CHECK(!anjay_server_get_ssids(f.anjay));
    TT_CHECK(avs_is_err(anjay_server_object_persist(f.anjay, NULL)));
    TT_CHECK(avs_is_err(anjay_security_object_restore(f.anjay, NULL)));
    fixture_cleanup(&f);
}

typedef struct {
    anjay_ssid_t ssid;
    int64_t timeout_s;
    int calls;
} hook_log_t;

static int disable_hook(anjay_t *anjay, anjay_ssid_t ssid,
                        avs_time_duration_t timeout, void *arg) {
    (void) anjay;
    hook_log_t *log = (hook_log_t *) arg;
    log->ssid = ssid;
    avs_time_duration_to_scalar(&log->timeout_s, AVS_TIME_S, timeout);
    ++log->calls;
    return 0;
}

static int update_hook(anjay_t *anjay, anjay_ssid_t ssid, void *arg) {
    (void) anjay;
    hook_log_t *log = (hook_log_t *) arg;
    log->ssid = ssid;
    log->timeout_s = -1;
    ++log->calls;
    return 0;
}

static void test_server_executes(void) {
    SETUP();
    tern_dm_request_t req = dm_req(TERN_DM_OP_EXECUTE, "/1/0/8");
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(5, 0));
    hook_log_t log = {0, 0, 0};
    const tern_session_hooks_t hooks = {disable_hook, update_hook, update_hook,
                                        &log};
    tern_session_hooks_set(f.anjay, &hooks);
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(log.calls, 1);
    TT_EQ(log.ssid, 1);
    req = dm_req(TERN_DM_OP_EXECUTE, "/1/0/4");
    TT_EQ(dm_call(f.anjay, &req).result, 0);
    TT_EQ(log.timeout_s, 86400);
    req = dm_req(TERN_DM_OP_WRITE_REPLACE, "/1/0/5");
    req.content_format = TERN_IO_FMT_TEXT;
    req.payload = "30";
    req.payload_size = 2;
    TT_EQ(dm_call(f.anjay, &req).result, 0);
    req = dm_req(TERN_DM_OP_EXECUTE, "/1/0/4");
    TT_EQ(dm_call(f.anjay, &req).result, 0);
    TT_EQ(log.timeout_s, 30);
    req = dm_req(TERN_DM_OP_EXECUTE, "/1/0/9");
    TT_EQ(dm_call(f.anjay, &req).result, 0);
    TT_EQ(log.calls, 4);
    tern_session_hooks_set(f.anjay, NULL);
    fixture_cleanup(&f);
}

static void test_server_writes(void) {
    SETUP();
    tern_dm_request_t req = dm_req(TERN_DM_OP_WRITE_REPLACE, "/1/0/0");
    req.content_format = TERN_IO_FMT_TEXT;
    req.payload = "5";
    req.payload_size = 1;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 5));
    req = dm_req(TERN_DM_OP_WRITE_REPLACE, "/1/0/7");
    req.content_format = TERN_IO_FMT_TEXT;
    req.payload = "UU";
    req.payload_size = 2;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 0));
    req.payload = "UQ";
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(2, 4));
    /* Replacing the Instance keeps its SSID. */
    static const char SENML[] = "[{\"bn\":\"/1/0/\",\"n\":\"1\",\"v\":90},"
                                "{\"n\":\"6\",\"vb\":true},"
                                "{\"n\":\"7\",\"vs\":\"T\"}]";
    req = dm_req(TERN_DM_OP_WRITE_REPLACE, "/1/0");
    req.content_format = TERN_IO_FMT_SENML_JSON;
    req.payload = SENML;
    req.payload_size = sizeof(SENML) - 1;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(2, 4));
    tern_server_info_t info;
    TT_EQ(tern_server_info_get(f.anjay, 1, &info), 0);
    TT_EQ(info.lifetime, 90);
    TT_CHECK(info.notification_storing);
    TT_STREQ(info.binding, "T");
    tern_server_info_free(&info);
    fixture_cleanup(&f);
}

static dm_call_t bootstrap(tern_dm_op_t op, const char *path, uint16_t format,
                           const char *payload) {
    tern_dm_request_t req = dm_req(op, path);
    req.ssid = ANJAY_SSID_BOOTSTRAP;
    req.content_format = format;
    req.payload = payload;
    req.payload_size = payload ? strlen(payload) : 0;
    return dm_call(f.anjay, &req);
}

static void test_bootstrap_discover(void) {
    SETUP();
    dm_call_t call =
            bootstrap(TERN_DM_OP_DISCOVER, "/", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_STREQ(call.payload, "</>;lwm2m=1.1,</0>;ver=1.1,"
                           "</0/0>;uri=\"coap://127.0.0.1:5693\","
                           "</0/1>;ssid=1;uri=\"coaps://lwm2m.example:5684\","
                           "</1>;ver=1.1,</1/0>;ssid=1,</3>;ver=1.2,</3/0>,"
                           "</33000>,</33000/1>,</33000/5>");
    call = bootstrap(TERN_DM_OP_DISCOVER, "/1", TERN_DM_FORMAT_NONE, NULL);
    TT_STREQ(call.payload, "</>;lwm2m=1.1,</1>;ver=1.1,</1/0>;ssid=1");
    tern_dm_request_t req = dm_req(TERN_DM_OP_DISCOVER, "/1");
    req.ssid = ANJAY_SSID_BOOTSTRAP;
    req.lwm2m_version = ANJAY_LWM2M_VERSION_1_0;
    call = dm_call(f.anjay, &req);
    TT_STREQ(call.payload, "lwm2m=\"1.0\",</1>;ver=1.1,</1/0>;ssid=1");
    TT_EQ(bootstrap(TERN_DM_OP_DISCOVER, "/1/0", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 0));
    TT_EQ(bootstrap(TERN_DM_OP_DISCOVER, "/9", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 4));
    fixture_cleanup(&f);
}

static void test_bootstrap_write_read_delete(void) {
    SETUP();
    char changes[512];
    changes_capture(f.anjay, changes, sizeof(changes));
    /* A new Server Instance, SSID included (read-only for servers). */
    static const char SERVER[] =
            "[{\"bn\":\"/1/4/\",\"n\":\"0\",\"v\":2},{\"n\":\"1\",\"v\":300},"
            "{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"},"
            "{\"n\":\"55\",\"v\":1}]";
    dm_call_t call = bootstrap(TERN_DM_OP_WRITE_REPLACE, "/1",
                               TERN_IO_FMT_SENML_JSON, SERVER);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    tern_server_info_t info;
    TT_EQ(tern_server_info_get(f.anjay, 2, &info), ANJAY_ERR_NOT_FOUND);
    /* No Security account for SSID 2 yet: add one with the BS Server. */
    static const char SECURITY[] =
            "[{\"bn\":\"/0/2/\",\"n\":\"0\",\"vs\":\"coap://srv2\"},"
            "{\"n\":\"1\",\"vb\":false},{\"n\":\"2\",\"v\":3},"
            "{\"n\":\"10\",\"v\":2}]";
    call = bootstrap(TERN_DM_OP_WRITE_REPLACE, "/0/2", TERN_IO_FMT_SENML_JSON,
                     SECURITY);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(tern_server_info_get(f.anjay, 2, &info), 0);
    TT_EQ(info.server_iid, 4);
    TT_EQ(info.lifetime, 300);
    TT_STREQ(info.uri, "coap://srv2");
    tern_server_info_free(&info);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_CHECK(strstr(changes, "instances:/1:65535;"));
    TT_CHECK(strstr(changes, "value:/1/4/1:65535;"));
    TT_CHECK(strstr(changes, "instances:/0:65535;"));
    /* A second Bootstrap-Server account is refused and rolled back. */
    static const char SECOND_BS[] =
            "[{\"bn\":\"/0/7/\",\"n\":\"0\",\"vs\":\"coap://bs2\"},"
            "{\"n\":\"1\",\"vb\":true},{\"n\":\"2\",\"v\":3}]";
    call = bootstrap(TERN_DM_OP_WRITE_REPLACE, "/0", TERN_IO_FMT_SENML_JSON,
                     SECOND_BS);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 0));
    anjay_iid_t iid;
    TT_EQ(tern_security_find_iid(f.anjay, ANJAY_SSID_BOOTSTRAP, &iid), 0);
    TT_EQ(iid, 0);

    /* Bootstrap-Read: Server Object only. */
    call = bootstrap(TERN_DM_OP_READ, "/1/4", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.content_format, TERN_IO_FMT_SENML_CBOR);
    TT_EQ(bootstrap(TERN_DM_OP_READ, "/0", TERN_DM_FORMAT_NONE, NULL).resp.code,
          ANJAY_COAP_STATUS(4, 5));
    TT_EQ(bootstrap(TERN_DM_OP_READ, "/1/4/1", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 5));
    TT_EQ(bootstrap(TERN_DM_OP_EXECUTE, "/1/4/8", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 5));

    /* Bootstrap-Delete of everything keeps the Bootstrap-Server account;
     * Objects without Delete support are left as they are. */
    call = bootstrap(TERN_DM_OP_DELETE, "/", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 2));
    tern_server_info_t *list;
    size_t count;
    TT_EQ(tern_servers_list(f.anjay, &list, &count), 0);
    TT_EQ(count, 1);
    TT_EQ(list[0].ssid, ANJAY_SSID_BOOTSTRAP);
    tern_servers_list_free(list, count);
    TT_CHECK(!anjay_server_get_ssids(f.anjay));
    TT_EQ(f.multi.count, 0);
    TT_EQ(f.dev.state.counter, 42);
    TT_EQ(bootstrap(TERN_DM_OP_DELETE, "/33000/3", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(2, 2));
    TT_EQ(bootstrap(TERN_DM_OP_DELETE, "/1/0/1", TERN_DM_FORMAT_NONE, NULL)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 0));
    fixture_cleanup(&f);
}

static void test_bootstrap_writes_read_only(void) {
    SETUP();
    /* Bootstrap-only and read-only Resources are writable for it. */
    dm_call_t call = bootstrap(TERN_DM_OP_WRITE_REPLACE, "/3/0/11",
                               TERN_IO_FMT_TEXT, "99");
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(f.dev.state.bs_only, 99);
    call = bootstrap(TERN_DM_OP_READ, "/3/0", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(bootstrap(TERN_DM_OP_WRITE_REPLACE, "/3/0/7", TERN_IO_FMT_TEXT, "1")
                  .resp.code,
          ANJAY_COAP_STATUS(4, 5));
    TT_EQ(bootstrap(TERN_DM_OP_WRITE_REPLACE, "/3/0/6/0", TERN_IO_FMT_TEXT, "1")
                  .resp.code,
          ANJAY_COAP_STATUS(4, 5));
    fixture_cleanup(&f);
}

static void test_bootstrap_transaction_spans_requests(void) {
    SETUP();
    /* The session layer keeps one transaction open over a bootstrap
     * sequence; a failing end rolls everything back. */
    tern_dm_transaction_begin(f.anjay);
    dm_call_t call = bootstrap(TERN_DM_OP_WRITE_REPLACE, "/1/0/1",
                               TERN_IO_FMT_TEXT, "77");
    TT_EQ(call.result, 0);
    call = bootstrap(TERN_DM_OP_DELETE, "/33000", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.result, 0);
    TT_EQ(f.multi.count, 0);
    call = bootstrap(TERN_DM_OP_DELETE, "/1", TERN_DM_FORMAT_NONE, NULL);
    TT_EQ(call.result, 0);
    /* Until the transaction ends, the SSIDs from before it count. */
    AVS_LIST(const anjay_ssid_t) ssids = anjay_server_get_ssids(f.anjay);
    TT_EQ(AVS_LIST_SIZE(ssids), 1);
    TT_EQ(tern_dm_transaction_finish(f.anjay, ANJAY_ERR_INTERNAL),
          ANJAY_ERR_INTERNAL);
    TT_EQ(f.multi.count, 2);
    tern_server_info_t info;
    TT_EQ(tern_server_info_get(f.anjay, 1, &info), 0);
    TT_EQ(info.lifetime, 60);
    tern_server_info_free(&info);
    fixture_cleanup(&f);
}

static void test_security_config(void) {
    SETUP();
    anjay_security_config_t config;
    TT_EQ(anjay_security_config_from_dm(f.anjay, &config,
                                        "coaps://lwm2m.example:5684/fw"),
          0);
    TT_EQ(config.security_info.mode, AVS_NET_SECURITY_PSK);
    const avs_crypto_security_info_union_t *id =
            &config.security_info.data.psk.identity.desc;
    TT_EQ(id->source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_EQ(id->info.buffer.buffer_size, strlen(PSK_IDENTITY));
    TT_CHECK(!memcmp(id->info.buffer.buffer, PSK_IDENTITY,
                     strlen(PSK_IDENTITY)));
    /* Host-only match (different scheme and port). */
    TT_EQ(anjay_security_config_from_dm(f.anjay, &config,
                                        "https://LWM2M.example/fw.bin"),
          0);
    /* NoSec accounts give no (D)TLS settings. */
    TT_EQ(anjay_security_config_from_dm(f.anjay, &config,
                                        "coap://127.0.0.1:5693"),
          -1);
    TT_EQ(anjay_security_config_from_dm(f.anjay, &config, "nonsense"), -1);
    anjay_security_config_t pkix = anjay_security_config_pkix(f.anjay);
    TT_EQ(pkix.security_info.mode, AVS_NET_SECURITY_CERTIFICATE);
    TT_CHECK(!pkix.security_info.data.cert.server_cert_validation);
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_install_and_add);
    TT_RUN(test_deep_copy);
    TT_RUN(test_servers_list);
    TT_RUN(test_purge_and_lifetime);
    TT_RUN(test_server_executes);
    TT_RUN(test_server_writes);
    TT_RUN(test_bootstrap_discover);
    TT_RUN(test_bootstrap_write_read_delete);
    TT_RUN(test_bootstrap_writes_read_only);
    TT_RUN(test_bootstrap_transaction_spans_requests);
    TT_RUN(test_security_config);
    return TT_SUMMARY();
}
