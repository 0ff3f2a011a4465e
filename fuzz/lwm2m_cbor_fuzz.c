/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Generic CBOR reader, plus the two LwM2M decoders built on it (LwM2M CBOR
 * and single-value application/cbor). The item stream is written back with
 * the encoder primitives (containers as indefinite-length) and must read
 * back as the same items; LwM2M CBOR entries are re-encoded and compared. */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io.h"

#define MAX_ITEMS 4096
#define MAX_ENTRIES 256

static size_t read_items(const uint8_t *data, size_t size,
                         tern_io_arena_t *arena, tern_io_cbor_item_t *out,
                         int *status) {
    tern_io_cbor_reader_t reader;
    tern_io_cbor_reader_init(&reader, data, size, arena);
    size_t n = 0;
    int r;
    for (;;) {
        tern_io_cbor_item_t item;
        r = tern_io_cbor_next(&reader, &item);
        if (r) {
            break;
        }
        if (n < MAX_ITEMS) {
            out[n] = item;
        }
        ++n;
    }
    *status = r;
    return n;
}

static int write_item(tern_io_buf_t *buf, const tern_io_cbor_item_t *item) {
    switch (item->kind) {
        case TERN_IO_CBOR_UINT:
            return tern_io_cbor_put_uint(buf, item->u);
        case TERN_IO_CBOR_NEGINT:
            return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_NEGINT,
                                         item->u);
        case TERN_IO_CBOR_BYTES:
            return tern_io_cbor_put_bytes(buf, item->data, item->len);
        case TERN_IO_CBOR_TEXT:
            return tern_io_cbor_put_text(buf, item->data, item->len);
        case TERN_IO_CBOR_ARRAY:
            return tern_io_buf_putc(buf, 0x9F);
        case TERN_IO_CBOR_MAP:
            return tern_io_buf_putc(buf, 0xBF);
        case TERN_IO_CBOR_END:
            return tern_io_buf_putc(buf, 0xFF);
        case TERN_IO_CBOR_TAG:
            return tern_io_cbor_put_tag(buf, item->u);
        case TERN_IO_CBOR_BOOL:
            return tern_io_cbor_put_bool(buf, item->b);
        case TERN_IO_CBOR_NULL:
            return tern_io_cbor_put_null(buf);
        case TERN_IO_CBOR_UNDEFINED:
            return tern_io_buf_putc(buf, 0xF7);
        case TERN_IO_CBOR_SIMPLE:
            return tern_io_cbor_put_head(buf, TERN_IO_CBOR_MAJOR_SIMPLE,
                                         item->u);
        case TERN_IO_CBOR_FLOAT:
            return tern_io_cbor_put_double(buf, item->d);
    }
    return -1;
}

static bool same_item(const tern_io_cbor_item_t *a,
                      const tern_io_cbor_item_t *b) {
    if (a->kind != b->kind) {
        return false;
    }
    switch (a->kind) {
        case TERN_IO_CBOR_UINT:
        case TERN_IO_CBOR_NEGINT:
        case TERN_IO_CBOR_TAG:
        case TERN_IO_CBOR_SIMPLE:
            return a->u == b->u;
        case TERN_IO_CBOR_BYTES:
        case TERN_IO_CBOR_TEXT:
            return a->len == b->len &&
                   (!a->len || !memcmp(a->data, b->data, a->len));
        case TERN_IO_CBOR_BOOL:
            return a->b == b->b;
        case TERN_IO_CBOR_FLOAT:
            return isnan(a->d)
                           ? isnan(b->d)
                           : (a->d == b->d && signbit(a->d) == signbit(b->d));
        default:
            return true;
    }
}

static void check_items(const uint8_t *data, size_t size) {
    static tern_io_cbor_item_t first[MAX_ITEMS], second[MAX_ITEMS];
    tern_io_arena_t arena1, arena2;
    tern_io_arena_init(&arena1, size + 1);
    int status;
    size_t n = read_items(data, size, &arena1, first, &status);
    if (status == TERN_IO_END && n <= MAX_ITEMS) {
        tern_io_buf_t buf;
        tern_io_buf_init_growable(&buf, 4 * size + 64);
        int r = 0;
        for (size_t i = 0; !r && i < n; ++i) {
            r = write_item(&buf, &first[i]);
        }
        if (r) {
            abort();
        }
        tern_io_arena_init(&arena2, buf.len + 1);
        size_t n2 = read_items(buf.data, buf.len, &arena2, second, &status);
        if (status != TERN_IO_END || n2 != n) {
            abort();
        }
        for (size_t i = 0; i < n; ++i) {
            if (!same_item(&first[i], &second[i])) {
                abort();
            }
        }
        tern_io_arena_free(&arena2);
        tern_io_buf_release(&buf);
    }
    tern_io_arena_free(&arena1);
}

typedef struct {
    tern_io_path_t path;
    tern_io_value_t value;
} entry_t;

static size_t decode_lwm2m(const uint8_t *data, size_t size, entry_t *out,
                           uint8_t *store, int *status) {
    tern_io_path_t root = tern_io_path_root();
    tern_io_dec_t dec;
    size_t n = 0, used = 0;
    int r = tern_io_dec_init(&dec, TERN_IO_FMT_LWM2M_CBOR, &root, data, size);
    while (!r) {
        tern_io_path_t path;
        tern_io_value_t value;
        if ((r = tern_io_dec_next(&dec, &path, &value))) {
            break;
        }
        if (n < MAX_ENTRIES) {
            if (value.type == TERN_IO_TYPE_STRING ||
                value.type == TERN_IO_TYPE_BYTES) {
                if (value.u.view.len) {
                    memcpy(store + used, value.u.view.data, value.u.view.len);
                }
                value.u.view.data = store + used;
                used += value.u.view.len;
            }
            out[n].path = path;
            out[n].value = value;
        }
        ++n;
    }
    tern_io_dec_cleanup(&dec);
    *status = r;
    return n;
}

static bool same_value(const tern_io_value_t *a, const tern_io_value_t *b) {
    bool a_int = a->type == TERN_IO_TYPE_INT || a->type == TERN_IO_TYPE_TIME;
    bool b_int = b->type == TERN_IO_TYPE_INT || b->type == TERN_IO_TYPE_TIME;
    if (a_int || b_int) {
        return a_int && b_int && a->u.i == b->u.i;
    }
    if (a->type != b->type) {
        return false;
    }
    switch (a->type) {
        case TERN_IO_TYPE_UINT:
            return a->u.u == b->u.u;
        case TERN_IO_TYPE_DOUBLE:
            return isnan(a->u.d) ? isnan(b->u.d)
                                 : (a->u.d == b->u.d &&
                                    signbit(a->u.d) == signbit(b->u.d));
        case TERN_IO_TYPE_BOOL:
            return a->u.b == b->u.b;
        case TERN_IO_TYPE_STRING:
        case TERN_IO_TYPE_BYTES:
            return a->u.view.len == b->u.view.len &&
                   (!a->u.view.len ||
                    !memcmp(a->u.view.data, b->u.view.data, a->u.view.len));
        default:
            return true;
    }
}

static void check_lwm2m(const uint8_t *data, size_t size) {
    static entry_t first[MAX_ENTRIES], second[MAX_ENTRIES];
    uint8_t *store1 = (uint8_t *) malloc(size + 1);
    uint8_t *store2 = NULL;
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 8 * size + 256);
    int status;
    size_t n = decode_lwm2m(data, size, first, store1, &status);
    if (status != TERN_IO_END || n > MAX_ENTRIES) {
        goto done;
    }
    tern_io_path_t root = tern_io_path_root();
    tern_io_enc_t enc;
    int r = tern_io_enc_init(&enc, TERN_IO_FMT_LWM2M_CBOR, &root, &buf);
    for (size_t i = 0; !r && i < n; ++i) {
        r = tern_io_enc_add(&enc, &first[i].path, &first[i].value);
    }
    size_t len;
    if (r || tern_io_enc_finish(&enc, &len)) {
        goto done;
    }
    store2 = (uint8_t *) malloc(len + 1);
    size_t n2 = decode_lwm2m(buf.data, len, second, store2, &status);
    if (status != TERN_IO_END || n2 != n) {
        abort();
    }
    for (size_t i = 0; i < n; ++i) {
        if (!tern_io_path_equal(&first[i].path, &second[i].path) ||
            !same_value(&first[i].value, &second[i].value)) {
            abort();
        }
    }
done:
    tern_io_buf_release(&buf);
    free(store1);
    free(store2);
}

static void check_single(const uint8_t *data, size_t size) {
    tern_io_path_t req = tern_io_path_resource(3, 0, 1);
    tern_io_dec_t dec;
    tern_io_path_t path;
    tern_io_value_t value;
    if (!tern_io_dec_init(&dec, TERN_IO_FMT_CBOR, &req, data, size) &&
        !tern_io_dec_next(&dec, &path, &value)) {
        double d;
        int64_t i;
        tern_io_objlnk_t o;
        (void) tern_io_value_get_double(&value, &d);
        (void) tern_io_value_get_int(&value, &i);
        (void) tern_io_value_get_objlnk(&value, &o);
        if (tern_io_dec_next(&dec, &path, &value) != TERN_IO_END) {
            abort();
        }
    }
    tern_io_dec_cleanup(&dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    check_items(data, size);
    check_lwm2m(data, size);
    check_single(data, size);
    return 0;
}
