/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Client construction, Object registration, change delivery and the
 * scheduler helpers. */

#include <string.h>

#include "dm_fixture.h"
#include "tern_test.h"

static void test_new_and_delete(void) {
    TT_CHECK(!anjay_new(NULL));
    const anjay_configuration_t no_name = {.in_buffer_size = 4000};
    TT_CHECK(!anjay_new(&no_name));
    char name[] = "urn:dev:tern";
    const avs_coap_udp_tx_params_t tx = ANJAY_COAP_DEFAULT_UDP_TX_PARAMS;
    uint32_t suites[] = {0xC0A8, 0xC0AE};
    anjay_configuration_t config = {.endpoint_name = name,
                                    .in_buffer_size = 4000,
                                    .out_buffer_size = 4000,
                                    .msg_cache_size = 4000,
                                    .udp_tx_params = &tx,
                                    .default_tls_ciphersuites = {suites, 2}};
    anjay_t *anjay = anjay_new(&config);
    TT_CHECK(anjay);
    /* Everything pointed to was copied. */
    memset(name, 'x', sizeof(name) - 1);
    suites[0] = 0;
    TT_STREQ(anjay->config.endpoint_name, "urn:dev:tern");
    TT_CHECK(anjay->config.udp_tx_params != &tx);
    TT_EQ(anjay->config.udp_tx_params->max_retransmit, 4);
    TT_EQ(anjay->config.default_tls_ciphersuites.ids[0], 0xC0A8);
    TT_EQ(tern_anjay_version_config(anjay)->maximum_version,
          ANJAY_LWM2M_VERSION_1_1);
    TT_CHECK(anjay_get_scheduler(anjay));
    TT_CHECK(anjay->prng);
    anjay_delete(anjay);
    anjay_delete(NULL);
    const anjay_lwm2m_version_config_t bad = {ANJAY_LWM2M_VERSION_1_1,
                                              ANJAY_LWM2M_VERSION_1_0};
    config.lwm2m_version_config = &bad;
    TT_CHECK(!anjay_new(&config));
    TT_STREQ(anjay_get_version(), "3.14.0");
}

static int list_nothing(anjay_t *anjay,
                        const anjay_dm_object_def_t *const *obj_ptr,
                        anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    (void) obj_ptr;
    (void) ctx;
    return 0;
}

static int list_no_resources(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid,
                             anjay_dm_resource_list_ctx_t *ctx) {
    (void) anjay;
    (void) obj_ptr;
    (void) iid;
    (void) ctx;
    return 0;
}

static void test_registration(void) {
    anjay_t *anjay = tern_anjay_new_bare();
    TT_CHECK(anjay);
    anjay_dm_object_def_t def = {
            .oid = 42,
            .version = "1.0",
            .handlers = {.list_instances = list_nothing,
                         .list_resources = list_no_resources}};
    const anjay_dm_object_def_t *def_ptr = &def;
    TT_EQ(anjay_register_object(anjay, NULL), -1);
    TT_EQ(anjay_register_object(anjay, &def_ptr), 0);
    TT_EQ(anjay_register_object(anjay, &def_ptr), -1);
    anjay_dm_object_def_t bad = def;
    const anjay_dm_object_def_t *bad_ptr = &bad;
    bad.oid = 43;
    bad.version = "1";
    TT_EQ(anjay_register_object(anjay, &bad_ptr), -1);
    bad.version = "1.x";
    TT_EQ(anjay_register_object(anjay, &bad_ptr), -1);
    bad.version = NULL;
    bad.handlers.list_resources = NULL;
    TT_EQ(anjay_register_object(anjay, &bad_ptr), -1);
    bad.handlers.list_resources = list_no_resources;
    bad.oid = ANJAY_ID_INVALID;
    TT_EQ(anjay_register_object(anjay, &bad_ptr), -1);
    bad.oid = 7;
    TT_EQ(anjay_register_object(anjay, &bad_ptr), 0);
    /* Sorted by ID, and the very pointer is kept. */
    TT_EQ(anjay->dm.count, 2);
    TT_CHECK(anjay->dm.objects[0] == &bad_ptr);
    TT_CHECK(tern_dm_find_object(anjay, 42) == &def_ptr);
    TT_CHECK(!tern_dm_find_object(anjay, 8));
    const anjay_dm_object_def_t *other_ptr = &def;
    TT_EQ(anjay_unregister_object(anjay, &other_ptr), -1);
    TT_EQ(anjay_unregister_object(anjay, &def_ptr), 0);
    TT_EQ(anjay_unregister_object(anjay, &def_ptr), -1);
    /* An Object without Instances reads as empty. */
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/7");
    dm_call_t call = dm_call(anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    anjay_delete(anjay);
}

static int emit_unsorted(anjay_t *anjay,
                         const anjay_dm_object_def_t *const *obj_ptr,
                         anjay_dm_list_ctx_t *ctx) {
    (void) anjay;
    (void) obj_ptr;
    anjay_dm_emit(ctx, 3);
    anjay_dm_emit(ctx, 1);
    return 0;
}

static void test_listing_order_enforced(void) {
    anjay_t *anjay = tern_anjay_new_bare();
    TT_CHECK(anjay);
    const anjay_dm_object_def_t def = {
            .oid = 50,
            .handlers = {.list_instances = emit_unsorted,
                         .list_resources = list_no_resources}};
    const anjay_dm_object_def_t *def_ptr = &def;
    TT_EQ(anjay_register_object(anjay, &def_ptr), 0);
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/50");
    TT_EQ(dm_call(anjay, &req).resp.code, ANJAY_COAP_STATUS(5, 0));
    anjay_delete(anjay);
}

typedef struct {
    int batches;
    size_t total;
    tern_dm_change_t last;
} delivery_t;

static void count_changes(anjay_t *anjay, const tern_dm_change_t *changes,
                          size_t count, void *arg) {
    (void) anjay;
    delivery_t *delivery = (delivery_t *) arg;
    ++delivery->batches;
    delivery->total += count;
    delivery->last = changes[count - 1];
}

static void test_changes_delivered_by_scheduler(void) {
    fixture_t f;
    TT_CHECK(fixture_init(&f));
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "objects:/3:0;objects:/33000:0;");
    int wait_ms = -1;
    TT_EQ(anjay_sched_time_to_next_ms(f.anjay, &wait_ms), -1);
    TT_EQ(anjay_sched_calculate_wait_time_ms(f.anjay, 1000), 1000);

    delivery_t delivery = {0, 0, {TERN_DM_CHANGE_VALUE, {{0}, 0}, 0}};
    tern_dm_set_changes_handler(f.anjay, count_changes, &delivery);
    TT_EQ(anjay_notify_changed(f.anjay, 3, 0, 1), 0);
    TT_EQ(anjay_notify_changed(f.anjay, 3, 0, 1), 0);
    TT_EQ(anjay_notify_instances_changed(f.anjay, 33000), 0);
    TT_EQ(anjay_notify_changed(f.anjay, 3, ANJAY_ID_INVALID, 1), -1);
    TT_EQ(anjay_notify_instances_changed(f.anjay, ANJAY_ID_INVALID), -1);
    /* Nothing is delivered from within the calls: a job is due now. */
    TT_EQ(delivery.batches, 0);
    TT_EQ(anjay_sched_time_to_next_ms(f.anjay, &wait_ms), 0);
    TT_EQ(wait_ms, 0);
    TT_EQ(anjay_sched_calculate_wait_time_ms(f.anjay, 1000), 0);
    anjay_sched_run(f.anjay);
    TT_EQ(delivery.batches, 1);
    TT_EQ(delivery.total, 2);
    TT_EQ(delivery.last.kind, TERN_DM_CHANGE_INSTANCES);
    TT_EQ(delivery.last.ssid, ANJAY_SSID_ANY);
    anjay_sched_run(f.anjay);
    TT_EQ(delivery.batches, 1);
    fixture_cleanup(&f);
}

static void test_binding_modes(void) {
    static const char *const VALID[] = {"U",   "UQ", "S", "SQ", "US",
                                        "UQS", "T",  "N", "UT", "QU"};
    static const char *const INVALID[] = {"", "UU", "X", "u", "UQQ"};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(VALID); ++i) {
        TT_CHECK(anjay_binding_mode_valid(VALID[i]));
    }
    for (size_t i = 0; i < AVS_ARRAY_SIZE(INVALID); ++i) {
        TT_CHECK(!anjay_binding_mode_valid(INVALID[i]));
    }
    TT_CHECK(!anjay_binding_mode_valid(NULL));
}

static void test_op_classification(void) {
    static const struct {
        uint8_t method;
        const char *path;
        uint16_t accept;
        bool has_format;
        tern_dm_op_t op;
    } CASES[] = {{ANJAY_COAP_STATUS(0, 1), "/3/0", TERN_DM_FORMAT_NONE, false,
                  TERN_DM_OP_READ},
                 {ANJAY_COAP_STATUS(0, 1), "/3/0", TERN_IO_FMT_LINK_FORMAT,
                  false, TERN_DM_OP_DISCOVER},
                 {ANJAY_COAP_STATUS(0, 2), "/3", TERN_DM_FORMAT_NONE, true,
                  TERN_DM_OP_CREATE},
                 {ANJAY_COAP_STATUS(0, 2), "/3/0", TERN_DM_FORMAT_NONE, true,
                  TERN_DM_OP_WRITE_UPDATE},
                 {ANJAY_COAP_STATUS(0, 2), "/3/0/4", TERN_DM_FORMAT_NONE, false,
                  TERN_DM_OP_EXECUTE},
                 {ANJAY_COAP_STATUS(0, 2), "/3/0/4/1", TERN_DM_FORMAT_NONE,
                  true, TERN_DM_OP_WRITE_REPLACE},
                 {ANJAY_COAP_STATUS(0, 3), "/3/0", TERN_DM_FORMAT_NONE, true,
                  TERN_DM_OP_WRITE_REPLACE},
                 {ANJAY_COAP_STATUS(0, 3), "/3/0", TERN_DM_FORMAT_NONE, false,
                  TERN_DM_OP_WRITE_ATTRIBUTES},
                 {ANJAY_COAP_STATUS(0, 4), "/3/0", TERN_DM_FORMAT_NONE, false,
                  TERN_DM_OP_DELETE},
                 {ANJAY_COAP_STATUS(0, 5), "/", TERN_DM_FORMAT_NONE, true,
                  TERN_DM_OP_READ_COMPOSITE},
                 {ANJAY_COAP_STATUS(0, 7), "/", TERN_DM_FORMAT_NONE, true,
                  TERN_DM_OP_WRITE_COMPOSITE}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(CASES); ++i) {
        tern_io_path_t path;
        TT_EQ(tern_io_path_parse(&path, CASES[i].path, strlen(CASES[i].path)),
              0);
        tern_dm_op_t op;
        TT_EQ(tern_dm_op_from_coap(CASES[i].method, &path, CASES[i].accept,
                                   CASES[i].has_format, &op),
              0);
        TT_EQ(op, CASES[i].op);
    }
    tern_io_path_t root = tern_io_path_root();
    tern_dm_op_t op;
    TT_EQ(tern_dm_op_from_coap(ANJAY_COAP_STATUS(0, 6), &root,
                               TERN_DM_FORMAT_NONE, false, &op),
          ANJAY_ERR_METHOD_NOT_ALLOWED);
}

int main(void) {
    TT_RUN(test_new_and_delete);
    TT_RUN(test_registration);
    TT_RUN(test_listing_order_enforced);
    TT_RUN(test_changes_delivered_by_scheduler);
    TT_RUN(test_binding_modes);
    TT_RUN(test_op_classification);
    return TT_SUMMARY();
}
