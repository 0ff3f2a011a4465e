/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

static int encode_one(uint16_t format, tern_io_value_t value, char *out,
                      size_t size, size_t *out_len) {
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, out, size);
    tern_io_path_t path = tern_io_path_resource(3, 0, 1);
    entry_t e = {path, value};
    return encode_all(format, &path, &e, 1, &buf, out_len);
}

static void test_text_encode(void) {
    static const struct {
        tern_io_value_t value;
        const char *text;
    } CASES[] = {
            {{TERN_IO_TYPE_INT, {.i = -42}}, "-42"},
            {{TERN_IO_TYPE_INT, {.i = INT64_MIN}}, "-9223372036854775808"},
            {{TERN_IO_TYPE_UINT, {.u = UINT64_MAX}}, "18446744073709551615"},
            {{TERN_IO_TYPE_TIME, {.i = 1700000000}}, "1700000000"},
            {{TERN_IO_TYPE_DOUBLE, {.d = 3.25}}, "3.25"},
            {{TERN_IO_TYPE_DOUBLE, {.d = 1e21}}, "1e+21"},
            {{TERN_IO_TYPE_DOUBLE, {.d = -INFINITY}}, "-inf"},
            {{TERN_IO_TYPE_BOOL, {.b = true}}, "1"},
            {{TERN_IO_TYPE_BOOL, {.b = false}}, "0"},
            {{TERN_IO_TYPE_OBJLNK, {.objlnk = {5, 17}}}, "5:17"},
    };
    char out[64];
    size_t len;
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        TT_EQ(encode_one(TERN_IO_FMT_TEXT, CASES[i].value, out, sizeof(out),
                         &len),
              TERN_IO_OK);
        TT_BYTES(out, len, CASES[i].text, strlen(CASES[i].text));
    }
    TT_EQ(encode_one(TERN_IO_FMT_TEXT, tern_io_value_string("Tern"), out,
                     sizeof(out), &len),
          TERN_IO_OK);
    TT_TEXT(out, len, "Tern");
    TT_EQ(encode_one(TERN_IO_FMT_TEXT, tern_io_value_string(""), out,
                     sizeof(out), &len),
          TERN_IO_OK);
    TT_EQ(len, 0);
    TT_EQ(encode_one(TERN_IO_FMT_TEXT, tern_io_value_bytes("\x01\x02\x03", 3),
                     out, sizeof(out), &len),
          TERN_IO_OK);
    TT_TEXT(out, len, "AQID");
    TT_EQ(encode_one(TERN_IO_FMT_TEXT, tern_io_value_null(), out, sizeof(out),
                     &len),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(encode_one(TERN_IO_FMT_TEXT, tern_io_value_string("Tern"), out, 3,
                     &len),
          TERN_IO_ERR_BUFFER_TOO_SMALL);
}

static void test_single_value_rules(void) {
    uint8_t mem[32];
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    tern_io_enc_t enc;
    tern_io_path_t inst = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_TEXT, &inst, &buf),
          TERN_IO_ERR_UNSUPPORTED);
    tern_io_path_t res = tern_io_path_resource(3, 0, 6);
    tern_io_path_t ri = tern_io_path_resource_instance(3, 0, 6, 0);
    tern_io_value_t v = tern_io_value_int(1);
    size_t len;
    for (int f = 0; f < 3; ++f) {
        uint16_t format = f == 0   ? TERN_IO_FMT_TEXT
                          : f == 1 ? TERN_IO_FMT_OPAQUE
                                   : TERN_IO_FMT_CBOR;
        tern_io_value_t val =
                format == TERN_IO_FMT_OPAQUE ? tern_io_value_bytes("x", 1) : v;
        buf.len = 0;
        TT_EQ(tern_io_enc_init(&enc, format, &res, &buf), TERN_IO_OK);
        TT_EQ(tern_io_enc_add(&enc, &ri, &val), TERN_IO_ERR_UNSUPPORTED);
        TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_ERR_UNSUPPORTED);
        TT_EQ(tern_io_enc_add(&enc, &res, &val), TERN_IO_OK);
        TT_EQ(tern_io_enc_add(&enc, &res, &val), TERN_IO_ERR_UNSUPPORTED);
        TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
        TT_CHECK(len > 0);
    }
}

static void test_text_decode(void) {
    tern_io_dec_t dec;
    tern_io_path_t req = tern_io_path_resource(3, 0, 1);
    TT_EQ(tern_io_dec_init(&dec, TERN_IO_FMT_TEXT, &req, "123", 3), TERN_IO_OK);
    tern_io_path_t p;
    tern_io_value_t v;
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    TT_CHECK(tern_io_path_equal(&p, &req));
    TT_EQ(v.type, TERN_IO_TYPE_RAW_TEXT);
    int64_t i;
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, 123);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_END);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_END);
    tern_io_dec_cleanup(&dec);
    TT_EQ(tern_io_dec_init(&dec, TERN_IO_FMT_TEXT, &req, NULL, 0), TERN_IO_OK);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    const char *s;
    size_t len;
    TT_EQ(tern_io_value_get_string(&v, &s, &len), TERN_IO_OK);
    TT_EQ(len, 0);
    tern_io_dec_cleanup(&dec);
    tern_io_path_t inst = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_dec_init(&dec, TERN_IO_FMT_TEXT, &inst, "1", 1),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_ERR_UNSUPPORTED);
    tern_io_dec_cleanup(&dec);
}

static void test_opaque(void) {
    char out[16];
    size_t len;
    TT_EQ(encode_one(TERN_IO_FMT_OPAQUE, tern_io_value_bytes("\x00\xFF", 2),
                     out, sizeof(out), &len),
          TERN_IO_OK);
    TT_BYTES(out, len, "\x00\xFF", 2);
    TT_EQ(encode_one(TERN_IO_FMT_OPAQUE, tern_io_value_string("x"), out,
                     sizeof(out), &len),
          TERN_IO_ERR_UNSUPPORTED);
    entry_t e[2];
    size_t count;
    tern_io_path_t req = tern_io_path_resource(5, 0, 0);
    TT_EQ(decode_all(TERN_IO_FMT_OPAQUE, &req, "\x00\xFF", 2, e, 2, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_EQ(e[0].value.type, TERN_IO_TYPE_BYTES);
    TT_BYTES(e[0].value.u.view.data, e[0].value.u.view.len, "\x00\xFF", 2);
}

static void test_cbor_single(void) {
    char out[32];
    size_t len;
    TT_EQ(encode_one(TERN_IO_FMT_CBOR, tern_io_value_int(-1000), out,
                     sizeof(out), &len),
          TERN_IO_OK);
    TT_BYTES(out, len, "\x39\x03\xE7", 3);
    TT_EQ(encode_one(TERN_IO_FMT_CBOR, tern_io_value_objlnk(3, 0), out,
                     sizeof(out), &len),
          TERN_IO_OK);
    TT_BYTES(out, len,
             "\x63"
             "3:0",
             4);
    TT_EQ(encode_one(TERN_IO_FMT_CBOR, tern_io_value_string("\xFF"), out,
                     sizeof(out), &len),
          TERN_IO_ERR_UNSUPPORTED);
    entry_t e[2];
    size_t count;
    tern_io_path_t req = tern_io_path_resource(3, 0, 13);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\xC1\x1A\x51\x82\x42\x8F", 6, e,
                     2, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_EQ(e[0].value.type, TERN_IO_TYPE_TIME);
    TT_EQ(e[0].value.u.i, 1367491215);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\x01\x02", 2, e, 2, &count),
          TERN_IO_ERR_MALFORMED);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\x80", 1, e, 2, &count),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\xF6", 1, e, 2, &count),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\xC2\x41\x00", 3, e, 2, &count),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "", 0, e, 2, &count),
          TERN_IO_ERR_MALFORMED);
    TT_EQ(decode_all(TERN_IO_FMT_CBOR, &req, "\x7F\x61x\x61y\xFF", 6, e, 2,
                     &count),
          TERN_IO_END);
    TT_EQ(e[0].value.type, TERN_IO_TYPE_STRING);
    TT_BYTES(e[0].value.u.view.data, e[0].value.u.view.len, "xy", 2);
}

static void test_unknown_format(void) {
    tern_io_enc_t enc;
    tern_io_dec_t dec;
    uint8_t mem[8];
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    tern_io_path_t req = tern_io_path_resource(3, 0, 1);
    TT_CHECK(!tern_io_enc_supports(TERN_IO_FMT_LWM2M_JSON));
    TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_LWM2M_JSON, &req, &buf),
          TERN_IO_ERR_UNSUPPORTED);
    TT_EQ(tern_io_dec_init(&dec, 9999, &req, "", 0), TERN_IO_ERR_UNSUPPORTED);
    tern_io_dec_cleanup(&dec);
    TT_STREQ(tern_io_strerror(TERN_IO_ERR_MALFORMED), "malformed input");
}

int main(void) {
    TT_RUN(test_text_encode);
    TT_RUN(test_single_value_rules);
    TT_RUN(test_text_decode);
    TT_RUN(test_opaque);
    TT_RUN(test_cbor_single);
    TT_RUN(test_unknown_format);
    return TT_SUMMARY();
}
