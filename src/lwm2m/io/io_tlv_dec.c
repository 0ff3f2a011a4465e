/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <string.h>

#include "io_log.h"

int tern_io_tlv_dec_init(tern_io_dec_t *dec) {
    memset(&dec->u.tlv, 0, sizeof(dec->u.tlv));
    if (dec->req.len == 0) {
        io_log(DEBUG, "TLV cannot be decoded against the root path");
        return TERN_IO_ERR_UNSUPPORTED;
    }
    return TERN_IO_OK;
}

static int malformed(const char *why) {
    io_log(DEBUG, "TLV: %s", why);
    return TERN_IO_ERR_MALFORMED;
}

/* Path index that a TLV kind identifies. */
static uint8_t kind_index(uint8_t kind) {
    switch (kind) {
        case TERN_IO_TLV_INSTANCE:
            return TERN_IO_IID;
        case TERN_IO_TLV_RES_INSTANCE:
            return TERN_IO_RIID;
        default:
            return TERN_IO_RID;
    }
}

/* The path a top-level TLV of the given kind hangs from. A request on an
 * Object may carry Resources without an Object Instance around them (a
 * Create that leaves the choice of id to the client): their instance id is
 * then TERN_IO_ID_INVALID. */
static int top_parent(const tern_io_path_t *req, uint8_t index,
                      tern_io_path_t *out) {
    *out = *req;
    if (req->len >= index) {
        tern_io_path_truncate(out, index);
        return TERN_IO_OK;
    }
    if (req->len == 1 && index == TERN_IO_RID) {
        out->ids[TERN_IO_IID] = TERN_IO_ID_INVALID;
        out->len = 2;
        return TERN_IO_OK;
    }
    return malformed("TLV kind does not fit the request path");
}

static bool related(const tern_io_path_t *a, const tern_io_path_t *b) {
    return tern_io_path_is_prefix(a, b) || tern_io_path_is_prefix(b, a);
}

int tern_io_tlv_dec_next(tern_io_dec_t *dec, tern_io_path_t *out_path,
                         tern_io_value_t *out_value) {
    tern_io_tlv_dec_t *tlv = &dec->u.tlv;
    for (;;) {
        size_t limit = tlv->depth ? tlv->stack[tlv->depth - 1].end : dec->len;
        if (tlv->pos == limit) {
            if (tlv->depth == 0) {
                return TERN_IO_END;
            }
            tern_io_tlv_dec_frame_t *frame = &tlv->stack[--tlv->depth];
            if (tlv->depth) {
                tlv->stack[tlv->depth - 1].had_child = true;
            }
            if (!frame->had_child) {
                if (!tern_io_path_is_prefix(&dec->req, &frame->path)) {
                    io_log(DEBUG, "TLV: empty container outside the request");
                    return TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
                }
                *out_path = frame->path;
                *out_value = tern_io_value_null();
                return TERN_IO_OK;
            }
            continue;
        }

        const uint8_t *p = dec->data + tlv->pos;
        size_t avail = limit - tlv->pos;
        uint8_t type = p[0];
        size_t id_len = (type & 0x20) ? 2 : 1;
        size_t len_len = (type >> 3) & 0x03;
        size_t hdr_len = 1 + id_len + len_len;
        if (avail < hdr_len) {
            return malformed("truncated header");
        }
        uint16_t id = id_len == 2 ? (uint16_t) (p[1] << 8 | p[2]) : p[1];
        size_t value_len = 0;
        if (len_len == 0) {
            value_len = type & 0x07;
        } else {
            for (size_t i = 0; i < len_len; ++i) {
                value_len = (value_len << 8) | p[1 + id_len + i];
            }
        }
        if (value_len > avail - hdr_len) {
            return malformed("value runs past its container");
        }
        if (id == TERN_IO_ID_INVALID) {
            return malformed("identifier 65535");
        }

        uint8_t kind = type & 0xC0;
        uint8_t index = kind_index(kind);
        tern_io_path_t path;
        if (tlv->depth == 0) {
            int result = top_parent(&dec->req, index, &path);
            if (result) {
                return result;
            }
        } else {
            const tern_io_tlv_dec_frame_t *parent = &tlv->stack[tlv->depth - 1];
            if (parent->path.len != index) {
                return malformed("TLV kind not allowed in this container");
            }
            path = parent->path;
        }
        path.ids[path.len++] = id;

        bool container =
                kind == TERN_IO_TLV_INSTANCE || kind == TERN_IO_TLV_MULTI_RES;
        if (container ? !related(&path, &dec->req)
                      : !tern_io_path_is_prefix(&dec->req, &path)) {
            io_log(DEBUG, "TLV: entry outside the request path");
            return TERN_IO_ERR_PATH_OUTSIDE_REQUEST;
        }
        tlv->pos += hdr_len;
        if (container) {
            /* Index 1 or 2 and a parent of depth index - 1: at most two. */
            tern_io_tlv_dec_frame_t *frame = &tlv->stack[tlv->depth++];
            frame->end = tlv->pos + value_len;
            frame->path = path;
            frame->kind = kind;
            frame->had_child = false;
            continue;
        }
        if (tlv->depth) {
            tlv->stack[tlv->depth - 1].had_child = true;
        }
        *out_path = path;
        *out_value = tern_io_value_bytes(dec->data + tlv->pos, value_len);
        out_value->type = TERN_IO_TYPE_RAW_TLV;
        tlv->pos += value_len;
        return TERN_IO_OK;
    }
}
