/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* LwM2M Send batches: builder, values from the data model, encoding. */

#include <string.h>

#include "dm_fixture.h"
#include "lwm2m/dm/dm_send_batch.h"
#include "tern_test.h"

static avs_time_real_t abs_time(int64_t s) {
    return avs_time_real_from_scalar(s, AVS_TIME_S);
}

static void test_builder_values(void) {
    anjay_send_batch_builder_t *builder = anjay_send_batch_builder_new();
    TT_CHECK(builder);
    avs_time_real_t t = abs_time(1700000000);
    char text[] = "hello";
    TT_EQ(anjay_send_batch_add_int(builder, 3, 0, 1, ANJAY_ID_INVALID, t, -5),
          0);
    TT_EQ(anjay_send_batch_add_uint(builder, 3, 0, 2, 4, t, 5), 0);
    TT_EQ(anjay_send_batch_add_double(builder, 3, 0, 3, ANJAY_ID_INVALID, t,
                                      0.5),
          0);
    TT_EQ(anjay_send_batch_add_bool(builder, 3, 0, 4, ANJAY_ID_INVALID, t,
                                    true),
          0);
    TT_EQ(anjay_send_batch_add_string(builder, 3, 0, 5, ANJAY_ID_INVALID, t,
                                      text),
          0);
    TT_EQ(anjay_send_batch_add_bytes(builder, 3, 0, 6, ANJAY_ID_INVALID, t,
                                     "\x01\x02", 2),
          0);
    TT_EQ(anjay_send_batch_add_objlnk(builder, 3, 0, 7, ANJAY_ID_INVALID, t, 1,
                                      2),
          0);
    TT_EQ(anjay_send_batch_add_int(builder, ANJAY_ID_INVALID, 0, 1,
                                   ANJAY_ID_INVALID, t, 1),
          -1);
    TT_EQ(anjay_send_batch_add_string(builder, 3, 0, 5, ANJAY_ID_INVALID, t,
                                      NULL),
          -1);
    memset(text, 'x', sizeof(text) - 1);
    anjay_send_batch_t *batch = anjay_send_batch_builder_compile(&builder);
    TT_CHECK(batch);
    TT_CHECK(!builder);
    TT_EQ(batch->count, 7);
    tern_io_buf_t out;
    tern_io_buf_init_growable(&out, 4096);
    TT_EQ(tern_send_batch_encode(batch, TERN_IO_FMT_SENML_JSON,
                                 abs_time(1700000100), &out),
          0);
    char summary[512];
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(summarize(TERN_IO_FMT_SENML_JSON, &root, out.data, out.len, summary,
                    sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/3/0/1=-5;/3/0/2/4=5;/3/0/3=0.5;/3/0/4=true;"
                      "/3/0/5=\"hello\";/3/0/6=x0102;/3/0/7=1:2;");
    tern_io_buf_release(&out);
    TT_EQ(tern_send_batch_encode(batch, TERN_IO_FMT_TLV, abs_time(0), &out),
          ANJAY_ERR_NOT_ACCEPTABLE);
    anjay_send_batch_t *second = anjay_send_batch_acquire(batch);
    TT_CHECK(second == batch);
    anjay_send_batch_release(&batch);
    TT_CHECK(!batch);
    TT_EQ(second->refcount, 1);
    anjay_send_batch_release(&second);
    anjay_send_batch_release(&second);
}

static void test_add_current(void) {
    fixture_t f;
    TT_CHECK(fixture_init(&f));
    anjay_send_batch_builder_t *builder = anjay_send_batch_builder_new();
    TT_CHECK(builder);
    TT_EQ(anjay_send_batch_data_add_current(builder, f.anjay, 3, 0, 1), 0);
    TT_EQ(anjay_send_batch_data_add_current(builder, f.anjay, 3, 0, 6), 0);
    TT_EQ(builder->count, 3);
    /* A failing path leaves the builder as it was. */
    const anjay_send_resource_path_t paths[] = {{3, 0, 2}, {3, 0, 10}};
    TT_EQ(anjay_send_batch_data_add_current_multiple(builder, f.anjay, paths,
                                                     2),
          ANJAY_ERR_NOT_FOUND);
    TT_EQ(builder->count, 3);
    TT_EQ(anjay_send_batch_data_add_current_multiple_ignore_not_found(
                  builder, f.anjay, paths, 2),
          0);
    TT_EQ(builder->count, 4);
    TT_EQ(anjay_send_batch_data_add_current(builder, f.anjay, 0, 0, 0), -1);
    TT_CHECK(avs_time_real_valid(builder->entries[0].timestamp));
    anjay_send_batch_t *batch = anjay_send_batch_builder_compile(&builder);
    tern_io_buf_t out;
    tern_io_buf_init_growable(&out, 4096);
    TT_EQ(tern_send_batch_encode(batch, TERN_IO_FMT_SENML_CBOR,
                                 avs_time_real_now(), &out),
          0);
    char summary[512];
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(summarize(TERN_IO_FMT_SENML_CBOR, &root, out.data, out.len, summary,
                    sizeof(summary)),
          TERN_IO_END);
    TT_STREQ(summary, "/3/0/1=42;/3/0/6/0=10;/3/0/6/1=20;/3/0/2=21.5;");
    tern_io_buf_release(&out);
    anjay_send_batch_release(&batch);
    anjay_send_batch_builder_cleanup(&builder);
    builder = anjay_send_batch_builder_new();
    TT_EQ(anjay_send_batch_add_int(builder, 1, 2, 3, ANJAY_ID_INVALID,
                                   abs_time(1), 1),
          0);
    anjay_send_batch_builder_cleanup(&builder);
    TT_CHECK(!builder);
    fixture_cleanup(&f);
}

int main(void) {
    TT_RUN(test_builder_values);
    TT_RUN(test_add_current);
    return TT_SUMMARY();
}
