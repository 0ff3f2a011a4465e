/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* TLV decoder. The first byte picks the request path; the rest is the
 * payload. Every entry is read through all accessors; if the entries can be
 * encoded again (ascending, valid paths), the re-encoded payload must decode
 * to the same entries. */

#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io.h"

#define MAX_ENTRIES 512

typedef struct {
    tern_io_path_t path;
    tern_io_value_t value;
} entry_t;

static void exercise(const tern_io_value_t *v) {
    int64_t i;
    uint64_t u;
    double d;
    bool b;
    tern_io_objlnk_t o;
    const char *s;
    const void *p;
    size_t len;
    (void) tern_io_value_get_int(v, &i);
    (void) tern_io_value_get_uint(v, &u);
    (void) tern_io_value_get_double(v, &d);
    (void) tern_io_value_get_bool(v, &b);
    (void) tern_io_value_get_objlnk(v, &o);
    (void) tern_io_value_get_string(v, &s, &len);
    (void) tern_io_value_get_bytes(v, &p, &len);
}

static tern_io_path_t request_path(uint8_t selector) {
    switch (selector % 5) {
        case 0:
            return tern_io_path_object(3);
        case 1:
            return tern_io_path_instance(3, 0);
        case 2:
            return tern_io_path_resource(3, 0, 6);
        case 3:
            return tern_io_path_resource_instance(3, 0, 6, 1);
        default:
            return tern_io_path_instance(65534, 65534);
    }
}

static size_t decode(const tern_io_path_t *req, const uint8_t *data,
                     size_t size, entry_t *out, int *status) {
    tern_io_dec_t dec;
    size_t n = 0;
    int r = tern_io_dec_init(&dec, TERN_IO_FMT_TLV, req, data, size);
    while (!r) {
        tern_io_path_t path;
        tern_io_value_t value;
        r = tern_io_dec_next(&dec, &path, &value);
        if (r) {
            break;
        }
        if (value.type != TERN_IO_TYPE_NULL &&
            value.type != TERN_IO_TYPE_RAW_TLV) {
            abort();
        }
        if (!tern_io_path_is_prefix(req, &path)) {
            abort();
        }
        exercise(&value);
        if (n < MAX_ENTRIES) {
            out[n].path = path;
            out[n].value = value; /* TLV views point into the input */
        }
        ++n;
    }
    tern_io_dec_cleanup(&dec);
    *status = r;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static entry_t first[MAX_ENTRIES], second[MAX_ENTRIES];
    if (size < 1) {
        return 0;
    }
    tern_io_path_t req = request_path(data[0]);
    int status;
    size_t n = decode(&req, data + 1, size - 1, first, &status);
    if (status != TERN_IO_END || n > MAX_ENTRIES) {
        return 0;
    }

    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 2 * size + 64);
    tern_io_enc_t enc;
    int r = tern_io_enc_init(&enc, TERN_IO_FMT_TLV, &req, &buf);
    for (size_t i = 0; !r && i < n; ++i) {
        tern_io_value_t v = first[i].value;
        if (v.type == TERN_IO_TYPE_RAW_TLV) {
            v.type = TERN_IO_TYPE_BYTES;
        }
        r = tern_io_enc_add(&enc, &first[i].path, &v);
    }
    size_t len;
    if (!r && !(r = tern_io_enc_finish(&enc, &len))) {
        int status2;
        size_t n2 = decode(&req, buf.data, len, second, &status2);
        if (status2 != TERN_IO_END || n2 != n) {
            abort();
        }
        for (size_t i = 0; i < n; ++i) {
            if (!tern_io_path_equal(&first[i].path, &second[i].path) ||
                first[i].value.type != second[i].value.type ||
                (first[i].value.type == TERN_IO_TYPE_RAW_TLV &&
                 (first[i].value.u.view.len != second[i].value.u.view.len ||
                  memcmp(first[i].value.u.view.data,
                         second[i].value.u.view.data,
                         first[i].value.u.view.len)))) {
                abort();
            }
        }
    }
    tern_io_buf_release(&buf);
    return 0;
}
