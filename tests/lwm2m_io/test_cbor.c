/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <float.h>

#include "io_test_util.h"
#include "lwm2m/io/io_cbor.h"

/* Encodings from the examples appendix of RFC 8949. */
static void test_put_integers(void) {
    static const struct {
        bool negative;
        uint64_t magnitude;
        const char *bytes;
        size_t len;
    } CASES[] = {
            {false, 0, "\x00", 1},
            {false, 23, "\x17", 1},
            {false, 24, "\x18\x18", 2},
            {false, 100, "\x18\x64", 2},
            {false, 1000, "\x19\x03\xE8", 3},
            {false, 1000000, "\x1A\x00\x0F\x42\x40", 5},
            {false, 1000000000000ull, "\x1B\x00\x00\x00\xE8\xD4\xA5\x10\x00",
             9},
            {false, UINT64_MAX, "\x1B\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9},
            {true, 1, "\x20", 1},
            {true, 10, "\x29", 1},
            {true, 100, "\x38\x63", 2},
            {true, 1000, "\x39\x03\xE7", 3},
    };
    uint8_t mem[16];
    tern_io_buf_t buf;
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
        if (CASES[i].negative) {
            TT_EQ(tern_io_cbor_put_int(&buf, -(int64_t) CASES[i].magnitude),
                  TERN_IO_OK);
        } else {
            TT_EQ(tern_io_cbor_put_uint(&buf, CASES[i].magnitude), TERN_IO_OK);
        }
        TT_BYTES(buf.data, buf.len, CASES[i].bytes, CASES[i].len);
    }
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    TT_EQ(tern_io_cbor_put_int(&buf, INT64_MIN), TERN_IO_OK);
    TT_BYTES(buf.data, buf.len, "\x3B\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9);
}

static void test_put_floats(void) {
    static const struct {
        double value;
        const char *bytes;
        size_t len;
    } CASES[] = {
            {0.0, "\xF9\x00\x00", 3},
            {-0.0, "\xF9\x80\x00", 3},
            {1.0, "\xF9\x3C\x00", 3},
            {1.5, "\xF9\x3E\x00", 3},
            {65504.0, "\xF9\x7B\xFF", 3},
            {100000.0, "\xFA\x47\xC3\x50\x00", 5},
            {3.4028234663852886e+38, "\xFA\x7F\x7F\xFF\xFF", 5},
            {1.1, "\xFB\x3F\xF1\x99\x99\x99\x99\x99\x9A", 9},
            {1.0e+300, "\xFB\x7E\x37\xE4\x3C\x88\x00\x75\x9C", 9},
            {5.960464477539063e-8, "\xF9\x00\x01", 3},
            {0.00006103515625, "\xF9\x04\x00", 3},
            {-4.0, "\xF9\xC4\x00", 3},
            {-4.1, "\xFB\xC0\x10\x66\x66\x66\x66\x66\x66", 9},
            {INFINITY, "\xF9\x7C\x00", 3},
            {-INFINITY, "\xF9\xFC\x00", 3},
            {NAN, "\xF9\x7E\x00", 3},
    };
    uint8_t mem[16];
    tern_io_buf_t buf;
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
        TT_EQ(tern_io_cbor_put_double(&buf, CASES[i].value), TERN_IO_OK);
        TT_BYTES(buf.data, buf.len, CASES[i].bytes, CASES[i].len);
        tern_io_cbor_reader_t r;
        tern_io_cbor_item_t item;
        tern_io_cbor_reader_init(&r, buf.data, buf.len, NULL);
        TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
        TT_EQ(item.kind, TERN_IO_CBOR_FLOAT);
        if (isnan(CASES[i].value)) {
            TT_CHECK(isnan(item.d));
        } else {
            TT_CHECK(item.d == CASES[i].value);
            TT_CHECK(signbit(item.d) == signbit(CASES[i].value));
        }
        TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_END);
    }
}

static void test_put_misc(void) {
    uint8_t mem[64];
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    TT_EQ(tern_io_cbor_put_text(&buf, "IETF", 4), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_bytes(&buf, "\x01\x02", 2), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_array(&buf, 2), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_bool(&buf, false), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_null(&buf), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_map(&buf, 0), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_tag(&buf, 1), TERN_IO_OK);
    TT_EQ(tern_io_cbor_put_uint(&buf, 0), TERN_IO_OK);
    TT_BYTES(buf.data, buf.len, "\x64IETF\x42\x01\x02\x82\xF4\xF6\xA0\xC1\x00",
             14);
    size_t pos;
    buf.len = 0;
    TT_EQ(tern_io_cbor_begin_reserved(&buf, 65535, &pos), TERN_IO_OK);
    TT_EQ(buf.len, 3);
    TT_EQ(tern_io_cbor_put_uint(&buf, 7), TERN_IO_OK);
    tern_io_cbor_end_reserved(&buf, pos, 65535, TERN_IO_CBOR_MAJOR_ARRAY, 1);
    TT_BYTES(buf.data, buf.len, "\x81\x07", 2);
    tern_io_buf_init_fixed(&buf, mem, 4);
    TT_EQ(tern_io_cbor_put_text(&buf, "IETF", 4), TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(buf.len, 0);
}

typedef struct {
    tern_io_cbor_kind_t kind;
    uint64_t u;
} kind_u_t;

static int read_all(const void *data, size_t len, tern_io_arena_t *arena,
                    kind_u_t *out, size_t max, size_t *count) {
    tern_io_cbor_reader_t r;
    tern_io_cbor_reader_init(&r, data, len, arena);
    *count = 0;
    for (;;) {
        tern_io_cbor_item_t item;
        int result = tern_io_cbor_next(&r, &item);
        if (result) {
            return result;
        }
        if (*count < max) {
            out[*count].kind = item.kind;
            out[*count].u = item.u;
        }
        ++*count;
    }
}

static void test_read_structures(void) {
    kind_u_t k[32];
    size_t n;
    /* [1, [2, 3], [4, 5]] with indefinite outer and last arrays. */
    TT_EQ(read_all("\x9F\x01\x82\x02\x03\x9F\x04\x05\xFF\xFF", 10, NULL, k, 32,
                   &n),
          TERN_IO_END);
    TT_EQ(n, 11);
    TT_EQ(k[0].kind, TERN_IO_CBOR_ARRAY);
    TT_EQ(k[2].kind, TERN_IO_CBOR_ARRAY);
    TT_EQ(k[2].u, 2);
    TT_EQ(k[5].kind, TERN_IO_CBOR_END);
    TT_EQ(k[9].kind, TERN_IO_CBOR_END);
    TT_EQ(k[10].kind, TERN_IO_CBOR_END);
    /* {"a": 1, "b": [2, 3]} indefinite. */
    TT_EQ(read_all("\xBF\x61\x61\x01\x61\x62\x9F\x02\x03\xFF\xFF", 11, NULL, k,
                   32, &n),
          TERN_IO_END);
    TT_EQ(n, 9);
    /* Empty containers. */
    TT_EQ(read_all("\x80", 1, NULL, k, 32, &n), TERN_IO_END);
    TT_EQ(n, 2);
    TT_EQ(read_all("\xBF\xFF", 2, NULL, k, 32, &n), TERN_IO_END);
    TT_EQ(n, 2);
    /* Simple values and a two-byte simple value. */
    TT_EQ(read_all("\x84\xF4\xF5\xF7\xF8\xFF", 6, NULL, k, 32, &n),
          TERN_IO_END);
    TT_EQ(k[3].kind, TERN_IO_CBOR_UNDEFINED);
    TT_EQ(k[4].kind, TERN_IO_CBOR_SIMPLE);
    TT_EQ(k[4].u, 255);
    /* Single and double precision infinities. */
    TT_EQ(read_all("\x82\xFA\x7F\x80\x00\x00\xFB\x7F\xF0\x00\x00\x00\x00\x00"
                   "\x00",
                   15, NULL, k, 32, &n),
          TERN_IO_END);
}

static void test_read_indefinite_strings(void) {
    tern_io_arena_t arena;
    tern_io_arena_init(&arena, 64);
    tern_io_cbor_reader_t r;
    tern_io_cbor_item_t item;
    static const char BYTES[] = "\x5F\x42\x01\x02\x43\x03\x04\x05\xFF";
    tern_io_cbor_reader_init(&r, BYTES, sizeof(BYTES) - 1, &arena);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(item.kind, TERN_IO_CBOR_BYTES);
    TT_BYTES(item.data, item.len, "\x01\x02\x03\x04\x05", 5);
    static const char TEXT[] = "\x7F\x65strea\x64ming\x60\xFF";
    tern_io_cbor_reader_init(&r, TEXT, sizeof(TEXT) - 1, &arena);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(item.kind, TERN_IO_CBOR_TEXT);
    TT_BYTES(item.data, item.len, "streaming", 9);
    tern_io_cbor_reader_init(&r, "\x7F\xFF", 2, &arena);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(item.len, 0);
    tern_io_cbor_reader_init(&r, TEXT, sizeof(TEXT) - 1, NULL);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_ERR_UNSUPPORTED);
    tern_io_arena_t tiny;
    tern_io_arena_init(&tiny, 4);
    tern_io_cbor_reader_init(&r, TEXT, sizeof(TEXT) - 1, &tiny);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_ERR_LIMIT);
    tern_io_arena_free(&tiny);
    tern_io_arena_free(&arena);
}

static int first_error(const void *data, size_t len) {
    kind_u_t k[4];
    size_t n;
    tern_io_arena_t arena;
    tern_io_arena_init(&arena, 2 * len + 8);
    int r = read_all(data, len, &arena, k, 4, &n);
    tern_io_arena_free(&arena);
    return r;
}

static void test_read_malformed(void) {
#define BAD(lit, status) TT_EQ(first_error(lit, sizeof(lit) - 1), status)
    BAD("", TERN_IO_ERR_MALFORMED);
    BAD("\x1C", TERN_IO_ERR_MALFORMED);             /* reserved ai 28 */
    BAD("\x18", TERN_IO_ERR_MALFORMED);             /* truncated argument */
    BAD("\x1F", TERN_IO_ERR_MALFORMED);             /* indefinite uint */
    BAD("\xDF", TERN_IO_ERR_MALFORMED);             /* indefinite tag */
    BAD("\xFF", TERN_IO_ERR_MALFORMED);             /* lone break */
    BAD("\x81", TERN_IO_ERR_MALFORMED);             /* missing item */
    BAD("\x9F\x01", TERN_IO_ERR_MALFORMED);         /* no break */
    BAD("\xA1\x01", TERN_IO_ERR_MALFORMED);         /* key without value */
    BAD("\xBF\x01\xFF", TERN_IO_ERR_MALFORMED);     /* odd indefinite map */
    BAD("\x5F\x01\xFF", TERN_IO_ERR_MALFORMED);     /* uint chunk */
    BAD("\x5F\x61x\xFF", TERN_IO_ERR_MALFORMED);    /* text chunk in bytes */
    BAD("\x5F\x5F\xFF\xFF", TERN_IO_ERR_MALFORMED); /* nested indefinite */
    BAD("\x5F\x42\x01", TERN_IO_ERR_MALFORMED);     /* short chunk */
    BAD("\x45\x01\x02", TERN_IO_ERR_MALFORMED);     /* short string */
    BAD("\x62\xC3\x28", TERN_IO_ERR_MALFORMED);     /* not UTF-8 */
    BAD("\xF8\x10", TERN_IO_ERR_MALFORMED);         /* simple < 32 in 2 B */
    BAD("\xFC", TERN_IO_ERR_MALFORMED);             /* reserved simple */
    BAD("\x01\x02", TERN_IO_ERR_MALFORMED);         /* trailing data */
    BAD("\xC1", TERN_IO_ERR_MALFORMED);             /* tag without item */
    BAD("\x81\xC1", TERN_IO_ERR_MALFORMED);
    BAD("\x9F\xC1\xFF", TERN_IO_ERR_MALFORMED);
    BAD("\xC1\xC1\xC1\xC1\xC1\x00", TERN_IO_ERR_LIMIT); /* tag chain */
    BAD("\x9B\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", TERN_IO_ERR_MALFORMED);
    BAD("\xBB\x80\x00\x00\x00\x00\x00\x00\x00", TERN_IO_ERR_MALFORMED);
    BAD("\x5B\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", TERN_IO_ERR_MALFORMED);
#undef BAD
    uint8_t deep[TERN_IO_MAX_NESTING + 2];
    memset(deep, 0x81, sizeof(deep));
    deep[sizeof(deep) - 1] = 0x00;
    TT_EQ(first_error(deep, sizeof(deep)), TERN_IO_ERR_LIMIT);
    TT_EQ(first_error(deep + 2, sizeof(deep) - 2), TERN_IO_END);
}

static void test_skip(void) {
    static const char DATA[] = "\x83\xC1\xA1\x01\x9F\x02\xFF\x05\x06";
    tern_io_cbor_reader_t r;
    tern_io_cbor_item_t item;
    tern_io_cbor_reader_init(&r, DATA, sizeof(DATA) - 1, NULL);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK); /* the array */
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK); /* the tag */
    TT_EQ(item.kind, TERN_IO_CBOR_TAG);
    TT_EQ(tern_io_cbor_skip(&r, &item), TERN_IO_OK);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(item.kind, TERN_IO_CBOR_UINT);
    TT_EQ(item.u, 5);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(item.kind, TERN_IO_CBOR_END);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_END);
}

static void test_values(void) {
    tern_io_cbor_reader_t r;
    tern_io_cbor_item_t item;
    tern_io_value_t v;
    tern_io_cbor_reader_init(&r, "\x3B\x80\x00\x00\x00\x00\x00\x00\x00", 9,
                             NULL);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(tern_io_cbor_read_value(&r, &item, &v), TERN_IO_OK);
    TT_EQ(v.type, TERN_IO_TYPE_DOUBLE);
    TT_CHECK(v.u.d == -9223372036854775809.0);
    tern_io_cbor_reader_init(&r, "\x1B\x80\x00\x00\x00\x00\x00\x00\x00", 9,
                             NULL);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(tern_io_cbor_read_value(&r, &item, &v), TERN_IO_OK);
    TT_EQ(v.type, TERN_IO_TYPE_UINT);
    tern_io_cbor_reader_init(&r, "\xD9\xD9\xF7\xC1\x01", 5, NULL);
    TT_EQ(tern_io_cbor_next(&r, &item), TERN_IO_OK);
    TT_EQ(tern_io_cbor_read_value(&r, &item, &v), TERN_IO_OK);
    TT_EQ(v.type, TERN_IO_TYPE_TIME);
    uint8_t mem[16];
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    tern_io_value_t null_value = tern_io_value_null();
    TT_EQ(tern_io_cbor_put_value(&buf, &null_value), TERN_IO_ERR_UNSUPPORTED);
}

int main(void) {
    TT_RUN(test_put_integers);
    TT_RUN(test_put_floats);
    TT_RUN(test_put_misc);
    TT_RUN(test_read_structures);
    TT_RUN(test_read_indefinite_strings);
    TT_RUN(test_read_malformed);
    TT_RUN(test_skip);
    TT_RUN(test_values);
    return TT_SUMMARY();
}
