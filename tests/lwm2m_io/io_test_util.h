/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Utilities shared by the codec tests: byte comparison with a readable diff,
 * and one-call encode / decode of an entry list. */
#ifndef TERN_TEST_LWM2M_IO_UTIL_H
#define TERN_TEST_LWM2M_IO_UTIL_H

#include <math.h>

#include "lwm2m/io/io.h"
#include "tern_test.h"

typedef struct {
    tern_io_path_t path;
    tern_io_value_t value;
} entry_t;

static inline void print_hex__(const char *label, const void *data,
                               size_t len) {
    fprintf(stderr, "    %s (%zu):", label, len);
    for (size_t i = 0; i < len; ++i) {
        fprintf(stderr, " %02X", ((const uint8_t *) data)[i]);
    }
    fputc('\n', stderr);
}

/** Compares a byte range with an expected one; prints both on mismatch. */
#define TT_BYTES(actual, actual_len, expected, expected_len)                   \
    do {                                                                       \
        size_t tt_al__ = (actual_len), tt_el__ = (expected_len);               \
        if (tt_al__ != tt_el__ ||                                              \
            (tt_el__ && memcmp((actual), (expected), tt_el__) != 0)) {         \
            print_hex__("actual", (actual), tt_al__);                          \
            print_hex__("expected", (expected), tt_el__);                      \
            TT_FAIL_AT__("bytes differ: %s", #actual);                         \
        }                                                                      \
    } while (0)

/** Compares output with a C string literal (without its NUL). */
#define TT_TEXT(actual, actual_len, literal)                                   \
    TT_BYTES(actual, actual_len, literal, sizeof(literal) - 1)

/** Encodes @p count entries into a growable buffer; returns the status of
 *  the first failing call (or OK). */
static inline int encode_all(uint16_t format, const tern_io_path_t *base,
                             const entry_t *entries, size_t count,
                             tern_io_buf_t *out, size_t *out_len) {
    tern_io_enc_t enc;
    int r = tern_io_enc_init(&enc, format, base, out);
    for (size_t i = 0; !r && i < count; ++i) {
        r = tern_io_enc_add(&enc, &entries[i].path, &entries[i].value);
    }
    if (!r) {
        r = tern_io_enc_finish(&enc, out_len);
    }
    return r;
}

/* Decoded views may live in the decoder's scratch, which the next call
 * reuses; decode_all() keeps copies here. */
static uint8_t tt_pool__[1 << 20];
static size_t tt_pool_used__;

static inline void keep_copy__(tern_io_value_t *v) {
    if (v->type != TERN_IO_TYPE_STRING && v->type != TERN_IO_TYPE_BYTES &&
        v->type != TERN_IO_TYPE_RAW_TEXT && v->type != TERN_IO_TYPE_RAW_TLV) {
        return;
    }
    size_t len = v->u.view.len;
    if (len > sizeof(tt_pool__) - tt_pool_used__) {
        abort();
    }
    if (len) {
        memcpy(tt_pool__ + tt_pool_used__, v->u.view.data, len);
    }
    v->u.view.data = tt_pool__ + tt_pool_used__;
    tt_pool_used__ += len;
}

/** Decodes into @p out (up to @p max entries, with copies of their views);
 *  returns TERN_IO_END or the first error, with the number decoded in
 *  @p out_count. */
static inline int decode_all(uint16_t format, const tern_io_path_t *req,
                             const void *data, size_t len, entry_t *out,
                             size_t max, size_t *out_count) {
    tern_io_dec_t dec_storage;
    tern_io_dec_t *dec = &dec_storage;
    int r = tern_io_dec_init(dec, format, req, data, len);
    *out_count = 0;
    tt_pool_used__ = 0;
    while (!r) {
        tern_io_path_t p;
        tern_io_value_t v;
        r = tern_io_dec_next(dec, &p, &v);
        if (!r) {
            if (*out_count < max) {
                keep_copy__(&v);
                out[*out_count].path = p;
                out[*out_count].value = v;
            }
            ++*out_count;
        }
    }
    tern_io_dec_cleanup(dec);
    return r;
}

/**
 * Encodes @p entries into fixed buffers of every size up to the full
 * payload plus TERN_IO_ENC_SLACK: a failing add must be BUFFER_TOO_SMALL and
 * leave the output no longer than before, finish() must then succeed, and
 * the result must decode to exactly the entries accepted.
 */
static inline void check_truncation(uint16_t format, const tern_io_path_t *base,
                                    const entry_t *entries, size_t count) {
    tern_io_buf_t grow;
    size_t full_len;
    tern_io_buf_init_growable(&grow, 1 << 16);
    TT_EQ(encode_all(format, base, entries, count, &grow, &full_len),
          TERN_IO_OK);
    for (size_t size = 0; size <= full_len + TERN_IO_ENC_SLACK; ++size) {
        uint8_t *mem = (uint8_t *) malloc(size ? size : 1);
        TT_CHECK(mem);
        tern_io_buf_t buf;
        tern_io_buf_init_fixed(&buf, mem, size);
        tern_io_enc_t enc;
        int r = tern_io_enc_init(&enc, format, base, &buf);
        if (r) {
            free(mem);
            TT_EQ(r, TERN_IO_ERR_BUFFER_TOO_SMALL);
            continue;
        }
        size_t added = 0;
        for (; added < count; ++added) {
            size_t before = buf.len;
            r = tern_io_enc_add(&enc, &entries[added].path,
                                &entries[added].value);
            if (r) {
                if (r != TERN_IO_ERR_BUFFER_TOO_SMALL || buf.len > before) {
                    free(mem);
                    TT_FAIL_AT__("size %zu: add gave %d", size, r);
                }
                break;
            }
        }
        size_t len;
        r = tern_io_enc_finish(&enc, &len);
        if (r) {
            free(mem);
            TT_FAIL_AT__("size %zu: finish gave %d", size, r);
        }
        if (size >= full_len + TERN_IO_ENC_SLACK &&
            (added != count || len != full_len ||
             memcmp(mem, grow.data, len) != 0)) {
            free(mem);
            TT_FAIL_AT__("size %zu: output differs from the unbounded one",
                         size);
        }
        entry_t out[64];
        size_t got;
        r = decode_all(format, base, mem, len, out, 64, &got);
        free(mem);
        if (r != TERN_IO_END || got != added) {
            TT_FAIL_AT__("size %zu: decode gave %d with %zu of %zu entries",
                         size, r, got, added);
        }
    }
    tern_io_buf_release(&grow);
}

static inline bool path_is(const tern_io_path_t *p, int len, int a, int b,
                           int c, int d) {
    int ids[4] = {a, b, c, d};
    if (p->len != len) {
        return false;
    }
    for (int i = 0; i < len; ++i) {
        if (p->ids[i] != ids[i]) {
            return false;
        }
    }
    return true;
}

#endif /* TERN_TEST_LWM2M_IO_UTIL_H */
