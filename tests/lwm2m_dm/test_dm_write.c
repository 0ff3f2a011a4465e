/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Write (replace, partial update, Resource Instances), Write-Composite,
 * transactions and the changes they record. */

#include <string.h>

#include "dm_fixture.h"
#include "tern_test.h"

static fixture_t f;

#define SETUP() TT_CHECK(fixture_init(&f))

static dm_call_t write_payload(tern_dm_op_t op, const char *path,
                               uint16_t format, const void *payload,
                               size_t size) {
    tern_dm_request_t req = dm_req(op, path);
    req.content_format = format;
    req.payload = payload;
    req.payload_size = size;
    return dm_call(f.anjay, &req);
}

static dm_call_t write_text(const char *path, const char *text) {
    return write_payload(TERN_DM_OP_WRITE_REPLACE, path, TERN_IO_FMT_TEXT, text,
                         strlen(text));
}

static void test_single_resource(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    dm_call_t call = write_text("/3/0/1", "17");
    TT_EQ(call.result, 0);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(call.resp.payload_size, 0);
    TT_EQ(f.dev.state.counter, 17);
    TT_EQ(f.dev.begins, 1);
    TT_EQ(f.dev.commits, 1);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "value:/3/0/1:1;");
    TT_EQ(write_text("/3/0/2", "-0.25").result, 0);
    TT_CHECK(f.dev.state.temperature == -0.25);
    TT_EQ(write_text("/3/0/5", "7:8").result, 0);
    TT_EQ(f.dev.state.link_oid, 7);
    TT_EQ(f.dev.state.link_iid, 8);
    TT_EQ(write_text("/3/0/8", "hush").result, 0);
    TT_STREQ(f.dev.state.secret, "hush");
    TT_EQ(write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0/9", TERN_IO_FMT_OPAQUE,
                        "\xAA\xBB", 2)
                  .result,
          0);
    TT_EQ(f.dev.state.blob_size, 2);
    TT_EQ(f.dev.state.blob[1], 0xBB);
    fixture_cleanup(&f);
}

static void test_rejections(void) {
    SETUP();
    TT_EQ(write_text("/3/0/0", "x").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(write_text("/3/0/7", "x").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(write_text("/3/0/11", "1").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(write_text("/3/0/99", "1").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(write_text("/3/7/1", "1").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(write_text("/3", "1").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(write_text("/3/0/1", "abc").resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0/1", 1234, "1", 1)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 15));
    TT_EQ(write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0/1", TERN_DM_FORMAT_NONE,
                        "1", 1)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 0));
    TT_EQ(write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0",
                        TERN_IO_FMT_SENML_JSON, "[{", 2)
                  .resp.code,
          ANJAY_COAP_STATUS(4, 0));
    /* text/plain cannot address an Instance. */
    TT_EQ(write_text("/3/0", "1").resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.dev.state.counter, 42);
    fixture_cleanup(&f);
}

static void test_validation_rolls_back(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    dm_call_t call = write_text("/3/0/1", "-5");
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.dev.state.counter, 42);
    TT_EQ(f.dev.rollbacks, 1);
    TT_EQ(f.dev.commits, 0);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "");
    fixture_cleanup(&f);
}

/* A payload with every writable kind of value, in a given format. */
static size_t encode_instance(uint16_t format, uint8_t *buf, size_t size,
                              bool with_unknown) {
    tern_io_buf_t out;
    tern_io_buf_init_fixed(&out, buf, size);
    tern_io_enc_t enc;
    tern_io_path_t base = tern_io_path_instance(3, 0);
    size_t len = 0;
    struct {
        tern_io_path_t path;
        tern_io_value_t value;
    } entries[] = {
            {tern_io_path_resource(3, 0, 1), tern_io_value_int(7)},
            {tern_io_path_resource(3, 0, 2), tern_io_value_double(1.25)},
            {tern_io_path_resource(3, 0, 3), tern_io_value_bool(false)},
            {tern_io_path_resource(3, 0, 5), tern_io_value_objlnk(5, 6)},
            {tern_io_path_resource_instance(3, 0, 6, 3), tern_io_value_int(33)},
            {tern_io_path_resource(3, 0, 9), tern_io_value_bytes("\x09", 1)},
            {tern_io_path_resource(3, 0, 99), tern_io_value_int(1)}};
    if (tern_io_enc_init(&enc, format, &base, &out)) {
        return 0;
    }
    for (size_t i = 0; i < AVS_ARRAY_SIZE(entries) - (with_unknown ? 0 : 1);
         ++i) {
        if (tern_io_enc_add(&enc, &entries[i].path, &entries[i].value)) {
            return 0;
        }
    }
    return tern_io_enc_finish(&enc, &len) ? 0 : len;
}

static void test_replace_instance_every_format(void) {
    static const uint16_t FORMATS[] = {TERN_IO_FMT_TLV, TERN_IO_FMT_SENML_JSON,
                                       TERN_IO_FMT_SENML_CBOR,
                                       TERN_IO_FMT_LWM2M_CBOR};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(FORMATS); ++i) {
        SETUP();
        f.dev.state.optional_present = true;
        uint8_t payload[256];
        size_t len =
                encode_instance(FORMATS[i], payload, sizeof(payload), true);
        TT_CHECK(len > 0);
        dm_call_t call = write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0",
                                       FORMATS[i], payload, len);
        TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
        const dev_state_t *s = &f.dev.state;
        TT_EQ(s->counter, 7);
        TT_CHECK(s->temperature == 1.25);
        TT_CHECK(!s->enabled);
        TT_EQ(s->link_oid, 5);
        TT_EQ(s->link_iid, 6);
        /* Replacing the Instance emptied the Multiple Resource first. */
        TT_EQ(s->value_count, 1);
        TT_EQ(s->value_riids[0], 3);
        TT_EQ(s->values[0], 33);
        TT_EQ(s->blob_size, 1);
        TT_CHECK(!s->optional_present);

        /* Read it back in the same format and compare the values. */
        tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/3/0/6");
        req.accept = FORMATS[i];
        call = dm_call(f.anjay, &req);
        TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
        char summary[256];
        tern_io_path_t base = tern_io_path_resource(3, 0, 6);
        TT_EQ(summarize(FORMATS[i], &base, call.payload, call.resp.payload_size,
                        summary, sizeof(summary)),
              TERN_IO_END);
        TT_STREQ(summary, FORMATS[i] == TERN_IO_FMT_TLV ? "/3/0/6/3=x21;"
                                                        : "/3/0/6/3=33;");
        fixture_cleanup(&f);
    }
}

static void test_partial_update(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    uint8_t payload[256];
    tern_io_buf_t out;
    tern_io_buf_init_fixed(&out, payload, sizeof(payload));
    tern_io_enc_t enc;
    tern_io_path_t base = tern_io_path_instance(3, 0);
    tern_io_path_t p = tern_io_path_resource_instance(3, 0, 6, 7);
    tern_io_value_t v = tern_io_value_int(70);
    size_t len;
    TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_SENML_CBOR, &base, &out), 0);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), 0);
    TT_EQ(tern_io_enc_finish(&enc, &len), 0);
    dm_call_t call = write_payload(TERN_DM_OP_WRITE_UPDATE, "/3/0",
                                   TERN_IO_FMT_SENML_CBOR, payload, len);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(f.dev.state.value_count, 3);
    TT_EQ(f.dev.state.value_riids[2], 7);
    TT_EQ(f.dev.state.values[2], 70);
    TT_EQ(f.dev.state.counter, 42);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "value:/3/0/6:1;");
    fixture_cleanup(&f);
}

static void test_resource_instance_and_multiple(void) {
    SETUP();
    TT_EQ(write_text("/3/0/6/1", "99").resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(f.dev.state.values[1], 99);
    TT_EQ(f.dev.state.value_count, 2);
    TT_EQ(write_text("/3/0/6/9", "1").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(write_text("/3/0/1/0", "1").resp.code, ANJAY_COAP_STATUS(4, 5));
    /* Replacing a Multiple Resource. */
    static const char SENML[] =
            "[{\"bn\":\"/3/0/6/\",\"n\":\"4\",\"v\":4},{\"n\":\"5\",\"v\":5}]";
    dm_call_t call =
            write_payload(TERN_DM_OP_WRITE_REPLACE, "/3/0/6",
                          TERN_IO_FMT_SENML_JSON, SENML, sizeof(SENML) - 1);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(f.dev.state.value_count, 2);
    TT_EQ(f.dev.state.value_riids[0], 4);
    TT_EQ(f.dev.state.values[1], 5);
    /* A single value cannot go to a Multiple Resource. */
    TT_EQ(write_text("/3/0/6", "1").resp.code, ANJAY_COAP_STATUS(4, 0));
    fixture_cleanup(&f);
}

static void test_write_composite(void) {
    SETUP();
    static const char GOOD[] = "[{\"n\":\"/3/0/1\",\"v\":5},"
                               "{\"n\":\"/33000/1/1\",\"v\":11}]";
    tern_dm_request_t req = dm_req(TERN_DM_OP_WRITE_COMPOSITE, "/");
    req.content_format = TERN_IO_FMT_SENML_JSON;
    req.payload = GOOD;
    req.payload_size = sizeof(GOOD) - 1;
    dm_call_t call = dm_call(f.anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_EQ(f.dev.state.counter, 5);
    TT_EQ(f.multi.inst[0].value, 11);
    /* One invalid Object rolls back every Object touched. */
    static const char BAD[] = "[{\"n\":\"/3/0/1\",\"v\":6},"
                              "{\"n\":\"/33000/1/0\",\"vs\":\"\"}]";
    req.payload = BAD;
    req.payload_size = sizeof(BAD) - 1;
    call = dm_call(f.anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.dev.state.counter, 5);
    TT_STREQ(f.multi.inst[0].name, "one");
    TT_EQ(f.dev.rollbacks, 1);
    static const char MISSING[] = "[{\"n\":\"/3/0/1\",\"v\":8},"
                                  "{\"n\":\"/33000/9/1\",\"v\":1}]";
    req.payload = MISSING;
    req.payload_size = sizeof(MISSING) - 1;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(f.dev.state.counter, 5);
    fixture_cleanup(&f);
}

static void test_security_not_writable_by_servers(void) {
    SETUP();
    TT_EQ(anjay_security_object_install(f.anjay), 0);
    const anjay_security_instance_t sec = {
            .ssid = 1,
            .server_uri = "coap://127.0.0.1:5683",
            .security_mode = ANJAY_SECURITY_NOSEC};
    anjay_iid_t iid = ANJAY_ID_INVALID;
    TT_EQ(anjay_security_object_add_instance(f.anjay, &sec, &iid), 0);
    TT_EQ(write_text("/0/0/0", "coap://evil").resp.code,
          ANJAY_COAP_STATUS(4, 1));
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_single_resource);
    TT_RUN(test_rejections);
    TT_RUN(test_validation_rolls_back);
    TT_RUN(test_replace_instance_every_format);
    TT_RUN(test_partial_update);
    TT_RUN(test_resource_instance_and_multiple);
    TT_RUN(test_write_composite);
    TT_RUN(test_security_not_writable_by_servers);
    return TT_SUMMARY();
}
