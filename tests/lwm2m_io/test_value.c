/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <float.h>
#include <locale.h>

#include "io_test_util.h"
#include "lwm2m/io/io_base64.h"
#include "lwm2m/io/io_num.h"

static tern_io_value_t raw_tlv(const void *data, size_t len) {
    tern_io_value_t v = tern_io_value_bytes(data, len);
    v.type = TERN_IO_TYPE_RAW_TLV;
    return v;
}

static tern_io_value_t raw_text(const char *text) {
    tern_io_value_t v = tern_io_value_string(text);
    v.type = TERN_IO_TYPE_RAW_TEXT;
    return v;
}

static void test_tlv_integers(void) {
    int64_t i;
    uint64_t u;
    TT_EQ(tern_io_value_get_int(&(tern_io_value_t){0}, &i), TERN_IO_ERR_TYPE);
    tern_io_value_t v = raw_tlv("\xFF", 1);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, -1);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_EQ(u, 255);
    v = raw_tlv("\x80\x00", 2);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, -32768);
    v = raw_tlv("\x7F\xFF\xFF\xFF", 4);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, INT32_MAX);
    v = raw_tlv("\x80\x00\x00\x00\x00\x00\x00\x00", 8);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_CHECK(i == INT64_MIN);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_CHECK(u == (uint64_t) 1 << 63);
    v = raw_tlv("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_CHECK(u == UINT64_MAX);
    v = raw_tlv("\x01\x02\x03", 3);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_TYPE);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_ERR_TYPE);
    v = raw_tlv("", 0);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_TYPE);
}

static void test_tlv_other(void) {
    double d;
    bool b;
    tern_io_objlnk_t o;
    tern_io_value_t v = raw_tlv("\x3F\xC0\x00\x00", 4);
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(d == 1.5);
    v = raw_tlv("\x3F\xB9\x99\x99\x99\x99\x99\x9A", 8);
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(d == 0.1);
    v = raw_tlv("\x00\x01", 2);
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_ERR_TYPE);
    v = raw_tlv("\x01", 1);
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_OK);
    TT_CHECK(b);
    v = raw_tlv("\x02", 1);
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_ERR_TYPE);
    v = raw_tlv("\x00\x03\xFF\xFF", 4);
    TT_EQ(tern_io_value_get_objlnk(&v, &o), TERN_IO_OK);
    TT_EQ(o.oid, 3);
    TT_EQ(o.iid, 65535);
    v = raw_tlv("\x00\x03\xFF", 3);
    TT_EQ(tern_io_value_get_objlnk(&v, &o), TERN_IO_ERR_TYPE);
    const char *s;
    size_t len;
    v = raw_tlv("abc", 3);
    TT_EQ(tern_io_value_get_string(&v, &s, &len), TERN_IO_OK);
    TT_EQ(len, 3);
    TT_CHECK(memcmp(s, "abc", 3) == 0);
    const void *bytes;
    TT_EQ(tern_io_value_get_bytes(&v, &bytes, &len), TERN_IO_OK);
    TT_EQ(len, 3);
}

static void test_text(void) {
    int64_t i;
    uint64_t u;
    double d;
    bool b;
    tern_io_objlnk_t o;
    tern_io_value_t v = raw_text("42");
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, 42);
    v = raw_text("-9223372036854775808");
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_CHECK(i == INT64_MIN);
    v = raw_text("9223372036854775808");
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_RANGE);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_CHECK(u == (uint64_t) 1 << 63);
    v = raw_text("18446744073709551615");
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_CHECK(u == UINT64_MAX);
    v = raw_text("18446744073709551616");
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_ERR_RANGE);
    v = raw_text("-1");
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_ERR_RANGE);
    v = raw_text("+7");
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, 7);
    static const char *const NOT_INT[] = {"",   "-",   "1.0", " 1",
                                          "1 ", "0x1", "abc", "1e3"};
    for (size_t k = 0; k < sizeof(NOT_INT) / sizeof(NOT_INT[0]); ++k) {
        v = raw_text(NOT_INT[k]);
        if (tern_io_value_get_int(&v, &i) != TERN_IO_ERR_TYPE) {
            TT_FAIL_AT__("\"%s\" read as an integer", NOT_INT[k]);
        }
    }
    v = raw_text("1.5");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(d == 1.5);
    v = raw_text("-2.5e-3");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(d == -2.5e-3);
    v = raw_text(".5");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(d == 0.5);
    v = raw_text("-inf");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(isinf(d) && d < 0);
    v = raw_text("NaN");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    TT_CHECK(isnan(d));
    v = raw_text("1e999");
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_ERR_RANGE);
    static const char *const NOT_DOUBLE[] = {"",      ".",    "1e",  "e5",
                                             "1.2.3", "0x10", "1,5", "inf5"};
    for (size_t k = 0; k < sizeof(NOT_DOUBLE) / sizeof(NOT_DOUBLE[0]); ++k) {
        v = raw_text(NOT_DOUBLE[k]);
        if (tern_io_value_get_double(&v, &d) != TERN_IO_ERR_TYPE) {
            TT_FAIL_AT__("\"%s\" read as a double", NOT_DOUBLE[k]);
        }
    }
    v = raw_text("1");
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_OK);
    TT_CHECK(b);
    v = raw_text("0");
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_OK);
    TT_CHECK(!b);
    v = raw_text("true");
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_ERR_TYPE);
    v = raw_text("3:0");
    TT_EQ(tern_io_value_get_objlnk(&v, &o), TERN_IO_OK);
    TT_EQ(o.oid, 3);
    TT_EQ(o.iid, 0);
    v = raw_text("65535:65535");
    TT_EQ(tern_io_value_get_objlnk(&v, &o), TERN_IO_OK);
    TT_EQ(o.iid, 65535);
    static const char *const NOT_OBJLNK[] = {"3",       "3:",   ":0", "3:0:1",
                                             "65536:0", "03:0", "a:b"};
    for (size_t k = 0; k < sizeof(NOT_OBJLNK) / sizeof(NOT_OBJLNK[0]); ++k) {
        v = raw_text(NOT_OBJLNK[k]);
        if (tern_io_value_get_objlnk(&v, &o) != TERN_IO_ERR_TYPE) {
            TT_FAIL_AT__("\"%s\" read as an objlnk", NOT_OBJLNK[k]);
        }
    }
}

static void test_text_bytes_chunked(void) {
    tern_io_value_t v = raw_text("AAECAwQFBgc=");
    uint8_t buf[3];
    uint8_t all[16];
    size_t total = 0, offset = 0, n;
    bool finished = false;
    while (!finished) {
        TT_EQ(tern_io_value_read_bytes(&v, &offset, buf, sizeof(buf), &n,
                                       &finished),
              TERN_IO_OK);
        memcpy(all + total, buf, n);
        total += n;
        TT_CHECK(total <= 8);
    }
    TT_BYTES(all, total, "\x00\x01\x02\x03\x04\x05\x06\x07", 8);
    const void *view;
    TT_EQ(tern_io_value_get_bytes(&v, &view, &n), TERN_IO_ERR_TYPE);
    v = raw_text("AAE");
    offset = 0;
    TT_EQ(tern_io_value_read_bytes(&v, &offset, buf, sizeof(buf), &n,
                                   &finished),
          TERN_IO_ERR_TYPE);
    tern_io_value_t bytes = tern_io_value_bytes("xyz", 3);
    offset = 1;
    TT_EQ(tern_io_value_read_bytes(&bytes, &offset, buf, 1, &n, &finished),
          TERN_IO_OK);
    TT_EQ(n, 1);
    TT_EQ(buf[0], 'y');
    TT_CHECK(!finished);
    TT_EQ(tern_io_value_read_bytes(&bytes, &offset, buf, 5, &n, &finished),
          TERN_IO_OK);
    TT_EQ(n, 1);
    TT_CHECK(finished);
}

static void test_typed_conversions(void) {
    int64_t i;
    uint64_t u;
    double d;
    tern_io_value_t v = tern_io_value_double(3.0);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, 3);
    v = tern_io_value_double(3.5);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_TYPE);
    v = tern_io_value_double(1e19);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_RANGE);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_OK);
    TT_CHECK(u == 10000000000000000000ull);
    v = tern_io_value_double(-9223372036854775808.0);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_CHECK(i == INT64_MIN);
    v = tern_io_value_double(9223372036854775808.0);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_RANGE);
    v = tern_io_value_double(NAN);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_TYPE);
    v = tern_io_value_double(-1.0);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_ERR_RANGE);
    v = tern_io_value_uint(UINT64_MAX);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_ERR_RANGE);
    TT_EQ(tern_io_value_get_double(&v, &d), TERN_IO_OK);
    v = tern_io_value_int(-5);
    TT_EQ(tern_io_value_get_uint(&v, &u), TERN_IO_ERR_RANGE);
    v = tern_io_value_time(1700000000);
    TT_EQ(tern_io_value_get_int(&v, &i), TERN_IO_OK);
    TT_EQ(i, 1700000000);
    v = tern_io_value_string("3:1");
    tern_io_objlnk_t o;
    TT_EQ(tern_io_value_get_objlnk(&v, &o), TERN_IO_OK);
    TT_EQ(o.iid, 1);
    bool b;
    v = tern_io_value_int(1);
    TT_EQ(tern_io_value_get_bool(&v, &b), TERN_IO_ERR_TYPE);
    const char *s;
    size_t len;
    v = tern_io_value_bytes("a", 1);
    TT_EQ(tern_io_value_get_string(&v, &s, &len), TERN_IO_ERR_TYPE);
}

static void test_number_format(void) {
    char buf[TERN_IO_NUM_STR_SIZE];
    static const double VALUES[] = {0.0,       -0.0,          1.0,    0.1,
                                    -2.5,      1e300,         5e-324, DBL_MAX,
                                    1.0 / 3.0, 123456789.125, -1e-7};
    for (size_t k = 0; k < sizeof(VALUES) / sizeof(VALUES[0]); ++k) {
        int len = tern_io_num_format_double(VALUES[k], buf, sizeof(buf));
        TT_CHECK(len > 0);
        double back;
        TT_EQ(tern_io_num_parse_double(buf, (size_t) len, &back), TERN_IO_OK);
        TT_CHECK(back == VALUES[k]);
        TT_CHECK(signbit(back) == signbit(VALUES[k]));
    }
    TT_EQ(tern_io_num_format_double(0.1, buf, sizeof(buf)), 3);
    TT_STREQ(buf, "0.1");
    TT_EQ(tern_io_num_format_double(100.0, buf, sizeof(buf)), 3);
    TT_STREQ(buf, "100");
    TT_EQ(tern_io_num_format_double(INFINITY, buf, sizeof(buf)), 3);
    TT_STREQ(buf, "inf");
    TT_EQ(tern_io_num_format_double(0.1, buf, 3), TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(tern_io_num_format_int(INT64_MIN, buf, sizeof(buf)), 20);
    TT_STREQ(buf, "-9223372036854775808");
    TT_EQ(tern_io_num_format_uint(UINT64_MAX, buf, sizeof(buf)), 20);
    TT_STREQ(buf, "18446744073709551615");
}

/* A comma locale must not leak into the wire format. */
static void test_locale_independent(void) {
    if (!setlocale(LC_NUMERIC, "de_DE.UTF-8") &&
        !setlocale(LC_NUMERIC, "pl_PL.UTF-8") &&
        !setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
        printf("     (no comma locale installed; checked with C locale)\n");
    }
    char buf[TERN_IO_NUM_STR_SIZE];
    TT_EQ(tern_io_num_format_double(2.5, buf, sizeof(buf)), 3);
    TT_STREQ(buf, "2.5");
    double d;
    TT_EQ(tern_io_num_parse_double("2.5", 3, &d), TERN_IO_OK);
    TT_CHECK(d == 2.5);
    TT_EQ(tern_io_num_parse_double("2,5", 3, &d), TERN_IO_ERR_MALFORMED);
    setlocale(LC_NUMERIC, "C");
}

static void test_base64(void) {
    uint8_t buf[64];
    tern_io_buf_t out;
    tern_io_buf_init_fixed(&out, buf, sizeof(buf));
    TT_EQ(tern_io_base64_encode(&out, "\xFB\xFF", 2, TERN_IO_B64_STD),
          TERN_IO_OK);
    TT_TEXT(out.data, out.len, "+/8=");
    out.len = 0;
    TT_EQ(tern_io_base64_encode(&out, "\xFB\xFF", 2,
                                TERN_IO_B64_URL | TERN_IO_B64_NO_PAD),
          TERN_IO_OK);
    TT_TEXT(out.data, out.len, "-_8");
    out.len = 0;
    TT_EQ(tern_io_base64_encode(&out, "foobar", 6, TERN_IO_B64_STD),
          TERN_IO_OK);
    TT_TEXT(out.data, out.len, "Zm9vYmFy");
    out.len = 0;
    TT_EQ(tern_io_base64_encode(&out, "f", 1, TERN_IO_B64_STD), TERN_IO_OK);
    TT_TEXT(out.data, out.len, "Zg==");
    uint8_t dec[16];
    size_t n;
    TT_EQ(tern_io_base64_decode("Zm9vYg==", 8, TERN_IO_B64_STD, dec,
                                sizeof(dec), &n),
          TERN_IO_OK);
    TT_BYTES(dec, n, "foob", 4);
    TT_EQ(tern_io_base64_decode("Zm9vYg", 6, TERN_IO_B64_STD, dec, sizeof(dec),
                                &n),
          TERN_IO_ERR_MALFORMED);
    TT_EQ(tern_io_base64_decode("Zm9vYg", 6,
                                TERN_IO_B64_STD | TERN_IO_B64_NO_PAD, dec,
                                sizeof(dec), &n),
          TERN_IO_OK);
    TT_EQ(n, 4);
    static const char *const BAD[] = {"Zm9vYh==", "Z",         "Zm9=Yg==",
                                      "Zm9vYg=",  "Zm9vYg===", "Zm 9",
                                      "-_8="};
    for (size_t k = 0; k < sizeof(BAD) / sizeof(BAD[0]); ++k) {
        if (tern_io_base64_decode(BAD[k], strlen(BAD[k]), TERN_IO_B64_STD, dec,
                                  sizeof(dec), &n) != TERN_IO_ERR_MALFORMED) {
            TT_FAIL_AT__("\"%s\" accepted", BAD[k]);
        }
    }
    TT_EQ(tern_io_base64_decode("+_8=", 4, TERN_IO_B64_STD | TERN_IO_B64_URL,
                                dec, sizeof(dec), &n),
          TERN_IO_ERR_MALFORMED);
    TT_EQ(tern_io_base64_decode("Zm9vYmFy", 8, TERN_IO_B64_STD, dec, 5, &n),
          TERN_IO_ERR_BUFFER_TOO_SMALL);
}

int main(void) {
    TT_RUN(test_tlv_integers);
    TT_RUN(test_tlv_other);
    TT_RUN(test_text);
    TT_RUN(test_text_bytes_chunked);
    TT_RUN(test_typed_conversions);
    TT_RUN(test_number_format);
    TT_RUN(test_locale_independent);
    TT_RUN(test_base64);
    return TT_SUMMARY();
}
