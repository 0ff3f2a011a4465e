/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"
#include "lwm2m/io/io_link_format.h"

static void test_encode_register(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 1024);
    tern_io_link_enc_t enc;
    tern_io_link_enc_init(&enc, &buf, NULL);
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    params.rt = "oma.lwm2m";
    params.ct = 11543;
    tern_io_path_t p = tern_io_path_root();
    TT_EQ(tern_io_link_enc_add(&enc, &p, &params), TERN_IO_OK);
    tern_io_link_params_init(&params);
    params.ver = "1.1";
    p = tern_io_path_object(1);
    TT_EQ(tern_io_link_enc_add(&enc, &p, &params), TERN_IO_OK);
    p = tern_io_path_instance(1, 0);
    TT_EQ(tern_io_link_enc_add(&enc, &p, NULL), TERN_IO_OK);
    p = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_link_enc_add(&enc, &p, NULL), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len,
            "</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3/0>");
    tern_io_buf_release(&buf);
}

static void test_encode_discover_and_prefix(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 1024);
    tern_io_link_enc_t enc;
    tern_io_link_enc_init(&enc, &buf, "");
    tern_io_attrs_t attrs;
    tern_io_attrs_init(&attrs);
    TT_EQ(tern_io_attrs_parse_query(&attrs, "pmin=10&gt=2.5", 14), TERN_IO_OK);
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    params.attrs = &attrs;
    tern_io_path_t p = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_link_enc_add(&enc, &p, &params), TERN_IO_OK);
    tern_io_link_params_init(&params);
    params.dim = 2;
    p = tern_io_path_resource(3, 0, 6);
    TT_EQ(tern_io_link_enc_add(&enc, &p, &params), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len, "</3/0>;pmin=10;gt=2.5,</3/0/6>;dim=2");

    buf.len = 0;
    tern_io_link_enc_init(&enc, &buf, "/lwm2m");
    tern_io_link_params_init(&params);
    params.ssid = 101;
    params.uri = "coap://a\"b";
    p = tern_io_path_root();
    TT_EQ(tern_io_link_enc_add(&enc, &p, NULL), TERN_IO_OK);
    p = tern_io_path_instance(0, 1);
    TT_EQ(tern_io_link_enc_add(&enc, &p, &params), TERN_IO_OK);
    TT_TEXT(buf.data, buf.len,
            "</lwm2m>,</lwm2m/0/1>;ssid=101;uri=\"coap://a\\\"b\"");

    uint8_t mem[10];
    tern_io_buf_t small;
    tern_io_buf_init_fixed(&small, mem, sizeof(mem));
    tern_io_link_enc_init(&enc, &small, NULL);
    p = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_link_enc_add(&enc, &p, NULL), TERN_IO_OK);
    TT_EQ(tern_io_link_enc_add(&enc, &p, NULL), TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_TEXT(small.data, small.len, "</3/0>");
    tern_io_buf_release(&buf);
}

static void test_parse(void) {
    static const char TEXT[] =
            "</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,"
            "</3/0>;pmin=10;x;q=\"a\\\"b,c\"";
    tern_io_link_parser_t parser;
    tern_io_link_t link;
    tern_io_link_parser_init(&parser, TEXT, sizeof(TEXT) - 1);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_TEXT(link.target.data, link.target.len, "/");
    tern_io_link_param_iter_t it;
    tern_io_str_t name, value;
    bool has_value, quoted;
    tern_io_link_params_begin(&it, &link);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_OK);
    TT_TEXT(name.data, name.len, "rt");
    TT_TEXT(value.data, value.len, "oma.lwm2m");
    TT_CHECK(has_value && quoted);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_OK);
    TT_TEXT(value.data, value.len, "11543");
    TT_CHECK(!quoted);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_END);
    tern_io_path_t path;
    TT_EQ(tern_io_link_target_path(&link, NULL, &path), TERN_IO_OK);
    TT_EQ(path.len, 0);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_TEXT(link.params.data, link.params.len, ";ver=1.1");
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_EQ(link.params.len, 0);
    TT_EQ(tern_io_link_target_path(&link, NULL, &path), TERN_IO_OK);
    TT_CHECK(path_is(&path, 2, 1, 0, 0, 0));
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    tern_io_link_params_begin(&it, &link);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_OK);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_OK);
    TT_TEXT(name.data, name.len, "x");
    TT_CHECK(!has_value);
    TT_EQ(tern_io_link_param_next(&it, &name, &value, &has_value, &quoted),
          TERN_IO_OK);
    char unquoted[16];
    TT_EQ(tern_io_link_unquote(&value, unquoted, sizeof(unquoted)), 5);
    TT_STREQ(unquoted, "a\"b,c");
    TT_EQ(tern_io_link_unquote(&value, unquoted, 5),
          TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_END);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_END);

    tern_io_link_parser_init(&parser, "", 0);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_END);
}

static void test_prefix_paths(void) {
    tern_io_link_parser_t parser;
    tern_io_link_t link;
    tern_io_path_t path;
    tern_io_link_parser_init(&parser, "</lwm2m>,</lwm2m/3/0>,</x/3>", 28);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_EQ(tern_io_link_target_path(&link, "/lwm2m", &path), TERN_IO_OK);
    TT_EQ(path.len, 0);
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_EQ(tern_io_link_target_path(&link, "/lwm2m", &path), TERN_IO_OK);
    TT_CHECK(path_is(&path, 2, 3, 0, 0, 0));
    TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_OK);
    TT_EQ(tern_io_link_target_path(&link, "/lwm2m", &path),
          TERN_IO_ERR_MALFORMED);
    TT_EQ(tern_io_link_target_path(&link, NULL, &path), TERN_IO_ERR_MALFORMED);
}

static void test_parse_malformed(void) {
    static const char *const BAD[] = {
            "<",          "</1",           "</1>,",
            ",</1>",      "</1> ",         " </1>",
            "</1>;",      "</1>;=1",       "</1>;a=",
            "</1>;a=\"x", "</1>x",         "</1></2>",
            "</ 1>",      "</1>;a=b c",    "</1>;a=\"\x01\"",
            "</1>;a;",    "</1>;a=\"x\"y", "</1>;a=,",
            "/1",         "</\"1>",
    };
    for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); ++i) {
        tern_io_link_parser_t parser;
        tern_io_link_t link;
        tern_io_link_parser_init(&parser, BAD[i], strlen(BAD[i]));
        int r;
        while ((r = tern_io_link_next(&parser, &link)) == TERN_IO_OK) {
        }
        if (r != TERN_IO_ERR_MALFORMED) {
            TT_FAIL_AT__("\"%s\" accepted", BAD[i]);
        }
        TT_EQ(tern_io_link_next(&parser, &link), TERN_IO_ERR_MALFORMED);
    }
}

int main(void) {
    TT_RUN(test_encode_register);
    TT_RUN(test_encode_discover_and_prefix);
    TT_RUN(test_parse);
    TT_RUN(test_prefix_paths);
    TT_RUN(test_parse_malformed);
    return TT_SUMMARY();
}
