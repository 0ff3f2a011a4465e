/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Execute and its argument parsing. */

#include <string.h>

#include "dm_fixture.h"
#include "lwm2m/dm/dm_execute.h"
#include "tern_test.h"

static fixture_t f;

#define SETUP() TT_CHECK(fixture_init(&f))

static dm_call_t execute(const char *path, const char *args) {
    tern_dm_request_t req = dm_req(TERN_DM_OP_EXECUTE, path);
    req.payload = args;
    req.payload_size = args ? strlen(args) : 0;
    return dm_call(f.anjay, &req);
}

static void test_arguments_reach_the_handler(void) {
    SETUP();
    dm_call_t call = execute("/3/0/7", "0='hello',3,9=''");
    TT_EQ(call.result, 0);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    TT_STREQ(f.dev.exec_log, "0='hello',3,9=''");
    TT_EQ(f.dev.exec_result, ANJAY_EXECUTE_GET_ARG_END);
    TT_EQ(execute("/3/0/7", NULL).result, 0);
    TT_STREQ(f.dev.exec_log, "");
    fixture_cleanup(&f);
}

static void test_malformed_arguments(void) {
    SETUP();
    static const char *const BAD[] = {"0='x", "a", "1,", "12", "1='a'b", "1=x"};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(BAD); ++i) {
        dm_call_t call = execute("/3/0/7", BAD[i]);
        TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 0));
        TT_EQ(f.dev.exec_result, ANJAY_ERR_BAD_REQUEST);
    }
    fixture_cleanup(&f);
}

static void test_targets(void) {
    SETUP();
    TT_EQ(execute("/3/0/1", NULL).resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(execute("/3/0", NULL).resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(execute("/3/0/10", NULL).resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(execute("/3/0/50", NULL).resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(execute("/3/4/7", NULL).resp.code, ANJAY_COAP_STATUS(4, 4));
    tern_dm_request_t req = dm_req(TERN_DM_OP_EXECUTE, "/3/0/7");
    req.ssid = ANJAY_SSID_BOOTSTRAP;
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 5));
    fixture_cleanup(&f);
}

static void test_context_semantics(void) {
    anjay_execute_ctx_t ctx;
    int arg = 7;
    bool has_value = true;
    char buf[8];
    size_t read = 99;
    tern_dm_execute_init(&ctx, "5='abcdefghij',6", 16);
    TT_EQ(anjay_execute_get_arg_value(&ctx, &read, buf, 1), -1);
    TT_EQ(anjay_execute_get_next_arg(&ctx, &arg, &has_value), 0);
    TT_EQ(arg, 5);
    TT_CHECK(has_value);
    TT_EQ(anjay_execute_get_arg_value(&ctx, &read, buf, sizeof(buf)),
          ANJAY_BUFFER_TOO_SHORT);
    TT_EQ(read, 7);
    TT_STREQ(buf, "abcdefg");
    /* The rest of a value is skipped by moving on. */
    TT_EQ(anjay_execute_get_next_arg(&ctx, &arg, &has_value), 0);
    TT_EQ(arg, 6);
    TT_CHECK(!has_value);
    TT_EQ(anjay_execute_get_arg_value(&ctx, &read, buf, sizeof(buf)), 0);
    TT_EQ(read, 0);
    TT_STREQ(buf, "");
    TT_EQ(anjay_execute_get_next_arg(&ctx, &arg, &has_value),
          ANJAY_EXECUTE_GET_ARG_END);
    TT_EQ(arg, -1);
    TT_CHECK(!has_value);
    TT_EQ(anjay_execute_get_next_arg(&ctx, &arg, &has_value),
          ANJAY_EXECUTE_GET_ARG_END);
    /* A value that fills the buffer exactly is complete. */
    tern_dm_execute_init(&ctx, "1='abc'", 7);
    TT_EQ(anjay_execute_get_next_arg(&ctx, &arg, &has_value), 0);
    TT_EQ(anjay_execute_get_arg_value(&ctx, &read, buf, 4), 0);
    TT_STREQ(buf, "abc");
}

int main(void) {
    TT_RUN(test_arguments_reach_the_handler);
    TT_RUN(test_malformed_arguments);
    TT_RUN(test_targets);
    TT_RUN(test_context_semantics);
    return TT_SUMMARY();
}
