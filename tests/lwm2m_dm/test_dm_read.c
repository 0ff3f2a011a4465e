/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Read, Read-Composite and the formats they produce. */

#include <string.h>

#include "dm_fixture.h"
#include "tern_test.h"

static fixture_t f;

#define SETUP() TT_CHECK(fixture_init(&f))

static dm_call_t read_path(const char *path, uint16_t accept) {
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, path);
    req.accept = accept;
    return dm_call(f.anjay, &req);
}

static void test_plain_text_single_values(void) {
    SETUP();
    static const struct {
        const char *path;
        const char *text;
    } CASES[] = {{"/3/0/0", "Tern"},       {"/3/0/1", "42"},
                 {"/3/0/2", "21.5"},       {"/3/0/3", "1"},
                 {"/3/0/4", "1700000000"}, {"/3/0/5", "1:0"},
                 {"/3/0/6/1", "20"},       {"/33000/5/0", "five"}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(CASES); ++i) {
        dm_call_t call = read_path(CASES[i].path, TERN_DM_FORMAT_NONE);
        TT_EQ(call.result, 0);
        TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
        TT_EQ(call.resp.content_format, TERN_IO_FMT_TEXT);
        TT_STREQ(call.payload, CASES[i].text);
    }
    /* Opaque data in text/plain is base64. */
    dm_call_t call = read_path("/3/0/9", TERN_DM_FORMAT_NONE);
    TT_STREQ(call.payload, "AQIDBAU=");
    fixture_cleanup(&f);
}

static void test_opaque_and_cbor_single(void) {
    SETUP();
    dm_call_t call = read_path("/3/0/9", TERN_IO_FMT_OPAQUE);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.content_format, TERN_IO_FMT_OPAQUE);
    TT_EQ(call.resp.payload_size, 5);
    TT_CHECK(!memcmp(call.payload, "\x01\x02\x03\x04\x05", 5));
    call = read_path("/3/0/1", TERN_IO_FMT_CBOR);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.payload_size, 2);
    TT_EQ((uint8_t) call.payload[0], 0x18);
    TT_EQ((uint8_t) call.payload[1], 42);
    fixture_cleanup(&f);
}

static void test_not_acceptable(void) {
    SETUP();
    TT_EQ(read_path("/3/0/6", TERN_IO_FMT_TEXT).resp.code,
          ANJAY_COAP_STATUS(4, 6));
    TT_EQ(read_path("/3/0", TERN_IO_FMT_OPAQUE).resp.code,
          ANJAY_COAP_STATUS(4, 6));
    TT_EQ(read_path("/3/0/1", TERN_IO_FMT_OPAQUE).resp.code,
          ANJAY_COAP_STATUS(4, 6));
    TT_EQ(read_path("/3/0/1", 50).resp.code, ANJAY_COAP_STATUS(4, 6));
    TT_EQ(read_path("/3/0/1", TERN_IO_FMT_LWM2M_JSON).resp.code,
          ANJAY_COAP_STATUS(4, 6));
    dm_call_t call = read_path("/3/0/1", TERN_IO_FMT_TEXT);
    TT_EQ(call.result, 0);
    fixture_cleanup(&f);
}

static void test_errors(void) {
    SETUP();
    static const struct {
        const char *path;
        uint8_t code;
    } CASES[] = {
            {"/3/0/8", ANJAY_COAP_STATUS(4, 5)},   /* write-only */
            {"/3/0/7", ANJAY_COAP_STATUS(4, 5)},   /* executable */
            {"/3/0/11", ANJAY_COAP_STATUS(4, 5)},  /* bootstrap-only */
            {"/3/0/10", ANJAY_COAP_STATUS(4, 4)},  /* absent */
            {"/3/0/99", ANJAY_COAP_STATUS(4, 4)},  /* unsupported */
            {"/3/1", ANJAY_COAP_STATUS(4, 4)},     /* no Instance */
            {"/4", ANJAY_COAP_STATUS(4, 4)},       /* no Object */
            {"/3/0/6/5", ANJAY_COAP_STATUS(4, 4)}, /* no Resource Instance */
            {"/3/0/1/0", ANJAY_COAP_STATUS(4, 4)}, /* not multiple */
            {"/", ANJAY_COAP_STATUS(4, 5)}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(CASES); ++i) {
        dm_call_t call = read_path(CASES[i].path, TERN_DM_FORMAT_NONE);
        TT_EQ(call.resp.code, CASES[i].code);
        TT_EQ(call.result, -(int) CASES[i].code);
        TT_EQ(call.resp.payload_size, 0);
        TT_EQ(call.resp.content_format, TERN_DM_FORMAT_NONE);
    }
    fixture_cleanup(&f);
}

static const char DEV_INSTANCE_SUMMARY[] =
        "/3/0/0=\"Tern\";/3/0/1=42;/3/0/2=21.5;/3/0/3=true;"
        "/3/0/4=1700000000;/3/0/5=1:0;/3/0/6/0=10;/3/0/6/1=20;"
        "/3/0/9=x0102030405;";

static const char DEV_INSTANCE_SUMMARY_TEXT_LINK[] =
        "/3/0/0=\"Tern\";/3/0/1=42;/3/0/2=21.5;/3/0/3=true;"
        "/3/0/4=1700000000;/3/0/5=\"1:0\";/3/0/6/0=10;/3/0/6/1=20;"
        "/3/0/9=x0102030405;";

static void test_hierarchical_formats(void) {
    SETUP();
    static const uint16_t FORMATS[] = {TERN_IO_FMT_SENML_JSON,
                                       TERN_IO_FMT_SENML_CBOR,
                                       TERN_IO_FMT_LWM2M_CBOR};
    tern_io_path_t base = tern_io_path_instance(3, 0);
    for (size_t i = 0; i < AVS_ARRAY_SIZE(FORMATS); ++i) {
        dm_call_t call = read_path("/3/0", FORMATS[i]);
        TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
        TT_EQ(call.resp.content_format, FORMATS[i]);
        char summary[1024];
        TT_EQ(summarize(FORMATS[i], &base, call.payload, call.resp.payload_size,
                        summary, sizeof(summary)),
              TERN_IO_END);
        /* LwM2M CBOR carries Object Links as text. */
        TT_STREQ(summary, FORMATS[i] == TERN_IO_FMT_LWM2M_CBOR
                                  ? DEV_INSTANCE_SUMMARY_TEXT_LINK
                                  : DEV_INSTANCE_SUMMARY);
    }
    /* TLV carries no types: check the structure and the raw bytes. */
    dm_call_t call = read_path("/3/0", TERN_IO_FMT_TLV);
    char summary[1024];
    TT_EQ(summarize(TERN_IO_FMT_TLV, &base, call.payload,
                    call.resp.payload_size, summary, sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/3/0/0=x5465726e;/3/0/1=x2a;/3/0/2=x41ac0000;"
                      "/3/0/3=x01;/3/0/4=x6553f100;/3/0/5=x00010000;"
                      "/3/0/6/0=x0a;/3/0/6/1=x14;/3/0/9=x0102030405;");
    fixture_cleanup(&f);
}

static void test_default_formats(void) {
    SETUP();
    dm_call_t call = read_path("/3/0/6", TERN_DM_FORMAT_NONE);
    TT_EQ(call.resp.content_format, TERN_IO_FMT_SENML_CBOR);
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/3/0/6");
    req.lwm2m_version = ANJAY_LWM2M_VERSION_1_0;
    call = dm_call(f.anjay, &req);
    TT_EQ(call.resp.content_format, TERN_IO_FMT_TLV);
    f.anjay->config.prefer_hierarchical_formats = true;
    call = read_path("/3/0/1", TERN_DM_FORMAT_NONE);
    TT_EQ(call.resp.content_format, TERN_IO_FMT_SENML_CBOR);
    fixture_cleanup(&f);
}

static void test_object_and_multiple_resource(void) {
    SETUP();
    tern_io_path_t base = tern_io_path_object(MULTI_OID);
    dm_call_t call = read_path("/33000", TERN_IO_FMT_SENML_JSON);
    char summary[512];
    TT_EQ(summarize(TERN_IO_FMT_SENML_JSON, &base, call.payload,
                    call.resp.payload_size, summary, sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/33000/1/0=\"one\";/33000/1/1=1;/33000/5/0=\"five\";"
                      "/33000/5/1=5;");
    /* An empty Multiple Resource still shows in TLV. */
    f.dev.state.value_count = 0;
    base = tern_io_path_resource(3, 0, 6);
    call = read_path("/3/0/6", TERN_IO_FMT_TLV);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(summarize(TERN_IO_FMT_TLV, &base, call.payload,
                    call.resp.payload_size, summary, sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/3/0/6=null;");
    fixture_cleanup(&f);
}

static void test_security_hidden(void) {
    SETUP();
    TT_EQ(anjay_security_object_install(f.anjay), 0);
    TT_EQ(read_path("/0", TERN_DM_FORMAT_NONE).resp.code,
          ANJAY_COAP_STATUS(4, 1));
    fixture_cleanup(&f);
}

static void test_blockwise_window(void) {
    SETUP();
    dm_call_t whole = read_path("/3/0", TERN_IO_FMT_SENML_JSON);
    size_t total = whole.resp.payload_size;
    TT_CHECK(total > 64);
    TT_EQ(whole.resp.payload_total_size, total);
    char joined[4096];
    size_t offset = 0;
    while (offset < total) {
        tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/3/0");
        req.accept = TERN_IO_FMT_SENML_JSON;
        req.payload_offset = offset;
        tern_dm_response_t resp;
        TT_EQ(tern_dm_handle(f.anjay, &req, joined + offset, 32, &resp), 0);
        TT_EQ(resp.payload_total_size, total);
        TT_CHECK(resp.payload_size > 0 && resp.payload_size <= 32);
        offset += resp.payload_size;
    }
    TT_EQ(offset, total);
    TT_CHECK(!memcmp(joined, whole.payload, total));
    /* A payload over the limit is an internal error, not a truncation. */
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/3/0");
    req.accept = TERN_IO_FMT_SENML_JSON;
    req.max_payload_size = 16;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(5, 0));
    fixture_cleanup(&f);
}

static void test_read_composite(void) {
    SETUP();
    static const char REQUEST[] =
            "[{\"n\":\"/3/0/6\"},{\"n\":\"/33000/5/0\"},{\"n\":\"/3/0/1\"},"
            "{\"n\":\"/3/0/6/1\"},{\"n\":\"/4/0/0\"}]";
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ_COMPOSITE, "/");
    req.content_format = TERN_IO_FMT_SENML_JSON;
    req.payload = REQUEST;
    req.payload_size = sizeof(REQUEST) - 1;
    dm_call_t call = dm_call(f.anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.content_format, TERN_IO_FMT_SENML_JSON);
    char summary[512];
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(summarize(TERN_IO_FMT_SENML_JSON, &root, call.payload,
                    call.resp.payload_size, summary, sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/3/0/1=42;/3/0/6/0=10;/3/0/6/1=20;/33000/5/0=\"five\";");
    req.accept = TERN_IO_FMT_TLV;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 6));
    req.accept = TERN_DM_FORMAT_NONE;
    req.content_format = 1234;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 15));
    fixture_cleanup(&f);
}

/* A list without paths is no error: the answer is an empty list. */
static void test_read_composite_empty(void) {
    SETUP();
    static const char REQUEST[] = "[]";
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ_COMPOSITE, "/");
    req.content_format = TERN_IO_FMT_SENML_JSON;
    req.payload = REQUEST;
    req.payload_size = sizeof(REQUEST) - 1;
    dm_call_t call = dm_call(f.anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.content_format, TERN_IO_FMT_SENML_JSON);
    TT_STREQ(call.payload, "[]");
    fixture_cleanup(&f);
}

static void test_internal_value_reads(void) {
    SETUP();
    tern_io_path_t path = tern_io_path_resource(3, 0, 2);
    double d = 0;
    TT_EQ(tern_dm_read_double(f.anjay, &path, &d), 0);
    TT_CHECK(d == 21.5);
    path = tern_io_path_resource(3, 0, 0);
    TT_EQ(tern_dm_read_double(f.anjay, &path, &d), ANJAY_ERR_BAD_REQUEST);
    uint8_t *text = NULL;
    size_t size = 0;
    TT_EQ(tern_dm_read_bytes_alloc(f.anjay, &path, &text, &size), 0);
    TT_EQ(size, 4);
    TT_STREQ((const char *) text, "Tern");
    avs_free(text);
    path = tern_io_path_resource(3, 0, 6);
    int64_t i;
    TT_EQ(tern_dm_read_int(f.anjay, &path, &i), ANJAY_ERR_BAD_REQUEST);
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_plain_text_single_values);
    TT_RUN(test_opaque_and_cbor_single);
    TT_RUN(test_not_acceptable);
    TT_RUN(test_errors);
    TT_RUN(test_hierarchical_formats);
    TT_RUN(test_default_formats);
    TT_RUN(test_object_and_multiple_resource);
    TT_RUN(test_security_hidden);
    TT_RUN(test_blockwise_window);
    TT_RUN(test_read_composite);
    TT_RUN(test_read_composite_empty);
    TT_RUN(test_internal_value_reads);
    return TT_SUMMARY();
}
