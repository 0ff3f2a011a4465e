/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <string.h>

#include "io_log.h"

static int malformed(const char *why) {
    io_log(DEBUG, "LwM2M CBOR: %s", why);
    return TERN_IO_ERR_MALFORMED;
}

static int next_item(tern_io_cbor_reader_t *reader, tern_io_cbor_item_t *out) {
    int result = tern_io_cbor_next(reader, out);
    return result == TERN_IO_END ? TERN_IO_ERR_MALFORMED : result;
}

static int append_id(tern_io_path_t *path, const tern_io_cbor_item_t *item) {
    if (item->kind != TERN_IO_CBOR_UINT || item->u >= TERN_IO_ID_INVALID) {
        return malformed("key is not a valid id");
    }
    if (path->len >= TERN_IO_PATH_MAX_LEN) {
        return malformed("path deeper than four ids");
    }
    path->ids[path->len++] = (uint16_t) item->u;
    return TERN_IO_OK;
}

/* A key is one id or an array of at least one id. */
static int read_key(tern_io_cbor_reader_t *reader,
                    const tern_io_cbor_item_t *key, tern_io_path_t *path) {
    if (key->kind != TERN_IO_CBOR_ARRAY) {
        return append_id(path, key);
    }
    size_t count = 0;
    for (;;) {
        tern_io_cbor_item_t item;
        int result = next_item(reader, &item);
        if (result) {
            return result;
        }
        if (item.kind == TERN_IO_CBOR_END) {
            return count ? TERN_IO_OK : malformed("empty key array");
        }
        if ((result = append_id(path, &item))) {
            return result;
        }
        ++count;
    }
}

static int emit(tern_io_dec_t *dec, const tern_io_path_t *path,
                const tern_io_value_t *value, tern_io_path_t *out_path,
                tern_io_value_t *out_value) {
    if (value->type != TERN_IO_TYPE_NULL && path->len < 3) {
        return malformed("value on a path above Resource level");
    }
    if (value->type == TERN_IO_TYPE_NULL && path->len == 4) {
        return malformed("null for a Resource Instance");
    }
    if (!tern_io_path_is_prefix(&dec->req, path)) {
        io_log(DEBUG, "LwM2M CBOR: entry outside the request path");
        return TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
    }
    *out_path = *path;
    *out_value = *value;
    return TERN_IO_OK;
}

int tern_io_lwm2m_cbor_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                                tern_io_value_t *out_value) {
    tern_io_lwm2m_cbor_dec_t *st = &dec->u.lcbor;
    tern_io_cbor_item_t item;
    int result;
    if (!st->started) {
        st->started = true;
        if ((result = next_item(&st->cbor, &item))) {
            return result;
        }
        if (item.kind != TERN_IO_CBOR_MAP) {
            return malformed("payload is not a map");
        }
        st->levels[0].base_len = 0;
        st->levels[0].expect_key = true;
        st->levels[0].had_child = false;
        st->depth = 1;
    }
    for (;;) {
        if (st->depth == 0) {
            result = tern_io_cbor_next(&st->cbor, &item);
            return result == TERN_IO_END
                           ? TERN_IO_END
                           : (result ? result : TERN_IO_ERR_MALFORMED);
        }
        if ((result = next_item(&st->cbor, &item))) {
            return result;
        }
        tern_io_lwm2m_cbor_level_t *level = &st->levels[st->depth - 1];
        if (item.kind == TERN_IO_CBOR_END) {
            /* The reader has checked that no key is left without a value. */
            --st->depth;
            bool empty = !level->had_child;
            tern_io_path_t path = st->cur;
            tern_io_path_truncate(&st->cur, level->base_len);
            if (st->depth > 0) {
                tern_io_lwm2m_cbor_level_t *parent = &st->levels[st->depth - 1];
                tern_io_path_truncate(&st->cur, parent->base_len);
                parent->expect_key = true;
                if (empty) {
                    tern_io_value_t null_value = tern_io_value_null();
                    return emit(dec, &path, &null_value, out_path, out_value);
                }
            }
            continue;
        }
        if (level->expect_key) {
            if ((result = read_key(&st->cbor, &item, &st->cur))) {
                return result;
            }
            level->expect_key = false;
            level->had_child = true;
            continue;
        }
        if (item.kind == TERN_IO_CBOR_MAP) {
            if (st->depth >= TERN_IO_LCBOR_MAX_MAPS ||
                st->cur.len >= TERN_IO_PATH_MAX_LEN) {
                return malformed("maps nested deeper than a path");
            }
            tern_io_lwm2m_cbor_level_t *child = &st->levels[st->depth++];
            child->base_len = st->cur.len;
            child->expect_key = true;
            child->had_child = false;
            continue;
        }
        tern_io_value_t value;
        if ((result = tern_io_cbor_read_value(&st->cbor, &item, &value))) {
            return result;
        }
        tern_io_path_t path = st->cur;
        tern_io_path_truncate(&st->cur, level->base_len);
        level->expect_key = true;
        return emit(dec, &path, &value, out_path, out_value);
    }
}
