/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Create and Delete. */

#include <string.h>

#include "dm_fixture.h"
#include "tern_test.h"

static fixture_t f;

#define SETUP() TT_CHECK(fixture_init(&f))

static dm_call_t create(uint16_t format, const void *payload, size_t size) {
    tern_dm_request_t req = dm_req(TERN_DM_OP_CREATE, "/33000");
    req.content_format = format;
    req.payload = payload;
    req.payload_size = size;
    return dm_call(f.anjay, &req);
}

static dm_call_t delete_path(const char *path) {
    tern_dm_request_t req = dm_req(TERN_DM_OP_DELETE, path);
    return dm_call(f.anjay, &req);
}

static void test_create_without_iid(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    /* TLV Resources without an Instance around them: name "x", value 3. */
    static const uint8_t TLV[] = {0xC1, 0x00, 'x', 0xC1, 0x01, 0x03};
    dm_call_t call = create(TERN_IO_FMT_TLV, TLV, sizeof(TLV));
    TT_EQ(call.result, 0);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 1));
    char location[TERN_IO_PATH_STR_SIZE];
    tern_io_path_format(&call.resp.location, location, sizeof(location));
    TT_STREQ(location, "/33000/0");
    TT_EQ(f.multi.count, 3);
    TT_EQ(f.multi.inst[0].iid, 0);
    TT_STREQ(f.multi.inst[0].name, "x");
    TT_EQ(f.multi.inst[0].value, 3);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "instances:/33000:1;value:/33000/0/0:1;"
                      "value:/33000/0/1:1;");
    fixture_cleanup(&f);
}

static void test_create_with_iid(void) {
    SETUP();
    static const char SENML[] = "[{\"n\":\"/33000/7/0\",\"vs\":\"seven\"}]";
    dm_call_t call = create(TERN_IO_FMT_SENML_JSON, SENML, sizeof(SENML) - 1);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 1));
    char location[TERN_IO_PATH_STR_SIZE];
    tern_io_path_format(&call.resp.location, location, sizeof(location));
    TT_STREQ(location, "/33000/7");
    TT_EQ(f.multi.count, 3);
    TT_STREQ(f.multi.inst[2].name, "seven");
    TT_CHECK(!f.multi.inst[2].has_value);
    /* The same IID again is a bad request. */
    TT_EQ(create(TERN_IO_FMT_SENML_JSON, SENML, sizeof(SENML) - 1).resp.code,
          ANJAY_COAP_STATUS(4, 0));
    /* Two Instances in one Create too. */
    static const char TWO[] = "[{\"n\":\"/33000/8/0\",\"vs\":\"a\"},"
                              "{\"n\":\"/33000/9/0\",\"vs\":\"b\"}]";
    TT_EQ(create(TERN_IO_FMT_SENML_JSON, TWO, sizeof(TWO) - 1).resp.code,
          ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.multi.count, 3);
    fixture_cleanup(&f);
}

static void test_create_rejected(void) {
    SETUP();
    /* No payload: the Instance would have an empty name, which the Object
     * refuses at validation; nothing is left behind. */
    dm_call_t call = create(TERN_DM_FORMAT_NONE, NULL, 0);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.multi.count, 2);
    tern_dm_request_t req = dm_req(TERN_DM_OP_CREATE, "/3");
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 5));
    req = dm_req(TERN_DM_OP_CREATE, "/4");
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 4));
    req = dm_req(TERN_DM_OP_CREATE, "/33000/1");
    TT_EQ(dm_call(f.anjay, &req).resp.code, ANJAY_COAP_STATUS(4, 5));
    fixture_cleanup(&f);
}

static void test_delete(void) {
    SETUP();
    tern_io_path_t path = tern_io_path_instance(MULTI_OID, 5);
    anjay_dm_r_attributes_t attrs = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    attrs.common.min_period = 3;
    TT_EQ(tern_attr_storage_set(&f.anjay->attr_storage, 1, &path, &attrs), 0);
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    dm_call_t call = delete_path("/33000/5");
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 2));
    TT_EQ(f.multi.count, 1);
    TT_EQ(f.anjay->attr_storage.count, 0);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "instances:/33000:1;");
    TT_EQ(delete_path("/33000/5").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(delete_path("/33000").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(delete_path("/33000/1/0").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(delete_path("/3/0").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(delete_path("/9/0").resp.code, ANJAY_COAP_STATUS(4, 4));
    fixture_cleanup(&f);
}

/* A Delete that does not commit keeps the Instance's attributes. */
static void test_delete_rolled_back_keeps_attrs(void) {
    SETUP();
    tern_io_path_t inst = tern_io_path_instance(MULTI_OID, 5);
    tern_io_path_t res = tern_io_path_resource(MULTI_OID, 5, 1);
    tern_io_path_t other = tern_io_path_instance(MULTI_OID, 1);
    anjay_dm_r_attributes_t attrs = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    attrs.common.min_period = 3;
    TT_EQ(tern_attr_storage_set(&f.anjay->attr_storage, 1, &inst, &attrs), 0);
    TT_EQ(tern_attr_storage_set(&f.anjay->attr_storage, 2, &other, &attrs), 0);
    attrs.greater_than = 10.0;
    TT_EQ(tern_attr_storage_set(&f.anjay->attr_storage, 1, &res, &attrs), 0);
    /* An Instance without a name makes the Object reject the transaction. */
    TT_EQ(f.multi.inst[0].iid, 1);
    f.multi.inst[0].name[0] = '\0';
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_EQ(delete_path("/33000/5").resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.multi.count, 2);
    TT_EQ(f.anjay->attr_storage.count, 3);
    anjay_dm_r_attributes_t got;
    tern_attr_storage_get(&f.anjay->attr_storage, 1, &inst, &got);
    TT_EQ(got.common.min_period, 3);
    tern_attr_storage_get(&f.anjay->attr_storage, 1, &res, &got);
    TT_EQ(got.common.min_period, 3);
    TT_CHECK(got.greater_than == 10.0);
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "");
    /* Once the Delete commits, the attributes go with the Instance; those
     * of other Instances stay. */
    strcpy(f.multi.inst[0].name, "one");
    TT_EQ(delete_path("/33000/5").resp.code, ANJAY_COAP_STATUS(2, 2));
    TT_EQ(f.multi.count, 1);
    TT_EQ(f.anjay->attr_storage.count, 1);
    tern_attr_storage_get(&f.anjay->attr_storage, 1, &inst, &got);
    TT_CHECK(tern_attr_r_empty(&got));
    tern_attr_storage_get(&f.anjay->attr_storage, 2, &other, &got);
    TT_EQ(got.common.min_period, 3);
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_create_without_iid);
    TT_RUN(test_create_with_iid);
    TT_RUN(test_create_rejected);
    TT_RUN(test_delete);
    TT_RUN(test_delete_rolled_back_keeps_attrs);
    return TT_SUMMARY();
}
