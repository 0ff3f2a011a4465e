/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

#define FMT TERN_IO_FMT_LWM2M_CBOR

static const uint8_t READ_3_0[] = {
        0xA1, 0x03, 0xA1, 0x00, 0xA3, 0x00, 0x74, 'O',  'p',  'e', 'n', ' ',
        'M',  'o',  'b',  'i',  'l',  'e',  ' ',  'A',  'l',  'l', 'i', 'a',
        'n',  'c',  'e',  0x06, 0xA1, 0x00, 0x01, 0x09, 0x18, 0x64};

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
    TT_BYTES(buf.data, len, READ_3_0, sizeof(READ_3_0));
    buf.len = 0;
    TT_EQ(encode_all(FMT, &base, NULL, 0, &buf, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\xA0", 1);
    tern_io_buf_release(&buf);
}

static void test_encode_tree(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t root = tern_io_path_root();
    entry_t e[] = {
            {tern_io_path_resource(1, 0, 1), tern_io_value_int(60)},
            {tern_io_path_instance(1, 1), tern_io_value_null()},
            {tern_io_path_resource(3, 0, 6), tern_io_value_null()},
            {tern_io_path_resource(3, 0, 7), tern_io_value_objlnk(1, 2)},
            {tern_io_path_resource_instance(3, 1, 8, 300),
             tern_io_value_double(0.5)},
    };
    size_t len;
    TT_EQ(encode_all(FMT, &root, e, 5, &buf, &len), TERN_IO_OK);
    static const uint8_t EXPECTED[] = {
            0xA2, 0x01, 0xA2, 0x00, 0xA1, 0x01, 0x18, 0x3C, 0x01, 0xA0, 0x03,
            0xA2, 0x00, 0xA2, 0x06, 0xA0, 0x07, 0x63, '1',  ':',  '2',  0x01,
            0xA1, 0x08, 0xA1, 0x19, 0x01, 0x2C, 0xF9, 0x38, 0x00};
    TT_BYTES(buf.data, len, EXPECTED, sizeof(EXPECTED));
    entry_t out[8];
    size_t count;
    TT_EQ(decode_all(FMT, &root, buf.data, len, out, 8, &count), TERN_IO_END);
    TT_EQ(count, 5);
    for (size_t i = 0; i < 5; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &e[i].path));
    }
    TT_EQ(out[1].value.type, TERN_IO_TYPE_NULL);
    TT_EQ(out[2].value.type, TERN_IO_TYPE_NULL);
    tern_io_objlnk_t o;
    TT_EQ(tern_io_value_get_objlnk(&out[3].value, &o), TERN_IO_OK);
    TT_EQ(o.iid, 2);
    tern_io_buf_release(&buf);
}

static void test_encoder_rules(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_enc_t enc;
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(tern_io_enc_init(&enc, FMT, &root, &buf), TERN_IO_OK);
    tern_io_path_t p = tern_io_path_instance(3, 0);
    tern_io_value_t v = tern_io_value_int(1);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_UNSUPPORTED);
    p = tern_io_path_resource(3, 0, 1);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_ERR_STATE);
    tern_io_path_t below = tern_io_path_resource_instance(3, 0, 1, 0);
    TT_EQ(tern_io_enc_add(&enc, &below, &v), TERN_IO_ERR_STATE);
    size_t len;
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
    TT_BYTES(buf.data, len, "\xA1\x03\xA1\x00\xA1\x01\x01", 7);
    tern_io_buf_release(&buf);
}

static void test_decode_read(void) {
    entry_t out[4];
    size_t count;
    tern_io_path_t req = tern_io_path_instance(3, 0);
    TT_EQ(decode_all(FMT, &req, READ_3_0, sizeof(READ_3_0), out, 4, &count),
          TERN_IO_END);
    TT_EQ(count, 3);
    const entry_t *e = read_entries();
    for (size_t i = 0; i < 3; ++i) {
        TT_CHECK(tern_io_path_equal(&out[i].path, &e[i].path));
        TT_EQ(out[i].value.type, e[i].value.type);
    }
    req = tern_io_path_instance(3, 1);
    TT_EQ(decode_all(FMT, &req, READ_3_0, sizeof(READ_3_0), out, 4, &count),
          TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
}

static void test_decode_array_keys(void) {
    /* {[3, 0]: {0: "x", [6, 1]: 5}, 1: {}} with indefinite maps */
    static const uint8_t DATA[] = {0xBF, 0x82, 0x03, 0x00, 0xBF, 0x00,
                                   0x61, 'x',  0x82, 0x06, 0x01, 0x05,
                                   0xFF, 0x01, 0xA0, 0xFF};
    entry_t out[4];
    size_t count;
    tern_io_path_t root = tern_io_path_root();
    TT_EQ(decode_all(FMT, &root, DATA, sizeof(DATA), out, 4, &count),
          TERN_IO_END);
    TT_EQ(count, 3);
    TT_CHECK(path_is(&out[0].path, 3, 3, 0, 0, 0));
    TT_CHECK(path_is(&out[1].path, 4, 3, 0, 6, 1));
    TT_EQ(out[1].value.u.i, 5);
    TT_CHECK(path_is(&out[2].path, 1, 1, 0, 0, 0));
    TT_EQ(out[2].value.type, TERN_IO_TYPE_NULL);
    TT_EQ(decode_all(FMT, &root, "\xA0", 1, out, 4, &count), TERN_IO_END);
    TT_EQ(count, 0);
}

static int status_of(const void *data, size_t len) {
    entry_t out[8];
    size_t count;
    tern_io_path_t root = tern_io_path_root();
    return decode_all(FMT, &root, data, len, out, 8, &count);
}

static void test_decode_errors(void) {
#define BAD(lit, status) TT_EQ(status_of(lit, sizeof(lit) - 1), status)
    BAD("", TERN_IO_ERR_MALFORMED);
    BAD("\x80", TERN_IO_ERR_MALFORMED);
    BAD("\xA1\x19\xFF\xFF\x01", TERN_IO_ERR_MALFORMED); /* id 65535 */
    BAD("\xA1\x61x\x01", TERN_IO_ERR_MALFORMED);        /* text key */
    BAD("\xA1\x20\x01", TERN_IO_ERR_MALFORMED);         /* negative key */
    BAD("\xA1\x80\x01", TERN_IO_ERR_MALFORMED);         /* empty key */
    BAD("\xA1\x85\x01\x02\x03\x04\x05\x01", TERN_IO_ERR_MALFORMED);
    BAD("\xA1\x03\xA1\x00\x01", TERN_IO_ERR_MALFORMED); /* value at /3/0 */
    BAD("\xA1\x01\xA1\x02\xA1\x03\xA1\x04\xA1\x05\x01",
        TERN_IO_ERR_MALFORMED); /* too deep */
    BAD("\xA1\x84\x01\x02\x03\x04\xA0", TERN_IO_ERR_MALFORMED);
    BAD("\xA1\x83\x01\x02\x03\x80", TERN_IO_ERR_UNSUPPORTED);   /* array */
    BAD("\xA1\x83\x01\x02\x03\xF7", TERN_IO_ERR_UNSUPPORTED);   /* undefined */
    BAD("\xA1\x83\x01\x02\x03\x01\x00", TERN_IO_ERR_MALFORMED); /* trailing */
    BAD("\xA2\x83\x01\x02\x03\x01", TERN_IO_ERR_MALFORMED);     /* truncated */
#undef BAD
}

static void test_truncation(void) {
    tern_io_path_t base = tern_io_path_instance(3, 0);
    check_truncation(FMT, &base, read_entries(), 3);
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
    TT_RUN(test_encode_read);
    TT_RUN(test_encode_tree);
    TT_RUN(test_encoder_rules);
    TT_RUN(test_decode_read);
    TT_RUN(test_decode_array_keys);
    TT_RUN(test_decode_errors);
    TT_RUN(test_truncation);
    TT_RUN(test_failed_add_closes);
    return TT_SUMMARY();
}
