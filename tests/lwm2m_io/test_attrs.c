/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"
#include "lwm2m/io/io_attrs.h"

static int parse(tern_io_attrs_t *attrs, const char *option) {
    return tern_io_attrs_parse_option(attrs, option, strlen(option));
}

static void test_parse_all(void) {
    tern_io_attrs_t a;
    tern_io_attrs_init(&a);
    static const char *const OPTIONS[] = {"pmin=10", "pmax=60", "gt=1.5",
                                          "lt=-3",   "st=0.5",  "epmin=1",
                                          "epmax=2", "con=1"};
    for (size_t i = 0; i < sizeof(OPTIONS) / sizeof(OPTIONS[0]); ++i) {
        TT_EQ(parse(&a, OPTIONS[i]), TERN_IO_OK);
    }
    TT_EQ(a.set, 0xFF);
    TT_EQ(a.unset, 0);
    TT_EQ(a.pmin, 10);
    TT_EQ(a.pmax, 60);
    TT_CHECK(a.gt == 1.5);
    TT_CHECK(a.lt == -3.0);
    TT_CHECK(a.st == 0.5);
    TT_EQ(a.epmin, 1);
    TT_EQ(a.epmax, 2);
    TT_CHECK(a.con);
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 256);
    TT_EQ(tern_io_attrs_format(&a, ';', false, &buf), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len,
            ";pmin=10;pmax=60;gt=1.5;lt=-3;st=0.5;epmin=1;epmax=2;con=1");
    tern_io_buf_release(&buf);
}

static void test_unset_and_query(void) {
    tern_io_attrs_t a;
    tern_io_attrs_init(&a);
    TT_EQ(tern_io_attrs_parse_query(&a, "pmin&gt=5&con=0", 15), TERN_IO_OK);
    TT_EQ(a.set, (1 << TERN_IO_ATTR_GT) | (1 << TERN_IO_ATTR_CON));
    TT_EQ(a.unset, 1 << TERN_IO_ATTR_PMIN);
    TT_CHECK(!a.con);
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 256);
    TT_EQ(tern_io_attrs_format(&a, '&', true, &buf), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len, "&pmin&gt=5&con=0");
    buf.len = 0;
    TT_EQ(tern_io_attrs_format(&a, ';', false, &buf), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len, ";gt=5;con=0");
    tern_io_buf_release(&buf);
    uint8_t mem[6];
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    TT_EQ(tern_io_attrs_format(&a, ';', false, &buf),
          TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(buf.len, 0);
    TT_EQ(tern_io_attrs_parse_query(&a, "", 0), TERN_IO_OK);
    TT_STREQ(tern_io_attr_name(TERN_IO_ATTR_EPMAX), "epmax");
}

static void test_errors(void) {
    static const struct {
        const char *option;
        int status;
    } CASES[] = {
            {"foo=1", TERN_IO_ERR_UNSUPPORTED},
            {"", TERN_IO_ERR_UNSUPPORTED},
            {"=1", TERN_IO_ERR_UNSUPPORTED},
            {"PMIN=1", TERN_IO_ERR_UNSUPPORTED},
            {"pmin=", TERN_IO_ERR_MALFORMED},
            {"pmin=-1", TERN_IO_ERR_MALFORMED},
            {"pmin=1.5", TERN_IO_ERR_MALFORMED},
            {"pmin=2147483648", TERN_IO_ERR_MALFORMED},
            {"pmax=x", TERN_IO_ERR_MALFORMED},
            {"gt=nan", TERN_IO_ERR_MALFORMED},
            {"lt=inf", TERN_IO_ERR_MALFORMED},
            {"gt=1e999", TERN_IO_ERR_MALFORMED},
            {"st=-1", TERN_IO_ERR_MALFORMED},
            {"con=2", TERN_IO_ERR_MALFORMED},
            {"con=01", TERN_IO_ERR_MALFORMED},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        tern_io_attrs_t a;
        tern_io_attrs_init(&a);
        if (parse(&a, CASES[i].option) != CASES[i].status) {
            TT_FAIL_AT__("\"%s\" not refused as expected", CASES[i].option);
        }
        TT_EQ(a.set | a.unset, 0);
    }
    tern_io_attrs_t a;
    tern_io_attrs_init(&a);
    TT_EQ(parse(&a, "pmin=1"), TERN_IO_OK);
    TT_EQ(parse(&a, "pmin=2"), TERN_IO_ERR_MALFORMED);
    TT_EQ(parse(&a, "pmin"), TERN_IO_ERR_MALFORMED);
    TT_EQ(a.pmin, 1);
    tern_io_attrs_t b;
    tern_io_attrs_init(&b);
    TT_EQ(tern_io_attrs_parse_query(&b, "pmax=5&foo", 10),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(b.set, 0);
    TT_EQ(tern_io_attrs_parse_query(&b, "pmax=5&", 7), TERN_IO_ERR_UNSUPPORTED);
}

int main(void) {
    TT_RUN(test_parse_all);
    TT_RUN(test_unset_and_query);
    TT_RUN(test_errors);
    return TT_SUMMARY();
}
