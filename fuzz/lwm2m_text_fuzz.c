/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* text/plain and opaque decoding. Every interpretation the accessors accept
 * is encoded again as that type and must read back the same. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io.h"

static tern_io_value_t reencode(const tern_io_value_t *typed,
                                tern_io_buf_t *buf, tern_io_dec_t *dec) {
    tern_io_path_t path = tern_io_path_resource(3, 0, 1);
    tern_io_enc_t enc;
    size_t len;
    buf->len = 0;
    if (tern_io_enc_init(&enc, TERN_IO_FMT_TEXT, &path, buf) ||
        tern_io_enc_add(&enc, &path, typed) || tern_io_enc_finish(&enc, &len)) {
        abort();
    }
    tern_io_value_t out;
    tern_io_path_t got;
    if (tern_io_dec_init(dec, TERN_IO_FMT_TEXT, &path, buf->data, len) ||
        tern_io_dec_next(dec, &got, &out)) {
        abort();
    }
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    tern_io_path_t path = tern_io_path_resource(3, 0, 1);
    tern_io_dec_t dec, dec2;
    tern_io_value_t v, back;
    tern_io_path_t got;
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 4 * size + 64);
    if (tern_io_dec_init(&dec, TERN_IO_FMT_TEXT, &path, data, size) ||
        tern_io_dec_next(&dec, &got, &v) ||
        tern_io_dec_next(&dec, &got, &back) != TERN_IO_END) {
        abort();
    }

    int64_t i, i2;
    if (!tern_io_value_get_int(&v, &i)) {
        tern_io_value_t t = tern_io_value_int(i);
        back = reencode(&t, &buf, &dec2);
        if (tern_io_value_get_int(&back, &i2) || i2 != i) {
            abort();
        }
        tern_io_dec_cleanup(&dec2);
    }
    uint64_t u, u2;
    if (!tern_io_value_get_uint(&v, &u)) {
        tern_io_value_t t = tern_io_value_uint(u);
        back = reencode(&t, &buf, &dec2);
        if (tern_io_value_get_uint(&back, &u2) || u2 != u) {
            abort();
        }
        tern_io_dec_cleanup(&dec2);
    }
    double d, d2;
    if (!tern_io_value_get_double(&v, &d)) {
        tern_io_value_t t = tern_io_value_double(d);
        back = reencode(&t, &buf, &dec2);
        if (tern_io_value_get_double(&back, &d2) ||
            (isnan(d) ? !isnan(d2) : (d2 != d || signbit(d2) != signbit(d)))) {
            abort();
        }
        tern_io_dec_cleanup(&dec2);
    }
    bool b, b2;
    if (!tern_io_value_get_bool(&v, &b)) {
        tern_io_value_t t = tern_io_value_bool(b);
        back = reencode(&t, &buf, &dec2);
        if (tern_io_value_get_bool(&back, &b2) || b2 != b) {
            abort();
        }
        tern_io_dec_cleanup(&dec2);
    }
    tern_io_objlnk_t o, o2;
    if (!tern_io_value_get_objlnk(&v, &o)) {
        tern_io_value_t t = tern_io_value_objlnk(o.oid, o.iid);
        back = reencode(&t, &buf, &dec2);
        if (tern_io_value_get_objlnk(&back, &o2) || o2.oid != o.oid ||
            o2.iid != o.iid) {
            abort();
        }
        tern_io_dec_cleanup(&dec2);
    }
    /* Opaque: base64, read in odd-sized chunks. */
    uint8_t *bytes = (uint8_t *) malloc(size + 1);
    size_t total = 0, offset = 0, n;
    bool finished = false;
    int r = TERN_IO_OK;
    while (!finished &&
           !(r = tern_io_value_read_bytes(&v, &offset, bytes + total, 7, &n,
                                          &finished))) {
        total += n;
        if (total > size) {
            abort();
        }
    }
    if (!r) {
        tern_io_value_t t = tern_io_value_bytes(bytes, total);
        back = reencode(&t, &buf, &dec2);
        if (back.u.view.len != size ||
            (size && memcmp(back.u.view.data, data, size))) {
            abort(); /* canonical base64: one spelling per byte string */
        }
        tern_io_dec_cleanup(&dec2);
    }
    free(bytes);
    const char *s;
    if (tern_io_value_get_string(&v, &s, &n) || n != size) {
        abort();
    }
    tern_io_dec_cleanup(&dec);

    tern_io_value_t opaque;
    if (tern_io_dec_init(&dec, TERN_IO_FMT_OPAQUE, &path, data, size) ||
        tern_io_dec_next(&dec, &got, &opaque) || opaque.u.view.len != size) {
        abort();
    }
    tern_io_dec_cleanup(&dec);
    tern_io_buf_release(&buf);
    return 0;
}
