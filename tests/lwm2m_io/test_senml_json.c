/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

#define FMT TERN_IO_FMT_SENML_JSON

static const char READ_3_0[] =
        "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"Open Mobile Alliance\"},"
        "{\"n\":\"6/0\",\"v\":1},{\"n\":\"9\",\"v\":100}]";

static const entry_t *read_entries(void) {
    static entry_t e[3];
    e[0] = (entry_t){tern_io_path_resource(3, 0, 0),
                     tern_io_value_string("Open Mobile Alliance")};
    e[1] = (entry_t){tern_io_path_resource_instance(3, 0, 6, 0),
                     tern_io_value_int(1)};
    e[2] = (entry_t){tern_io_path_resource(3, 0, 9), tern_io_value_int(100)};
    return e;
}

static void test_encode_read(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t base = tern_io_path_instance(3, 0);
    size_t len;
    TT_EQ(encode_all(FMT, &base, read_entries(), 3, &buf, &len), TERN_IO_OK);
    TT_TEXT(buf.data, len, READ_3_0);
    buf.len = 0;
    base = tern_io_path_resource(3, 0, 9);
    TT_EQ(encode_all(FMT, &base, read_entries() + 2, 1, &buf, &len),
          TERN_IO_OK);
    TT_TEXT(buf.data, len, "[{\"bn\":\"/3/0/9\",\"v\":100}]");
    buf.len = 0;
    base = tern_io_path_object(3);
    TT_EQ(encode_all(FMT, &base, NULL, 0, &buf, &len), TERN_IO_OK);
    TT_TEXT(buf.data, len, "[]");
    tern_io_buf_release(&buf);
}

static void test_encode_send(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t root = tern_io_path_root();
    tern_io_enc_t enc;
    TT_EQ(tern_io_enc_init(&enc, FMT, &root, &buf), TERN_IO_OK);
    tern_io_path_t p = tern_io_path_resource(3, 0, 9);
    tern_io_value_t v = tern_io_value_int(100);
    TT_EQ(tern_io_enc_add_timed(&enc, &p, &v, 1700000000.0), TERN_IO_OK);
    v = tern_io_value_int(99);
    TT_EQ(tern_io_enc_add_timed(&enc, &p, &v, 1700000060.5), TERN_IO_OK);
    p = tern_io_path_resource(1, 0, 1);
    v = tern_io_value_int(60);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    TT_EQ(tern_io_enc_add_timed(&enc, &p, &v, INFINITY),
          TERN_IO_ERR_INVALID_ARG);
    size_t len;
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
    TT_TEXT(buf.data, len,
            "[{\"n\":\"/3/0/9\",\"v\":100,\"t\":1700000000},"
            "{\"n\":\"/3/0/9\",\"v\":99,\"t\":1700000060.5},"
            "{\"n\":\"/1/0/1\",\"v\":60}]");
    entry_t out[4];
    size_t count;
    tern_io_dec_t dec;
    TT_EQ(tern_io_dec_init(&dec, FMT, &root, buf.data, len), TERN_IO_OK);
    TT_EQ(tern_io_dec_next(&dec, &out[0].path, &out[0].value), TERN_IO_OK);
    TT_CHECK(tern_io_dec_time(&dec) == 1700000000.0);
    TT_EQ(tern_io_dec_next(&dec, &out[1].path, &out[1].value), TERN_IO_OK);
    TT_CHECK(tern_io_dec_time(&dec) == 1700000060.5);
    TT_EQ(tern_io_dec_next(&dec, &out[2].path, &out[2].value), TERN_IO_OK);
    TT_CHECK(isnan(tern_io_dec_time(&dec)));
    TT_EQ(tern_io_dec_next(&dec, &out[3].path, &out[3].value), TERN_IO_END);
    tern_io_dec_cleanup(&dec);
    (void) count;
    tern_io_buf_release(&buf);
}

static void test_encode_types(void) {
    static const struct {
        tern_io_value_t value;
        const char *json;
    } CASES[] = {
            {{TERN_IO_TYPE_BOOL, {.b = true}}, "\"vb\":true"},
            {{TERN_IO_TYPE_BOOL, {.b = false}}, "\"vb\":false"},
            {{TERN_IO_TYPE_OBJLNK, {.objlnk = {3, 0}}}, "\"vlo\":\"3:0\""},
            {{TERN_IO_TYPE_DOUBLE, {.d = 1.5}}, "\"v\":1.5"},
            {{TERN_IO_TYPE_DOUBLE, {.d = -1e-300}}, "\"v\":-1e-300"},
            {{TERN_IO_TYPE_INT, {.i = INT64_MIN}},
             "\"v\":-9223372036854775808"},
            {{TERN_IO_TYPE_UINT, {.u = UINT64_MAX}},
             "\"v\":18446744073709551615"},
            {{TERN_IO_TYPE_TIME, {.i = 5}}, "\"v\":5"},
            {{TERN_IO_TYPE_BYTES, {.view = {"\x01\x02\x03", 3}}},
             "\"vd\":\"AQID\""},
            {{TERN_IO_TYPE_BYTES, {.view = {"\xFB\xFF", 2}}}, "\"vd\":\"-_8\""},
            {{TERN_IO_TYPE_BYTES, {.view = {"", 0}}}, "\"vd\":\"\""},
            {{TERN_IO_TYPE_STRING, {.view = {"", 0}}}, "\"vs\":\"\""},
            {{TERN_IO_TYPE_STRING, {.view = {"a\"b\\\n\x01\x7f\xc5\xbc", 9}}},
             "\"vs\":\"a\\\"b\\\\\\n\\u0001\x7f\xc5\xbc\""},
    };
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t base = tern_io_path_resource(3, 0, 1);
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        char expected[128];
        snprintf(expected, sizeof(expected), "[{\"bn\":\"/3/0/1\",%s}]",
                 CASES[i].json);
        entry_t e = {base, CASES[i].value};
        size_t len;
        buf.len = 0;
        TT_EQ(encode_all(FMT, &base, &e, 1, &buf, &len), TERN_IO_OK);
        TT_BYTES(buf.data, len, expected, strlen(expected));
    }
    entry_t bad = {base, tern_io_value_double(NAN)};
    size_t len;
    buf.len = 0;
    TT_EQ(encode_all(FMT, &base, &bad, 1, &buf, &len), TERN_IO_ERR_UNSUPPORTED);
    bad.value = tern_io_value_string("\xff");
    TT_EQ(encode_all(FMT, &base, &bad, 1, &buf, &len), TERN_IO_ERR_UNSUPPORTED);
    tern_io_buf_release(&buf);
}

static void test_encode_composite_request(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t root = tern_io_path_root();
    entry_t e[] = {{tern_io_path_resource(3, 0, 1), tern_io_value_null()},
                   {tern_io_path_object(1), tern_io_value_null()}};
    size_t len;
    TT_EQ(encode_all(FMT, &root, e, 2, &buf, &len), TERN_IO_OK);
    TT_TEXT(buf.data, len, "[{\"n\":\"/3/0/1\"},{\"n\":\"/1\"}]");
    entry_t out[4];
    size_t count;
    TT_EQ(decode_all(FMT, &root, buf.data, len, out, 4, &count), TERN_IO_END);
    TT_EQ(count, 2);
    TT_CHECK(path_is(&out[1].path, 1, 1, 0, 0, 0));
    TT_EQ(out[1].value.type, TERN_IO_TYPE_NULL);
    tern_io_buf_release(&buf);
}

/* The base path itself after a deeper entry needs a fresh "bn". */
static void test_encode_base_after_deeper(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t base = tern_io_path_resource(3, 0, 6);
    entry_t e[] = {
            {tern_io_path_resource_instance(3, 0, 6, 1), tern_io_value_int(1)},
            {tern_io_path_resource(3, 0, 6), tern_io_value_null()},
            {tern_io_path_resource_instance(3, 0, 6, 2), tern_io_value_int(2)},
    };
    size_t len;
    TT_EQ(encode_all(FMT, &base, e, 3, &buf, &len), TERN_IO_OK);
    TT_TEXT(buf.data, len,
            "[{\"bn\":\"/3/0/6/\",\"n\":\"1\",\"v\":1},{\"bn\":\"/3/0/6\"},"
            "{\"n\":\"/2\",\"v\":2}]");
    entry_t out[4];
    size_t count;
    TT_EQ(decode_all(FMT, &base, buf.data, len, out, 4, &count), TERN_IO_END);
    /* A record holding only "bn" sets the base and yields nothing. */
    TT_EQ(count, 2);
    TT_CHECK(path_is(&out[1].path, 4, 3, 0, 6, 2));
    tern_io_buf_release(&buf);
}

static void test_decode_read(void) {
    entry_t out[4];
    size_t count;
    tern_io_path_t req = tern_io_path_instance(3, 0);
    TT_EQ(decode_all(FMT, &req, READ_3_0, sizeof(READ_3_0) - 1, out, 4, &count),
          TERN_IO_END);
    TT_EQ(count, 3);
    const entry_t *e = read_entries();
    for (size_t i = 0; i < 3; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &e[i].path));
        TT_EQ(out[i].value.type, e[i].value.type);
    }
    TT_TEXT(out[0].value.u.view.data, out[0].value.u.view.len,
            "Open Mobile Alliance");
    TT_EQ(out[2].value.u.i, 100);
    req = tern_io_path_resource(3, 0, 0);
    TT_EQ(decode_all(FMT, &req, READ_3_0, sizeof(READ_3_0) - 1, out, 4, &count),
          TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
    TT_EQ(count, 1);
}

static void test_decode_features(void) {
    entry_t out[8];
    size_t count;
    tern_io_path_t root = tern_io_path_root();
    static const char TIMES[] =
            "[{\"bn\":\"/3/0/\",\"bt\":1700000000,\"n\":\"9\",\"v\":1,"
            "\"t\":-5},{\"n\":\"10\",\"v\":2}]";
    tern_io_dec_t dec;
    tern_io_path_t p;
    tern_io_value_t v;
    TT_EQ(tern_io_dec_init(&dec, FMT, &root, TIMES, sizeof(TIMES) - 1),
          TERN_IO_OK);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    TT_CHECK(tern_io_dec_time(&dec) == 1699999995.0);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    TT_CHECK(path_is(&p, 3, 3, 0, 10, 0));
    TT_CHECK(tern_io_dec_time(&dec) == 1700000000.0);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_END);
    tern_io_dec_cleanup(&dec);

    static const char IGNORED[] =
            "[{\"bver\":10,\"bn\":\"/3/\"},{\"u\":\"Cel\",\"foo\":{\"x\":[1,"
            "{}]},\"n\":\"0/1\",\"ut\":5,\"vb\":false}]";
    TT_EQ(decode_all(FMT, &root, IGNORED, sizeof(IGNORED) - 1, out, 8, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_CHECK(path_is(&out[0].path, 3, 3, 0, 1, 0));
    TT_EQ(out[0].value.type, TERN_IO_TYPE_BOOL);

    static const char ESCAPED[] =
            "[{\"n\":\"\\/3\\/0\\/0\",\"vs\":\"\\u00e9\\n\"},"
            "{\"n\":\"/3/0/1\",\"vd\":\"AQI=\"},"
            "{\"n\":\"/3/0/2\",\"vd\":\"-_8\"},"
            "{\"n\":\"/3/0/3\",\"vlo\":\"65535:65535\"}]";
    TT_EQ(decode_all(FMT, &root, ESCAPED, sizeof(ESCAPED) - 1, out, 8, &count),
          TERN_IO_END);
    TT_EQ(count, 4);
    TT_CHECK(path_is(&out[0].path, 3, 3, 0, 0, 0));
    TT_TEXT(out[0].value.u.view.data, out[0].value.u.view.len, "\xc3\xa9\n");
    TT_EQ(out[1].value.type, TERN_IO_TYPE_BYTES);
    TT_BYTES(out[1].value.u.view.data, out[1].value.u.view.len, "\x01\x02", 2);
    TT_BYTES(out[2].value.u.view.data, out[2].value.u.view.len, "\xFB\xFF", 2);
    TT_EQ(out[3].value.type, TERN_IO_TYPE_OBJLNK);
    TT_EQ(out[3].value.u.objlnk.oid, 65535);
}

static int status_of(const char *json) {
    entry_t out[8];
    size_t count;
    tern_io_path_t root = tern_io_path_root();
    return decode_all(FMT, &root, json, strlen(json), out, 8, &count);
}

static void test_decode_errors(void) {
    static const struct {
        const char *json;
        int status;
    } CASES[] = {
            {"", TERN_IO_ERR_MALFORMED},
            {"{}", TERN_IO_ERR_MALFORMED},
            {"[1]", TERN_IO_ERR_MALFORMED},
            {"[[]]", TERN_IO_ERR_MALFORMED},
            {"[]x", TERN_IO_ERR_MALFORMED},
            {"[] []", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"v\":1}", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"n\":\"/3/0/2\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"v\":1,\"vs\":\"x\"}]",
             TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"v\":\"1\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"vs\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"vb\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"vd\":\"A\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"vd\":\"A+-A\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"vlo\":\"3\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"t\":\"x\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":5}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"abc\",\"v\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0\",\"v\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1/2/3\"}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/65535/1\",\"v\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"bn\":\"/3/0/1\",\"n\":\"/\",\"v\":1}]",
             TERN_IO_ERR_MALFORMED},
            {"[{\"bn\":\"/000000000000000000000000000000000003/\",\"v\":1}]",
             TERN_IO_ERR_MALFORMED},
            {"[{\"v\":1}]", TERN_IO_ERR_MALFORMED},
            {"[{\"n\":\"/3/0/1\",\"v\":1e999}]", TERN_IO_ERR_RANGE},
            {"[{\"n\":\"/3/0/1\",\"bv\":1}]", TERN_IO_ERR_UNSUPPORTED},
            {"[{\"n\":\"/3/0/1\",\"s\":1}]", TERN_IO_ERR_UNSUPPORTED},
            {"[{\"n\":\"/3/0/1\",\"x_\":1}]", TERN_IO_ERR_UNSUPPORTED},
            {"[{\"n\":\"/3/0/1\",\"v\":1},{\"n\":\"/3/0/2\",\"v\":01}]",
             TERN_IO_ERR_MALFORMED},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        int status = status_of(CASES[i].json);
        if (status != CASES[i].status) {
            TT_FAIL_AT__("%s gave %d, expected %d", CASES[i].json, status,
                         CASES[i].status);
        }
    }
}

static void test_truncation(void) {
    tern_io_path_t base = tern_io_path_instance(3, 0);
    check_truncation(FMT, &base, read_entries(), 3);
}

int main(void) {
    TT_RUN(test_encode_read);
    TT_RUN(test_encode_send);
    TT_RUN(test_encode_types);
    TT_RUN(test_encode_composite_request);
    TT_RUN(test_encode_base_after_deeper);
    TT_RUN(test_decode_read);
    TT_RUN(test_decode_features);
    TT_RUN(test_decode_errors);
    TT_RUN(test_truncation);
    return TT_SUMMARY();
}
