/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

static int parse(const char *text, tern_io_path_t *out) {
    return tern_io_path_parse(out, text, strlen(text));
}

static void test_parse_valid(void) {
    tern_io_path_t p;
    TT_EQ(parse("/", &p), TERN_IO_OK);
    TT_EQ(p.len, 0);
    TT_EQ(parse("/3", &p), TERN_IO_OK);
    TT_CHECK(path_is(&p, 1, 3, 0, 0, 0));
    TT_EQ(parse("/3/0/1", &p), TERN_IO_OK);
    TT_CHECK(path_is(&p, 3, 3, 0, 1, 0));
    TT_EQ(parse("/65534/65534/65534/65534", &p), TERN_IO_OK);
    TT_CHECK(path_is(&p, 4, 65534, 65534, 65534, 65534));
    TT_EQ(p.ids[3], 65534);
}

static void test_parse_invalid(void) {
    static const char *const BAD[] = {
            "",       "3",       "/3/",   "//",  "/3//0",      "/65535",
            "/99999", "/123456", "/03",   "/00", "/3/0/1/2/3", "/a",
            "/-1",    "/+1",     "/3/0 ", "/ 3", "/3/0/1/",    "/1/2/3/4/"};
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); ++i) {
        tern_io_path_t p = tern_io_path_object(7);
        if (parse(BAD[i], &p) != TERN_IO_ERR_MALFORMED) {
            TT_FAIL_AT__("\"%s\" accepted", BAD[i]);
        }
        TT_CHECK(path_is(&p, 1, 7, 0, 0, 0));
    }
}

static void test_segments(void) {
    tern_io_str_t segs[] = {{"3", 1}, {"0", 1}, {"12", 2}};
    tern_io_path_t p;
    TT_EQ(tern_io_path_from_segments(&p, segs, 3), TERN_IO_OK);
    TT_CHECK(path_is(&p, 3, 3, 0, 12, 0));
    TT_EQ(tern_io_path_from_segments(&p, segs, 0), TERN_IO_OK);
    TT_EQ(p.len, 0);
    tern_io_str_t bad[] = {{"rd", 2}};
    TT_EQ(tern_io_path_from_segments(&p, bad, 1), TERN_IO_ERR_MALFORMED);
    tern_io_str_t empty[] = {{"", 0}};
    TT_EQ(tern_io_path_from_segments(&p, empty, 1), TERN_IO_ERR_MALFORMED);
    tern_io_str_t five[] = {{"1", 1}, {"1", 1}, {"1", 1}, {"1", 1}, {"1", 1}};
    TT_EQ(tern_io_path_from_segments(&p, five, 5), TERN_IO_ERR_LIMIT);
    tern_io_path_t q = tern_io_path_resource(1, 2, 3);
    TT_EQ(tern_io_path_append(&q, "4", 1), TERN_IO_OK);
    TT_CHECK(path_is(&q, 4, 1, 2, 3, 4));
    TT_EQ(tern_io_path_append(&q, "5", 1), TERN_IO_ERR_LIMIT);
    TT_CHECK(path_is(&q, 4, 1, 2, 3, 4));
}

static void test_format(void) {
    char buf[TERN_IO_PATH_STR_SIZE];
    tern_io_path_t p = tern_io_path_root();
    TT_EQ(tern_io_path_format(&p, buf, sizeof(buf)), 1);
    TT_STREQ(buf, "/");
    p = tern_io_path_resource_instance(65534, 65534, 65534, 65534);
    TT_EQ(tern_io_path_format(&p, buf, sizeof(buf)), 24);
    TT_STREQ(buf, "/65534/65534/65534/65534");
    p = tern_io_path_resource(3, 0, 1);
    TT_EQ(tern_io_path_format(&p, buf, 7), 6);
    TT_STREQ(buf, "/3/0/1");
    TT_EQ(tern_io_path_format(&p, buf, 6), TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_STREQ(buf, "");
}

static void test_compare(void) {
    tern_io_path_t root = tern_io_path_root();
    tern_io_path_t o3 = tern_io_path_object(3);
    tern_io_path_t i30 = tern_io_path_instance(3, 0);
    tern_io_path_t r301 = tern_io_path_resource(3, 0, 1);
    tern_io_path_t r310 = tern_io_path_resource(3, 1, 0);
    tern_io_path_t ri3010 = tern_io_path_resource_instance(3, 0, 1, 0);
    TT_CHECK(tern_io_path_is_prefix(&root, &r301));
    TT_CHECK(tern_io_path_is_prefix(&o3, &r301));
    TT_CHECK(tern_io_path_is_prefix(&i30, &r301));
    TT_CHECK(tern_io_path_is_prefix(&r301, &r301));
    TT_CHECK(!tern_io_path_is_prefix(&r301, &i30));
    TT_CHECK(!tern_io_path_is_prefix(&r310, &ri3010));
    TT_CHECK(tern_io_path_equal(&r301, &r301));
    TT_CHECK(!tern_io_path_equal(&r301, &r310));
    TT_CHECK(!tern_io_path_equal(&o3, &i30));
    TT_CHECK(tern_io_path_compare(&root, &o3) < 0);
    TT_CHECK(tern_io_path_compare(&i30, &r301) < 0);
    TT_CHECK(tern_io_path_compare(&r301, &ri3010) < 0);
    TT_CHECK(tern_io_path_compare(&ri3010, &r310) < 0);
    TT_CHECK(tern_io_path_compare(&r310, &r301) > 0);
    TT_EQ(tern_io_path_compare(&r301, &r301), 0);
    tern_io_path_t t = ri3010;
    tern_io_path_truncate(&t, 2);
    TT_CHECK(tern_io_path_equal(&t, &i30));
    TT_EQ(t.ids[2], TERN_IO_ID_INVALID);
}

static void test_validity(void) {
    tern_io_path_t p = tern_io_path_resource(3, 0, 1);
    TT_CHECK(tern_io_path_is_valid(&p));
    p.ids[1] = TERN_IO_ID_INVALID;
    TT_CHECK(!tern_io_path_is_valid(&p));
    p = tern_io_path_root();
    TT_CHECK(tern_io_path_is_valid(&p));
    p.len = 5;
    TT_CHECK(!tern_io_path_is_valid(&p));
}

int main(void) {
    TT_RUN(test_parse_valid);
    TT_RUN(test_parse_invalid);
    TT_RUN(test_segments);
    TT_RUN(test_format);
    TT_RUN(test_compare);
    TT_RUN(test_validity);
    return TT_SUMMARY();
}
