/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The SenML round-trip fuzz target, shared by the JSON and CBOR variants:
 * decode against the root path (composite operations, Send), encode the
 * entries again with their timestamps and absolute names, and require the
 * same paths and values back. The including file defines FMT. */
#ifndef TERN_FUZZ_LWM2M_SENML_BODY_H
#define TERN_FUZZ_LWM2M_SENML_BODY_H

#ifndef FMT
#    error "define FMT (the SenML content format) before including this file"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io.h"

#define MAX_ENTRIES 256

typedef struct {
    tern_io_path_t path;
    tern_io_value_t value;
    double time;
} entry_t;

typedef struct {
    uint8_t *data;
    size_t used;
    size_t cap;
} store_t;

/* Decoded views die at the next call; keep copies. */
static void keep(store_t *store, tern_io_value_t *v) {
    if (v->type != TERN_IO_TYPE_STRING && v->type != TERN_IO_TYPE_BYTES) {
        return;
    }
    if (v->u.view.len > store->cap - store->used) {
        abort();
    }
    if (v->u.view.len) {
        memcpy(store->data + store->used, v->u.view.data, v->u.view.len);
    }
    v->u.view.data = store->data + store->used;
    store->used += v->u.view.len;
}

static size_t decode(const uint8_t *data, size_t size, entry_t *out,
                     store_t *store, int *status) {
    tern_io_path_t root = tern_io_path_root();
    tern_io_dec_t dec;
    size_t n = 0;
    int r = tern_io_dec_init(&dec, FMT, &root, data, size);
    while (!r) {
        tern_io_path_t path;
        tern_io_value_t value;
        r = tern_io_dec_next(&dec, &path, &value);
        if (r) {
            break;
        }
        if (!tern_io_path_is_valid(&path) ||
            (value.type != TERN_IO_TYPE_NULL && path.len < 3)) {
            abort();
        }
        if (n < MAX_ENTRIES) {
            keep(store, &value);
            out[n].path = path;
            out[n].value = value;
            out[n].time = tern_io_dec_time(&dec);
        }
        ++n;
    }
    tern_io_dec_cleanup(&dec);
    *status = r;
    return n;
}

static bool same_value(const tern_io_value_t *a, const tern_io_value_t *b) {
    if (a->type == TERN_IO_TYPE_DOUBLE || b->type == TERN_IO_TYPE_DOUBLE) {
        /* A whole double may come back as an integer. */
        double x, y;
        if (tern_io_value_get_double(a, &x) ||
            tern_io_value_get_double(b, &y)) {
            return false;
        }
        return isnan(x) ? isnan(y) : (x == y && signbit(x) == signbit(y));
    }
    bool a_int = a->type == TERN_IO_TYPE_INT || a->type == TERN_IO_TYPE_TIME;
    bool b_int = b->type == TERN_IO_TYPE_INT || b->type == TERN_IO_TYPE_TIME;
    if (a_int || b_int) {
        /* CBOR tag 1 marks a time; it is written back as a plain integer. */
        return a_int && b_int && a->u.i == b->u.i;
    }
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
        case TERN_IO_TYPE_NULL:
            return true;
        case TERN_IO_TYPE_UINT:
            return a->u.u == b->u.u;
        case TERN_IO_TYPE_BOOL:
            return a->u.b == b->u.b;
        case TERN_IO_TYPE_OBJLNK:
            return a->u.objlnk.oid == b->u.objlnk.oid &&
                   a->u.objlnk.iid == b->u.objlnk.iid;
        case TERN_IO_TYPE_STRING:
        case TERN_IO_TYPE_BYTES:
            return a->u.view.len == b->u.view.len &&
                   (!a->u.view.len ||
                    !memcmp(a->u.view.data, b->u.view.data, a->u.view.len));
        default:
            return false;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static entry_t first[MAX_ENTRIES], second[MAX_ENTRIES];
    store_t store1 = {(uint8_t *) malloc(2 * size + 1), 0, 2 * size + 1};
    store_t store2 = {(uint8_t *) malloc(2 * size + 1), 0, 2 * size + 1};
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 16 * size + 1024);
    int status;
    size_t n = decode(data, size, first, &store1, &status);
    if (status != TERN_IO_END || n > MAX_ENTRIES) {
        goto done;
    }
    tern_io_path_t root = tern_io_path_root();
    tern_io_enc_t enc;
    int r = tern_io_enc_init(&enc, FMT, &root, &buf);
    for (size_t i = 0; !r && i < n; ++i) {
        r = tern_io_enc_add_timed(&enc, &first[i].path, &first[i].value,
                                  first[i].time);
    }
    size_t len;
    if (r || tern_io_enc_finish(&enc, &len)) {
        goto done;
    }
    store2.cap = 2 * len + 1;
    free(store2.data);
    store2.data = (uint8_t *) malloc(store2.cap);
    size_t n2 = decode(buf.data, len, second, &store2, &status);
    if (status != TERN_IO_END || n2 != n) {
        abort();
    }
    for (size_t i = 0; i < n; ++i) {
        if (!tern_io_path_equal(&first[i].path, &second[i].path) ||
            !same_value(&first[i].value, &second[i].value) ||
            (isnan(first[i].time) != isnan(second[i].time)) ||
            (!isnan(first[i].time) && first[i].time != second[i].time)) {
            abort();
        }
    }
done:
    tern_io_buf_release(&buf);
    free(store1.data);
    free(store2.data);
    return 0;
}

#endif /* TERN_FUZZ_LWM2M_SENML_BODY_H */
