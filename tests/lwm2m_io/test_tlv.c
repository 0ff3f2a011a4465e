/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

#define FMT TERN_IO_FMT_TLV

/* Read /3/0 of the Device Object as laid out in the LwM2M TLV examples,
 * each TLV checked by hand against the type-byte rules. */
static const uint8_t DEVICE_TLV[] = {
        0xC8, 0x00, 0x14, 'O',  'p',  'e',  'n',  ' ',  'M',  'o',  'b',
        'i',  'l',  'e',  ' ',  'A',  'l',  'l',  'i',  'a',  'n',  'c',
        'e',  0xC8, 0x01, 0x16, 'L',  'i',  'g',  'h',  't',  'w',  'e',
        'i',  'g',  'h',  't',  ' ',  'M',  '2',  'M',  ' ',  'C',  'l',
        'i',  'e',  'n',  't',  0xC8, 0x02, 0x09, '3',  '4',  '5',  '0',
        '0',  '0',  '1',  '2',  '3',  0xC3, 0x03, '1',  '.',  '0',  0x86,
        0x06, 0x41, 0x00, 0x01, 0x41, 0x01, 0x05, 0x88, 0x07, 0x08, 0x42,
        0x00, 0x0E, 0xD8, 0x42, 0x01, 0x13, 0x88, 0x87, 0x08, 0x41, 0x00,
        0x7D, 0x42, 0x01, 0x03, 0x84, 0xC1, 0x09, 0x64, 0xC1, 0x0A, 0x0F,
        0x83, 0x0B, 0x41, 0x00, 0x00, 0xC4, 0x0D, 0x51, 0x82, 0x42, 0x8F,
        0xC6, 0x0E, '+',  '0',  '2',  ':',  '0',  '0',  0xC1, 0x10, 'U'};

#define RES(r) tern_io_path_resource(3, 0, (r))
#define RI(r, i) tern_io_path_resource_instance(3, 0, (r), (i))

static const entry_t *device_entries(size_t *count) {
    static entry_t e[17];
    size_t n = 0;
    e[n++] = (entry_t){RES(0), tern_io_value_string("Open Mobile Alliance")};
    e[n++] = (entry_t){RES(1), tern_io_value_string("Lightweight M2M Client")};
    e[n++] = (entry_t){RES(2), tern_io_value_string("345000123")};
    e[n++] = (entry_t){RES(3), tern_io_value_string("1.0")};
    e[n++] = (entry_t){RI(6, 0), tern_io_value_int(1)};
    e[n++] = (entry_t){RI(6, 1), tern_io_value_int(5)};
    e[n++] = (entry_t){RI(7, 0), tern_io_value_int(3800)};
    e[n++] = (entry_t){RI(7, 1), tern_io_value_int(5000)};
    e[n++] = (entry_t){RI(8, 0), tern_io_value_int(125)};
    e[n++] = (entry_t){RI(8, 1), tern_io_value_int(900)};
    e[n++] = (entry_t){RES(9), tern_io_value_int(100)};
    e[n++] = (entry_t){RES(10), tern_io_value_int(15)};
    e[n++] = (entry_t){RI(11, 0), tern_io_value_int(0)};
    e[n++] = (entry_t){RES(13), tern_io_value_time(1367491215)};
    e[n++] = (entry_t){RES(14), tern_io_value_string("+02:00")};
    e[n++] = (entry_t){RES(16), tern_io_value_string("U")};
    *count = n;
    return e;
}

static void test_encode_device(void) {
    size_t count, len;
    const entry_t *e = device_entries(&count);
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t base = tern_io_path_instance(3, 0);
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, e, count, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, DEVICE_TLV, sizeof(DEVICE_TLV));
    tern_io_buf_release(&buf);
}

static void test_decode_device(void) {
    entry_t out[32];
    size_t count, expected_count;
    const entry_t *e = device_entries(&expected_count);
    tern_io_path_t req = tern_io_path_instance(3, 0);
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &req, DEVICE_TLV, sizeof(DEVICE_TLV), out,
                     32, &count),
          TERN_IO_END);
    TT_EQ(count, expected_count);
    for (size_t i = 0; i < count; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &e[i].path));
        TT_EQ(out[i].value.type, TERN_IO_TYPE_RAW_TLV);
        if (e[i].value.type == TERN_IO_TYPE_STRING) {
            const char *s;
            size_t len;
            TT_EQ(tern_io_value_get_string(&out[i].value, &s, &len),
                  TERN_IO_OK);
            TT_BYTES(s, len, e[i].value.u.view.data, e[i].value.u.view.len);
        } else {
            int64_t v;
            TT_EQ(tern_io_value_get_int(&out[i].value, &v), TERN_IO_OK);
            TT_EQ(v, e[i].value.u.i);
        }
    }
}

static void test_object_level(void) {
    entry_t in[] = {
            {tern_io_path_resource(3, 0, 0), tern_io_value_string("a")},
            {tern_io_path_resource(3, 1, 0), tern_io_value_string("b")},
            {tern_io_path_instance(3, 2), tern_io_value_null()},
            {tern_io_path_resource(3, 3, 300), tern_io_value_string("x")},
    };
    /* Lengths below 8 live in the type byte. */
    static const uint8_t EXPECTED[] = {0x03, 0x00, 0xC1, 0x00, 0x61, 0x03,
                                       0x01, 0xC1, 0x00, 0x62, 0x00, 0x02,
                                       0x04, 0x03, 0xE1, 0x01, 0x2C, 0x78};
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t base = tern_io_path_object(3);
    size_t len;
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, in, 4, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, EXPECTED, sizeof(EXPECTED));
    entry_t out[8];
    size_t count;
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &base, buf.data, len, out, 8, &count),
          TERN_IO_END);
    TT_EQ(count, 4);
    for (size_t i = 0; i < 4; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &in[i].path));
    }
    TT_EQ(out[2].value.type, TERN_IO_TYPE_NULL);
    tern_io_buf_release(&buf);
}

static void test_resource_levels(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    size_t len;
    /* A multi-instance resource read on its own path keeps its wrapper. */
    tern_io_path_t base = tern_io_path_resource(3, 0, 6);
    entry_t multi[] = {{RI(6, 0), tern_io_value_int(1)},
                       {RI(6, 1), tern_io_value_int(5)}};
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, multi, 2, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\x86\x06\x41\x00\x01\x41\x01\x05", 8);
    /* An empty one is an empty wrapper. */
    buf.len = 0;
    entry_t empty[] = {{RES(6), tern_io_value_null()}};
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, empty, 1, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\x80\x06", 2);
    entry_t out[4];
    size_t count;
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &base, buf.data, len, out, 4, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_CHECK(path_is(&out[0].path, 3, 3, 0, 6, 0));
    TT_EQ(out[0].value.type, TERN_IO_TYPE_NULL);
    /* A single Resource Instance. */
    buf.len = 0;
    base = RI(6, 1);
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, &multi[1], 1, &buf, &len),
          TERN_IO_OK);
    TT_BYTES(buf.data, len, "\x41\x01\x05", 3);
    /* A single Resource. */
    buf.len = 0;
    base = RES(9);
    entry_t one[] = {{RES(9), tern_io_value_int(100)}};
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, one, 1, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\xC1\x09\x64", 3);
    tern_io_buf_release(&buf);
}

static void test_value_encodings(void) {
    static const struct {
        tern_io_value_t value;
        const char *bytes;
        size_t len;
    } CASES[] = {
            {{TERN_IO_TYPE_INT, {.i = 0}}, "\x00", 1},
            {{TERN_IO_TYPE_INT, {.i = 127}}, "\x7F", 1},
            {{TERN_IO_TYPE_INT, {.i = 128}}, "\x00\x80", 2},
            {{TERN_IO_TYPE_INT, {.i = -129}}, "\xFF\x7F", 2},
            {{TERN_IO_TYPE_INT, {.i = 32768}}, "\x00\x00\x80\x00", 4},
            {{TERN_IO_TYPE_INT, {.i = 2147483648ll}},
             "\x00\x00\x00\x00\x80\x00\x00\x00",
             8},
            {{TERN_IO_TYPE_INT, {.i = INT64_MIN}},
             "\x80\x00\x00\x00\x00\x00\x00\x00",
             8},
            {{TERN_IO_TYPE_UINT, {.u = 200}}, "\x00\xC8", 2},
            {{TERN_IO_TYPE_UINT, {.u = UINT64_MAX}},
             "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF",
             8},
            {{TERN_IO_TYPE_DOUBLE, {.d = 1.5}}, "\x3F\xC0\x00\x00", 4},
            {{TERN_IO_TYPE_DOUBLE, {.d = 0.1}},
             "\x3F\xB9\x99\x99\x99\x99\x99\x9A",
             8},
            {{TERN_IO_TYPE_BOOL, {.b = true}}, "\x01", 1},
            {{TERN_IO_TYPE_OBJLNK, {.objlnk = {3, 65535}}},
             "\x00\x03\xFF\xFF",
             4},
    };
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 64);
    tern_io_path_t base = RES(1);
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        size_t len;
        entry_t e = {RES(1), CASES[i].value};
        buf.len = 0;
        TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, &e, 1, &buf, &len),
              TERN_IO_OK);
        size_t hdr = CASES[i].len < 8 ? 2 : 3;
        TT_CHECK(len == hdr + CASES[i].len);
        if (hdr == 2) {
            TT_EQ(buf.data[0], 0xC0 | CASES[i].len);
        } else {
            TT_EQ(buf.data[0], 0xC8);
            TT_EQ(buf.data[2], CASES[i].len);
        }
        TT_BYTES(buf.data + hdr, len - hdr, CASES[i].bytes, CASES[i].len);
    }
    tern_io_buf_release(&buf);
}

static void test_long_lengths(void) {
    static uint8_t big[70000];
    memset(big, 'z', sizeof(big));
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 1 << 20);
    tern_io_path_t base = RES(1);
    entry_t e = {RES(1), tern_io_value_bytes(big, 300)};
    size_t len;
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, &e, 1, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, 4, "\xD0\x01\x01\x2C", 4);
    TT_EQ(len, 304);
    buf.len = 0;
    e.value = tern_io_value_bytes(big, sizeof(big));
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, &e, 1, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, 5, "\xD8\x01\x01\x11\x70", 5);
    entry_t out[2];
    size_t count;
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &base, buf.data, len, out, 2, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_EQ(out[0].value.u.view.len, sizeof(big));
    tern_io_buf_release(&buf);
}

static int decode_status(const tern_io_path_t *req, const void *data,
                         size_t len) {
    entry_t out[8];
    size_t count;
    return decode_all(TERN_IO_FMT_TLV, req, data, len, out, 8, &count);
}

static void test_malformed(void) {
    tern_io_path_t inst = tern_io_path_instance(3, 0);
    tern_io_path_t obj = tern_io_path_object(3);
    tern_io_path_t res = RES(6);
    tern_io_path_t root = tern_io_path_root();
#define BAD(req, lit, status)                                                  \
    TT_EQ(decode_status(&(req), lit, sizeof(lit) - 1), status)
    BAD(inst, "\xC1", TERN_IO_ERR_MALFORMED);                 /* no id */
    BAD(inst, "\xC1\x00", TERN_IO_ERR_MALFORMED);             /* no value */
    BAD(inst, "\xC8\x00", TERN_IO_ERR_MALFORMED);             /* no length */
    BAD(inst, "\xC8\x00\x05xx", TERN_IO_ERR_MALFORMED);       /* short value */
    BAD(inst, "\xF9\xFF\xFF\x01\x00", TERN_IO_ERR_MALFORMED); /* id 65535 */
    BAD(inst, "\x41\x00\x01", TERN_IO_ERR_MALFORMED); /* RI under /3/0 */
    BAD(obj, "\x41\x00\x01", TERN_IO_ERR_MALFORMED);
    BAD(obj, "\x08\x00\x03\x08\x00\x00", TERN_IO_ERR_MALFORMED); /* OI in OI */
    BAD(obj, "\x08\x00\x03\xC1\x00", TERN_IO_ERR_MALFORMED); /* past OI end */
    BAD(res, "\x86\x06\x03\xC1\x00\x01", TERN_IO_ERR_MALFORMED); /* R in MR */
    BAD(inst, "\x08\x01\x03\xC1\x00\x01", TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
    BAD(res, "\xC1\x07\x01", TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
    tern_io_path_t ri = RI(6, 1);
    BAD(ri, "\x41\x00\x01", TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
    tern_io_dec_t dec;
    TT_EQ(tern_io_dec_init(&dec, TERN_IO_FMT_TLV, &root, "\xC1\x00\x01", 3),
          TERN_IO_ERR_UNSUPPORTED);
    tern_io_dec_cleanup(&dec);
#undef BAD
}

static void test_lenient_shapes(void) {
    entry_t out[8];
    size_t count;
    /* Write on /3/0 wrapped in its own Object Instance. */
    tern_io_path_t inst = tern_io_path_instance(3, 0);
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &inst, "\x08\x00\x03\xC1\x05\x01", 6, out,
                     8, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_CHECK(path_is(&out[0].path, 3, 3, 0, 5, 0));
    /* Create on /3 with bare Resources: the instance id is left open. */
    tern_io_path_t obj = tern_io_path_object(3);
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &obj, "\xC1\x05\x01", 3, out, 8, &count),
          TERN_IO_END);
    TT_EQ(count, 1);
    TT_CHECK(path_is(&out[0].path, 3, 3, TERN_IO_ID_INVALID, 5, 0));
    /* Write on /3/0/6 with bare Resource Instances. */
    tern_io_path_t res = RES(6);
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &res, "\x41\x00\x01\x41\x01\x05", 6, out,
                     8, &count),
          TERN_IO_END);
    TT_EQ(count, 2);
    TT_CHECK(path_is(&out[1].path, 4, 3, 0, 6, 1));
    /* Empty payload: no entries. */
    TT_EQ(decode_all(TERN_IO_FMT_TLV, &res, "", 0, out, 8, &count),
          TERN_IO_END);
    TT_EQ(count, 0);
}

static void test_encoder_rules(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_enc_t enc;
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_TLV, &root, &buf),
          TERN_IO_ERR_UNSUPPORTED);
    tern_io_path_t base = tern_io_path_instance(3, 0);
    TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_TLV, &base, &buf), TERN_IO_OK);
    tern_io_value_t v = tern_io_value_int(1);
    tern_io_path_t p = RES(5);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_STATE);
    p = RES(4);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_STATE);
    p = tern_io_path_resource(3, 1, 6);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
    p = tern_io_path_instance(3, 0);
    tern_io_value_t null_value = tern_io_value_null();
    TT_EQ(tern_io_enc_add(&enc, &p, &null_value), TERN_IO_ERR_UNSUPPORTED);
    p = RI(7, 0);
    TT_EQ(tern_io_enc_add(&enc, &p, &null_value), TERN_IO_ERR_UNSUPPORTED);
    tern_io_value_t raw = tern_io_value_bytes("x", 1);
    raw.type = TERN_IO_TYPE_RAW_TLV;
    TT_EQ(tern_io_enc_add(&enc, &p, &raw), TERN_IO_ERR_INVALID_ARG);
    size_t len;
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\xC1\x05\x01", 3);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_STATE);
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_ERR_STATE);
    tern_io_buf_release(&buf);
}

/* Whatever the buffer size, a failed add leaves a payload that finishes
 * and decodes to exactly the entries accepted so far. */
static void test_buffer_too_small(void) {
    size_t count, full_len;
    const entry_t *e = device_entries(&count);
    tern_io_path_t base = tern_io_path_object(3);
    entry_t all[17];
    for (size_t i = 0; i < count; ++i) {
        all[i] = e[i];
    }
    tern_io_buf_t grow;
    tern_io_buf_init_growable(&grow, 4096);
    TT_EQ(encode_all(TERN_IO_FMT_TLV, &base, all, count, &grow, &full_len),
          TERN_IO_OK);
    for (size_t size = 0; size <= full_len + TERN_IO_ENC_SLACK; ++size) {
        uint8_t mem[512];
        tern_io_buf_t buf;
        tern_io_buf_init_fixed(&buf, mem, size);
        tern_io_enc_t enc;
        TT_EQ(tern_io_enc_init(&enc, TERN_IO_FMT_TLV, &base, &buf), TERN_IO_OK);
        size_t added = 0;
        for (; added < count; ++added) {
            size_t before = buf.len;
            int r = tern_io_enc_add(&enc, &all[added].path, &all[added].value);
            if (r) {
                TT_EQ(r, TERN_IO_ERR_BUFFER_TOO_SMALL);
                TT_CHECK(buf.len <= before);
                break;
            }
        }
        size_t len;
        TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
        if (size >= full_len + TERN_IO_ENC_SLACK) {
            TT_EQ(added, count);
            TT_BYTES(mem, len, grow.data, full_len);
        }
        entry_t out[20];
        size_t got;
        TT_EQ(decode_all(TERN_IO_FMT_TLV, &base, mem, len, out, 20, &got),
              TERN_IO_END);
        TT_EQ(got, added);
    }
    tern_io_buf_release(&grow);
}

/* A failed add may already have closed the previous entry's containers;
 * the encoder must then refuse entries that would need them again, while
 * the failed path itself may be retried. */
static void test_failed_add_closes(void) {
    static uint8_t big[200];
    uint8_t mem[64];
    tern_io_buf_t buf;
    tern_io_buf_init_fixed(&buf, mem, sizeof(mem));
    tern_io_enc_t enc;
    tern_io_path_t base = tern_io_path_object(3);
    TT_EQ(tern_io_enc_init(&enc, FMT, &base, &buf), TERN_IO_OK);
    tern_io_path_t a = tern_io_path_resource(3, 0, 1);
    tern_io_path_t b = tern_io_path_resource(3, 1, 0);
    tern_io_path_t c = tern_io_path_resource(3, 0, 2);
    tern_io_value_t small = tern_io_value_int(7);
    tern_io_value_t large = tern_io_value_bytes(big, sizeof(big));
    TT_EQ(tern_io_enc_add(&enc, &a, &small), TERN_IO_OK);
    TT_EQ(tern_io_enc_add(&enc, &b, &large), TERN_IO_ERR_BUFFER_TOO_SMALL);
    TT_EQ(tern_io_enc_add(&enc, &c, &small), TERN_IO_ERR_STATE);
    TT_EQ(tern_io_enc_add(&enc, &b, &small), TERN_IO_OK);
    size_t len;
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
    entry_t out[4];
    size_t count;
    TT_EQ(decode_all(FMT, &base, mem, len, out, 4, &count), TERN_IO_END);
    TT_EQ(count, 2);
    TT_CHECK(tern_io_path_equal(&out[0].path, &a));
    TT_CHECK(tern_io_path_equal(&out[1].path, &b));
}

int main(void) {
    TT_RUN(test_encode_device);
    TT_RUN(test_decode_device);
    TT_RUN(test_object_level);
    TT_RUN(test_resource_levels);
    TT_RUN(test_value_encodings);
    TT_RUN(test_long_lengths);
    TT_RUN(test_malformed);
    TT_RUN(test_lenient_shapes);
    TT_RUN(test_encoder_rules);
    TT_RUN(test_buffer_too_small);
    TT_RUN(test_failed_add_closes);
    return TT_SUMMARY();
}
