/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoRE link-format parser. Accepted text is rebuilt link by link from the
 * parsed views and must parse to the same links; data-model links are also
 * re-encoded with the encoder and parsed again. */

#include <stdlib.h>
#include <string.h>

#include "lwm2m/io/io_link_format.h"

#define MAX_LINKS 512

static bool same(const tern_io_str_t *a, const tern_io_str_t *b) {
    return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

static size_t parse(const void *data, size_t size, tern_io_link_t *out,
                    int *status) {
    tern_io_link_parser_t parser;
    tern_io_link_parser_init(&parser, data, size);
    size_t n = 0;
    int r;
    while ((r = tern_io_link_next(&parser, &out[n < MAX_LINKS ? n : 0])) ==
           TERN_IO_OK) {
        const tern_io_link_t *link = &out[n < MAX_LINKS ? n : 0];
        tern_io_link_param_iter_t it;
        tern_io_str_t name, value;
        bool has_value, quoted;
        int pr;
        tern_io_link_params_begin(&it, link);
        while ((pr = tern_io_link_param_next(&it, &name, &value, &has_value,
                                             &quoted)) == TERN_IO_OK) {
            char buf[64];
            if (quoted) {
                (void) tern_io_link_unquote(&value, buf, sizeof(buf));
            }
        }
        if (pr != TERN_IO_END) {
            abort(); /* the parser already checked the parameters */
        }
        tern_io_path_t path;
        (void) tern_io_link_target_path(link, NULL, &path);
        (void) tern_io_link_target_path(link, "/lwm2m", &path);
        ++n;
    }
    *status = r;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static tern_io_link_t first[MAX_LINKS], second[MAX_LINKS];
    int status;
    size_t n = parse(data, size, first, &status);
    if (status != TERN_IO_END || n > MAX_LINKS) {
        return 0;
    }
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, size + 1);
    for (size_t i = 0; i < n; ++i) {
        if ((i && tern_io_buf_putc(&buf, ',')) || tern_io_buf_putc(&buf, '<') ||
            tern_io_buf_append(&buf, first[i].target.data,
                               first[i].target.len) ||
            tern_io_buf_putc(&buf, '>') ||
            tern_io_buf_append(&buf, first[i].params.data,
                               first[i].params.len)) {
            abort();
        }
    }
    if (buf.len != size || (size && memcmp(buf.data, data, size))) {
        abort(); /* views must cover the text exactly */
    }
    size_t n2 = parse(buf.data, buf.len, second, &status);
    if (status != TERN_IO_END || n2 != n) {
        abort();
    }
    for (size_t i = 0; i < n; ++i) {
        if (!same(&first[i].target, &second[i].target) ||
            !same(&first[i].params, &second[i].params)) {
            abort();
        }
    }

    /* Links whose targets are paths, without parameters, through the
     * encoder. */
    tern_io_buf_t enc_buf;
    tern_io_buf_init_growable(&enc_buf, 32 * n + 32);
    tern_io_link_enc_t enc;
    tern_io_link_enc_init(&enc, &enc_buf, NULL);
    size_t encoded = 0;
    tern_io_path_t paths[MAX_LINKS];
    for (size_t i = 0; i < n; ++i) {
        if (!tern_io_link_target_path(&first[i], NULL, &paths[encoded])) {
            if (tern_io_link_enc_add(&enc, &paths[encoded], NULL)) {
                abort();
            }
            ++encoded;
        }
    }
    size_t n3 = parse(enc_buf.data, enc_buf.len, second, &status);
    if (status != TERN_IO_END || n3 != encoded) {
        abort();
    }
    for (size_t i = 0; i < encoded; ++i) {
        tern_io_path_t back;
        if (tern_io_link_target_path(&second[i], NULL, &back) ||
            !tern_io_path_equal(&back, &paths[i])) {
            abort();
        }
    }
    tern_io_buf_release(&enc_buf);
    tern_io_buf_release(&buf);
    return 0;
}
