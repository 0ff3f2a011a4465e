/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io_test_util.h"

#define FMT TERN_IO_FMT_SENML_CBOR

static const uint8_t READ_3_0[] = {
        0x83, 0xA3, 0x21, 0x65, '/',  '3',  '/',  '0',  '/', 0x00,
        0x61, '0',  0x03, 0x74, 'O',  'p',  'e',  'n',  ' ', 'M',
        'o',  'b',  'i',  'l',  'e',  ' ',  'A',  'l',  'l', 'i',
        'a',  'n',  'c',  'e',  0xA2, 0x00, 0x63, '6',  '/', '0',
        0x02, 0x01, 0xA2, 0x00, 0x61, '9',  0x02, 0x18, 0x64};

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
    TT_BYTES(buf.data, len, "\x80", 1);
    tern_io_buf_release(&buf);
}

static void test_encode_send_and_types(void) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4096);
    tern_io_path_t root = tern_io_path_root();
    tern_io_enc_t enc;
    TT_EQ(tern_io_enc_init(&enc, FMT, &root, &buf), TERN_IO_OK);
    tern_io_path_t p = tern_io_path_resource(3, 0, 9);
    tern_io_value_t v = tern_io_value_int(100);
    TT_EQ(tern_io_enc_add_timed(&enc, &p, &v, 1700000000.0), TERN_IO_OK);
    v = tern_io_value_objlnk(3, 0);
    TT_EQ(tern_io_enc_add_timed(&enc, &p, &v, 0.5), TERN_IO_OK);
    v = tern_io_value_bytes("\x01", 1);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    v = tern_io_value_bool(true);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    v = tern_io_value_double(NAN);
    TT_EQ(tern_io_enc_add(&enc, &p, &v), TERN_IO_OK);
    size_t len;
    TT_EQ(tern_io_enc_finish(&enc, &len), TERN_IO_OK);
    static const uint8_t EXPECTED[] = {
            0x85, 0xA3, 0x00, 0x66, '/',  '3',  '/',  '0',  '/',  '9',  0x02,
            0x18, 0x64, 0x06, 0x1A, 0x65, 0x53, 0xF1, 0x00, 0xA3, 0x00, 0x66,
            '/',  '3',  '/',  '0',  '/',  '9',  0x63, 'v',  'l',  'o',  0x63,
            '3',  ':',  '0',  0x06, 0xF9, 0x38, 0x00, 0xA2, 0x00, 0x66, '/',
            '3',  '/',  '0',  '/',  '9',  0x08, 0x41, 0x01, 0xA2, 0x00, 0x66,
            '/',  '3',  '/',  '0',  '/',  '9',  0x04, 0xF5, 0xA2, 0x00, 0x66,
            '/',  '3',  '/',  '0',  '/',  '9',  0x02, 0xF9, 0x7E, 0x00};
    TT_BYTES(buf.data, len, EXPECTED, sizeof(EXPECTED));

    tern_io_dec_t dec;
    tern_io_value_t out;
    TT_EQ(tern_io_dec_init(&dec, FMT, &root, buf.data, len), TERN_IO_OK);
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_OK);
    TT_EQ(out.type, TERN_IO_TYPE_INT);
    TT_CHECK(tern_io_dec_time(&dec) == 1700000000.0);
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_OK);
    TT_EQ(out.type, TERN_IO_TYPE_OBJLNK);
    TT_CHECK(tern_io_dec_time(&dec) == 0.5);
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_OK);
    TT_EQ(out.type, TERN_IO_TYPE_BYTES);
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_OK);
    TT_EQ(out.type, TERN_IO_TYPE_BOOL);
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_OK);
    TT_CHECK(isnan(out.u.d));
    TT_EQ(tern_io_dec_next(&dec, &p, &out), TERN_IO_END);
    tern_io_dec_cleanup(&dec);
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
}

static void test_decode_features(void) {
    entry_t out[4];
    size_t count;
    tern_io_path_t root = tern_io_path_root();
    /* Indefinite array and map, chunked strings, bt, an ignored label, a
     * tagged time value and a text key other than "vlo". */
    static const uint8_t DATA[] = {
            0x9F, 0xBF, 0x22, 0x1A, 0x65, 0x53, 0xF1, 0x00, 0x21, 0x7F,
            0x62, '/',  '3',  0x62, '/',  '0',  0xFF, 0x00, 0x62, '/',
            '1',  0x03, 0x7F, 0x61, 'a',  0x61, 'b',  0xFF, 0x18, 0x63,
            0x82, 0x01, 0x02, 0x63, 'f',  'o',  'o',  0xA0, 0xFF, 0xA2,
            0x00, 0x62, '/',  '2',  0x02, 0xC1, 0x05, 0xFF};
    tern_io_dec_t dec;
    tern_io_path_t p;
    tern_io_value_t v;
    TT_EQ(tern_io_dec_init(&dec, FMT, &root, DATA, sizeof(DATA)), TERN_IO_OK);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    TT_CHECK(path_is(&p, 3, 3, 0, 1, 0));
    TT_TEXT(v.u.view.data, v.u.view.len, "ab");
    TT_CHECK(tern_io_dec_time(&dec) == 1700000000.0);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_OK);
    TT_CHECK(path_is(&p, 3, 3, 0, 2, 0));
    TT_EQ(v.type, TERN_IO_TYPE_TIME);
    TT_EQ(tern_io_dec_next(&dec, &p, &v), TERN_IO_END);
    tern_io_dec_cleanup(&dec);
    (void) out;
    (void) count;
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
    BAD("\xA0", TERN_IO_ERR_MALFORMED);                      /* not array */
    BAD("\x81\x01", TERN_IO_ERR_MALFORMED);                  /* not map */
    BAD("\x81\xA1\x00\x01", TERN_IO_ERR_MALFORMED);          /* n not text */
    BAD("\x81\xA1\xF5\x01", TERN_IO_ERR_MALFORMED);          /* bool key */
    BAD("\x81\xA2\x00\x61x\x02\x01", TERN_IO_ERR_MALFORMED); /* bad path */
    BAD("\x81\xA2\x00\x66/3/0/1\x02\x61x", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x03\x01", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x04\x01", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x08\x61x", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x63vlo\x61x", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA3\x00\x66/3/0/1\x02\x01\x04\xF5", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x00\x66/3/0/2", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x06\x61x", TERN_IO_ERR_MALFORMED);
    BAD("\x81\xA2\x00\x66/3/0/1\x02\x80", TERN_IO_ERR_UNSUPPORTED);
    BAD("\x81\xA2\x00\x66/3/0/1\x02\xC2\x41\x01", TERN_IO_ERR_UNSUPPORTED);
    BAD("\x81\xA2\x00\x66/3/0/1\x24\x01", TERN_IO_ERR_UNSUPPORTED); /* bv */
    BAD("\x81\xA2\x00\x66/3/0/1\x62x_\x01", TERN_IO_ERR_UNSUPPORTED);
    BAD("\x81\xA1\x00\x66/3/0/1\x00", TERN_IO_ERR_MALFORMED); /* trailing */
    BAD("\x82\xA1\x00\x66/3/0/1", TERN_IO_ERR_MALFORMED);
#undef BAD
    entry_t out[2];
    size_t count;
    tern_io_path_t req = tern_io_path_object(1);
    TT_EQ(decode_all(FMT, &req, READ_3_0, sizeof(READ_3_0), out, 2, &count),
          TERN_IO_ERR_PATH_OUTSIDE_REQUEST);
}

static void test_truncation(void) {
    tern_io_path_t base = tern_io_path_instance(3, 0);
    check_truncation(FMT, &base, read_entries(), 3);
}

int main(void) {
    TT_RUN(test_encode_read);
    TT_RUN(test_encode_send_and_types);
    TT_RUN(test_decode_read);
    TT_RUN(test_decode_features);
    TT_RUN(test_decode_errors);
    TT_RUN(test_truncation);
    return TT_SUMMARY();
}
