/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Write-Attributes, Discover, effective attributes and the public
 * attribute storage API. */

#include <math.h>
#include <string.h>

#include "dm_fixture.h"
#include "lwm2m/dm/dm_attributes.h"
#include "tern_test.h"

static fixture_t f;

#define SETUP() TT_CHECK(fixture_init(&f))

static dm_call_t write_attrs(const char *path, const char *query) {
    tern_io_str_t options[8];
    size_t count = 0;
    const char *p = query;
    while (*p && count < AVS_ARRAY_SIZE(options)) {
        size_t len = strcspn(p, "&");
        options[count].data = p;
        options[count].len = len;
        ++count;
        p += len + (p[len] == '&');
    }
    tern_dm_request_t req = dm_req(TERN_DM_OP_WRITE_ATTRIBUTES, path);
    req.query = options;
    req.query_count = count;
    return dm_call(f.anjay, &req);
}

static dm_call_t discover(const char *path) {
    tern_dm_request_t req = dm_req(TERN_DM_OP_DISCOVER, path);
    return dm_call(f.anjay, &req);
}

static void test_write_attributes_valid(void) {
    SETUP();
    char changes[256];
    changes_capture(f.anjay, changes, sizeof(changes));
    dm_call_t call = write_attrs("/3/0/1", "pmin=10&pmax=60&gt=5.5&st=0.5");
    TT_EQ(call.result, 0);
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 4));
    anjay_dm_r_attributes_t attrs;
    tern_attr_storage_get(&f.anjay->attr_storage, 1,
                          &(tern_io_path_t){{3, 0, 1, 65535}, 3}, &attrs);
    TT_EQ(attrs.common.min_period, 10);
    TT_EQ(attrs.common.max_period, 60);
    TT_CHECK(attrs.greater_than == 5.5);
    TT_CHECK(attrs.step == 0.5);
    TT_CHECK(isnan(attrs.less_than));
    changes_capture(f.anjay, changes, sizeof(changes));
    TT_STREQ(changes, "attributes:/3/0/1:1;");
    /* A bare name removes the attribute; others stay. */
    TT_EQ(write_attrs("/3/0/1", "gt").result, 0);
    tern_attr_storage_get(&f.anjay->attr_storage, 1,
                          &(tern_io_path_t){{3, 0, 1, 65535}, 3}, &attrs);
    TT_CHECK(isnan(attrs.greater_than));
    TT_EQ(attrs.common.min_period, 10);
    TT_CHECK(anjay_attr_storage_is_modified(f.anjay));
    /* Other servers have their own attributes. */
    tern_attr_storage_get(&f.anjay->attr_storage, 2,
                          &(tern_io_path_t){{3, 0, 1, 65535}, 3}, &attrs);
    TT_EQ(attrs.common.min_period, -1);
    TT_EQ(write_attrs("/33000/1", "epmin=1&epmax=9&con=1").result, 0);
    TT_EQ(write_attrs("/3/0/6/1", "lt=3").result, 0);
    fixture_cleanup(&f);
}

static void test_write_attributes_invalid(void) {
    SETUP();
    static const struct {
        const char *path;
        const char *query;
        uint8_t code;
    } CASES[] = {{"/3/0/1", "pmin=70&pmax=60", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "lt=10&gt=5", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "lt=1&gt=5&st=2", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "st=-1", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "epmin=10&epmax=5", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "foo=1", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "pmin=x", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0/1", "pmin=1&pmin=2", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/0", "gt=1", ANJAY_COAP_STATUS(4, 0)},
                 {"/3", "st=1", ANJAY_COAP_STATUS(4, 0)},
                 {"/3/5", "pmin=1", ANJAY_COAP_STATUS(4, 4)},
                 {"/3/0/10", "pmin=1", ANJAY_COAP_STATUS(4, 4)},
                 {"/3/0/6/8", "pmin=1", ANJAY_COAP_STATUS(4, 4)},
                 {"/9", "pmin=1", ANJAY_COAP_STATUS(4, 4)},
                 {"/", "pmin=1", ANJAY_COAP_STATUS(4, 5)}};
    for (size_t i = 0; i < AVS_ARRAY_SIZE(CASES); ++i) {
        TT_EQ(write_attrs(CASES[i].path, CASES[i].query).resp.code,
              CASES[i].code);
    }
    /* pmin <= pmax is checked against what is stored already. */
    TT_EQ(write_attrs("/3/0/1", "pmax=20").result, 0);
    TT_EQ(write_attrs("/3/0/1", "pmin=30").resp.code, ANJAY_COAP_STATUS(4, 0));
    TT_EQ(f.anjay->attr_storage.count, 1);
    fixture_cleanup(&f);
}

static void test_discover_object(void) {
    SETUP();
    TT_EQ(write_attrs("/3", "pmin=10").result, 0);
    TT_EQ(write_attrs("/3/0/1", "gt=5").result, 0);
    dm_call_t call = discover("/3");
    TT_EQ(call.resp.code, ANJAY_COAP_STATUS(2, 5));
    TT_EQ(call.resp.content_format, TERN_IO_FMT_LINK_FORMAT);
    TT_STREQ(call.payload, "</3>;ver=1.2;pmin=10,</3/0>,</3/0/0>,</3/0/1>,"
                           "</3/0/2>,</3/0/3>,</3/0/4>,</3/0/5>,</3/0/6>,"
                           "</3/0/7>,</3/0/8>,</3/0/9>,</3/0/11>");
    call = discover("/33000");
    TT_STREQ(call.payload, "</33000>,</33000/1>,</33000/1/0>,</33000/1/1>,"
                           "</33000/5>,</33000/5/0>,</33000/5/1>");
    fixture_cleanup(&f);
}

static void test_discover_instance_and_resource(void) {
    SETUP();
    TT_EQ(write_attrs("/3", "pmin=10").result, 0);
    TT_EQ(write_attrs("/3/0", "pmax=100").result, 0);
    TT_EQ(write_attrs("/3/0/1", "gt=5").result, 0);
    TT_EQ(write_attrs("/3/0/6", "st=2").result, 0);
    TT_EQ(write_attrs("/3/0/6/1", "lt=1").result, 0);
    dm_call_t call = discover("/3/0");
    TT_STREQ(call.payload,
             "</3/0>;pmin=10;pmax=100,</3/0/0>,</3/0/1>;gt=5,</3/0/2>,"
             "</3/0/3>,</3/0/4>,</3/0/5>,</3/0/6>;dim=2;st=2,</3/0/7>,"
             "</3/0/8>,</3/0/9>,</3/0/11>");
    call = discover("/3/0/6");
    TT_STREQ(call.payload, "</3/0/6>;dim=2;pmin=10;pmax=100;st=2,</3/0/6/0>,"
                           "</3/0/6/1>;lt=1");
    call = discover("/3/0/1");
    TT_STREQ(call.payload, "</3/0/1>;pmin=10;pmax=100;gt=5");
    TT_EQ(discover("/3/0/6/1").resp.code, ANJAY_COAP_STATUS(4, 5));
    TT_EQ(discover("/3/0/10").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(discover("/3/3").resp.code, ANJAY_COAP_STATUS(4, 4));
    TT_EQ(discover("/").resp.code, ANJAY_COAP_STATUS(4, 5));
    fixture_cleanup(&f);
}

static void test_effective_attributes(void) {
    SETUP();
    TT_EQ(anjay_server_object_install(f.anjay), 0);
    const anjay_server_instance_t server = {.ssid = 1,
                                            .lifetime = 60,
                                            .default_min_period = 2,
                                            .default_max_period = 300,
                                            .disable_timeout = -1,
                                            .binding = "U"};
    anjay_iid_t iid = ANJAY_ID_INVALID;
    TT_EQ(anjay_server_object_add_instance(f.anjay, &server, &iid), 0);
    TT_EQ(write_attrs("/3", "pmin=5&epmax=30").result, 0);
    TT_EQ(write_attrs("/3/0", "pmin=7").result, 0);
    TT_EQ(write_attrs("/3/0/6", "gt=1").result, 0);
    TT_EQ(write_attrs("/3/0/6/0", "lt=0").result, 0);
    anjay_dm_r_attributes_t attrs;
    tern_io_path_t path = tern_io_path_resource_instance(3, 0, 6, 0);
    TT_EQ(tern_dm_effective_attrs(f.anjay, &path, 1, true, &attrs), 0);
    TT_EQ(attrs.common.min_period, 7);
    TT_EQ(attrs.common.max_period, 300);
    TT_EQ(attrs.common.max_eval_period, 30);
    TT_CHECK(attrs.greater_than == 1);
    TT_CHECK(attrs.less_than == 0);
    TT_EQ(tern_dm_effective_attrs(f.anjay, &path, 1, false, &attrs), 0);
    TT_EQ(attrs.common.max_period, -1);
    path = tern_io_path_resource(3, 0, 2);
    TT_EQ(tern_dm_effective_attrs(f.anjay, &path, 9, true, &attrs), 0);
    TT_EQ(attrs.common.min_period, -1);
    /* Attributes of a removed server go with it. */
    tern_dm_request_t req = dm_req(TERN_DM_OP_DELETE, "/1/0");
    TT_EQ(dm_call(f.anjay, &req).result, 0);
    TT_EQ(f.anjay->attr_storage.count, 0);
    fixture_cleanup(&f);
}

static int handler_calls;

static int custom_read_attrs(anjay_t *anjay,
                             const anjay_dm_object_def_t *const *obj_ptr,
                             anjay_iid_t iid, anjay_rid_t rid,
                             anjay_ssid_t ssid, anjay_dm_r_attributes_t *out) {
    (void) anjay;
    (void) obj_ptr;
    (void) iid;
    (void) rid;
    (void) ssid;
    ++handler_calls;
    *out = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    out->step = 4;
    return 0;
}

static void test_handler_overrides_storage(void) {
    SETUP();
    /* The same handlers under another ID, plus an attribute handler. */
    anjay_dm_object_def_t def = *f.dev.def;
    def.oid = 4;
    def.handlers.resource_read_attrs = custom_read_attrs;
    dev_object_t other;
    dev_object_init(&other);
    other.def = &def;
    TT_EQ(anjay_register_object(f.anjay, &other.def), 0);
    anjay_dm_r_attributes_t attrs;
    tern_io_path_t path = tern_io_path_resource(4, 0, 1);
    TT_EQ(tern_dm_effective_attrs(f.anjay, &path, 1, false, &attrs), 0);
    TT_CHECK(attrs.step == 4);
    TT_EQ(handler_calls, 1);
    TT_EQ(anjay_unregister_object(f.anjay, &other.def), 0);
    fixture_cleanup(&f);
}

static void test_public_storage_api(void) {
    SETUP();
    anjay_dm_oi_attributes_t oi = ANJAY_DM_OI_ATTRIBUTES_EMPTY;
    oi.min_period = 4;
    TT_EQ(anjay_attr_storage_set_object_attrs(f.anjay, 1, 3, &oi), 0);
    TT_EQ(anjay_attr_storage_set_instance_attrs(f.anjay, 1, 3, 0, &oi), 0);
    TT_EQ(anjay_attr_storage_set_instance_attrs(f.anjay, 1, 3, 9, &oi), -1);
    TT_EQ(anjay_attr_storage_set_object_attrs(f.anjay, 1, 77, &oi), -1);
    TT_EQ(anjay_attr_storage_set_object_attrs(f.anjay, ANJAY_SSID_ANY, 3, &oi),
          -1);
    anjay_dm_r_attributes_t r = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    r.less_than = 10;
    r.greater_than = 1;
    TT_EQ(anjay_attr_storage_set_resource_attrs(f.anjay, 1, 3, 0, 1, &r), -1);
    r.greater_than = 20;
    TT_EQ(anjay_attr_storage_set_resource_attrs(f.anjay, 1, 3, 0, 1, &r), 0);
    TT_EQ(anjay_attr_storage_set_resource_instance_attrs(f.anjay, 1, 3, 0, 6, 1,
                                                         &r),
          0);
    TT_EQ(anjay_attr_storage_set_resource_instance_attrs(f.anjay, 1, 3, 0, 6, 4,
                                                         &r),
          -1);
    TT_EQ(f.anjay->attr_storage.count, 4);
    TT_CHECK(anjay_attr_storage_is_modified(f.anjay));
    anjay_attr_storage_purge(f.anjay);
    TT_EQ(f.anjay->attr_storage.count, 0);
    TT_CHECK(avs_is_err(anjay_attr_storage_persist(f.anjay, NULL)));
    /* Unregistering an Object forgets its attributes. */
    TT_EQ(anjay_attr_storage_set_object_attrs(f.anjay, 1, 3, &oi), 0);
    TT_EQ(anjay_unregister_object(f.anjay, &f.dev.def), 0);
    TT_EQ(f.anjay->attr_storage.count, 0);
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_write_attributes_valid);
    TT_RUN(test_write_attributes_invalid);
    TT_RUN(test_discover_object);
    TT_RUN(test_discover_instance_and_resource);
    TT_RUN(test_effective_attributes);
    TT_RUN(test_handler_overrides_storage);
    TT_RUN(test_public_storage_api);
    return TT_SUMMARY();
}
