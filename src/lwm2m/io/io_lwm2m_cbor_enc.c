/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <string.h>

#include "io_log.h"

/* Keys of one map are distinct 16-bit ids, so a map never has more pairs
 * than this and its head never needs more than three bytes. */
#define MAX_PAIRS UINT16_MAX

static int open_map(tern_io_lwm2m_cbor_enc_t *st, tern_io_buf_t *buf) {
    size_t pos;
    int result = tern_io_cbor_begin_reserved(buf, MAX_PAIRS, &pos);
    if (result) {
        return result;
    }
    st->map_pos[st->open_maps] = pos;
    st->map_pairs[st->open_maps] = 0;
    ++st->open_maps;
    return TERN_IO_OK;
}

static void close_map(tern_io_lwm2m_cbor_enc_t *st, tern_io_buf_t *buf) {
    --st->open_maps;
    tern_io_cbor_end_reserved(buf, st->map_pos[st->open_maps], MAX_PAIRS,
                              TERN_IO_CBOR_MAJOR_MAP,
                              st->map_pairs[st->open_maps]);
}

int tern_io_lwm2m_cbor_enc_init(tern_io_enc_t *enc) {
    memset(&enc->u.lcbor, 0, sizeof(enc->u.lcbor));
    return open_map(&enc->u.lcbor, enc->out);
}

static uint8_t common_prefix(const tern_io_path_t *a, const tern_io_path_t *b) {
    uint8_t n = 0;
    while (n < a->len && n < b->len && a->ids[n] == b->ids[n]) {
        ++n;
    }
    return n;
}

int tern_io_lwm2m_cbor_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                               const tern_io_value_t *value) {
    tern_io_lwm2m_cbor_enc_t *st = &enc->u.lcbor;
    tern_io_buf_t *buf = enc->out;
    bool is_null = value->type == TERN_IO_TYPE_NULL;
    if (path->len == 0 || (!is_null && path->len < 3) ||
        (is_null && path->len == TERN_IO_PATH_MAX_LEN)) {
        io_log(DEBUG, "LwM2M CBOR cannot place a %s value at path depth %u",
               tern_io_type_name(value->type), (unsigned) path->len);
        return TERN_IO_ERR_UNSUPPORTED;
    }
    int result = tern_io_path_order_check(&st->order, path);
    if (result) {
        io_log(DEBUG, "LwM2M CBOR entries must come in ascending path order");
        return result;
    }
    /* The map at level k is keyed by ids[k] and belongs to the first k ids
     * of the previous entry; keep it only while the new entry shares them.
     * Closing only shrinks the output, so it stays done even on failure. */
    uint8_t keep =
            st->order.has_last ? common_prefix(&st->order.last, path) : 0;
    if (keep > path->len - 1) {
        keep = (uint8_t) (path->len - 1);
    }
    while (st->open_maps > keep + 1) {
        close_map(st, buf);
    }

    tern_io_lwm2m_cbor_enc_t saved = *st;
    size_t mark = buf->len;
    while (st->open_maps < path->len) {
        uint8_t level = (uint8_t) (st->open_maps - 1);
        if ((result = tern_io_cbor_put_uint(buf, path->ids[level])) ||
            (result = open_map(st, buf))) {
            goto fail;
        }
        ++st->map_pairs[level];
    }
    if ((result = tern_io_cbor_put_uint(buf, path->ids[path->len - 1]))) {
        goto fail;
    }
    result = is_null ? tern_io_cbor_put_map(buf, 0)
                     : tern_io_cbor_put_value(buf, value);
    if (result) {
        goto fail;
    }
    ++st->map_pairs[path->len - 1];
    tern_io_path_order_update(&st->order, path, true);
    return TERN_IO_OK;

fail:
    *st = saved;
    buf->len = mark;
    tern_io_path_order_update(&st->order, path, false);
    return result;
}

int tern_io_lwm2m_cbor_enc_finish(tern_io_enc_t *enc) {
    while (enc->u.lcbor.open_maps) {
        close_map(&enc->u.lcbor, enc->out);
    }
    return TERN_IO_OK;
}
