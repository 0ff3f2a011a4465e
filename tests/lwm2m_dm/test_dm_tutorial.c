/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A tutorial-style Object served by the engine. */

#include <string.h>

#include "dm_fixture.h"
#include "tern_test.h"
#include "tutorial_object.h"

static void test_tutorial_object(void) {
    anjay_t *anjay = tern_anjay_new_bare();
    const anjay_dm_object_def_t **greeting = greeting_object_create();
    TT_CHECK(anjay && greeting);
    TT_EQ(anjay_register_object(anjay, greeting), 0);
    tern_dm_request_t req = dm_req(TERN_DM_OP_READ, "/1234/0");
    req.accept = TERN_IO_FMT_SENML_JSON;
    dm_call_t call = dm_call(anjay, &req);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    char summary[256];
    tern_io_path_t base = tern_io_path_instance(1234, 0);
    TT_EQ(summarize(TERN_IO_FMT_SENML_JSON, &base, call.payload,
                    call.resp.payload_size, summary, sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/1234/0/0=\"Hello\";/1234/0/1=11;/1234/0/2=5000000000;"
                      "/1234/0/4=0.75;");
    req = dm_req(TERN_DM_OP_WRITE_REPLACE, "/1234/0/0");
    req.content_format = TERN_IO_FMT_TEXT;
    req.payload = "Hi there";
    req.payload_size = 8;
    TT_EQ(dm_call(anjay, &req).result, 0);
    req.payload = "this label is far too long for the buffer";
    req.payload_size = strlen(req.payload);
    TT_EQ(dm_call(anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 0));
    req = dm_req(TERN_DM_OP_READ, "/1234/0/0");
    TT_STREQ(dm_call(anjay, &req).payload, "Hi there");
    req = dm_req(TERN_DM_OP_EXECUTE, "/1234/0/3");
    req.payload = "1='x',2";
    req.payload_size = 7;
    TT_EQ(dm_call(anjay, &req).result, 0);
    TT_EQ(greeting_object_hello_count(greeting), 1);
    req = dm_req(TERN_DM_OP_DISCOVER, "/1234/0");
    TT_STREQ(dm_call(anjay, &req).payload,
             "</1234/0>,</1234/0/0>,</1234/0/1>,</1234/0/2>,</1234/0/3>,"
             "</1234/0/4>");
    anjay_delete(anjay);
    greeting_object_release(greeting);
}

int main(void) {
    TT_RUN(test_tutorial_object);
    return TT_SUMMARY();
}
