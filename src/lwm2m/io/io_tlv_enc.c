/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "io.h"

#include <string.h>

#include "io_log.h"

/* Type byte + 16-bit id + 24-bit length: the most any header takes. */
#define MAX_HEADER 6

static size_t header(uint8_t out[MAX_HEADER], uint8_t kind, uint16_t id,
                     size_t len) {
    size_t n = 1;
    uint8_t type = kind;
    if (id > UINT8_MAX) {
        type |= 0x20;
        out[n++] = (uint8_t) (id >> 8);
    }
    out[n++] = (uint8_t) id;
    if (len < 8) {
        type |= (uint8_t) len;
    } else if (len <= UINT8_MAX) {
        type |= 0x08;
        out[n++] = (uint8_t) len;
    } else if (len <= UINT16_MAX) {
        type |= 0x10;
        out[n++] = (uint8_t) (len >> 8);
        out[n++] = (uint8_t) len;
    } else {
        type |= 0x18;
        out[n++] = (uint8_t) (len >> 16);
        out[n++] = (uint8_t) (len >> 8);
        out[n++] = (uint8_t) len;
    }
    out[0] = type;
    return n;
}

/* The top-level TLVs of a payload identify this path index. */
static uint8_t top_index(const tern_io_path_t *base) {
    return base->len == 3 ? TERN_IO_RID : base->len;
}

int tern_io_tlv_enc_init(tern_io_enc_t *enc) {
    if (enc->base.len == 0) {
        io_log(DEBUG, "TLV cannot encode from the root path");
        return TERN_IO_ERR_UNSUPPORTED;
    }
    memset(&enc->u.tlv, 0, sizeof(enc->u.tlv));
    enc->u.tlv.top = top_index(&enc->base);
    return TERN_IO_OK;
}

static void open_frame(tern_io_buf_t *buf, tern_io_tlv_enc_frame_t *frame,
                       const tern_io_path_t *path, uint8_t len) {
    frame->pos = buf->len;
    frame->path = *path;
    tern_io_path_truncate(&frame->path, len);
    frame->open = true;
    memset(buf->data + buf->len, 0, MAX_HEADER);
    buf->len += MAX_HEADER;
}

static void close_frame(tern_io_buf_t *buf, tern_io_tlv_enc_frame_t *frame,
                        uint8_t kind) {
    if (!frame->open) {
        return;
    }
    size_t content = buf->len - frame->pos - MAX_HEADER;
    uint8_t hdr[MAX_HEADER];
    size_t used =
            header(hdr, kind, frame->path.ids[frame->path.len - 1], content);
    memcpy(buf->data + frame->pos, hdr, used);
    tern_io_buf_collapse(buf, frame->pos, MAX_HEADER, used);
    frame->open = false;
}

static bool frame_too_big(const tern_io_buf_t *buf,
                          const tern_io_tlv_enc_frame_t *frame) {
    return frame->open &&
           buf->len - frame->pos - MAX_HEADER > TERN_IO_TLV_MAX_LEN;
}

static void put_be(uint8_t *out, uint64_t value, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        out[i] = (uint8_t) (value >> (8 * (len - 1 - i)));
    }
}

/* Smallest of 1, 2, 4, 8 bytes that holds @p value as two's complement. */
static size_t signed_width(int64_t value) {
    if (value >= INT8_MIN && value <= INT8_MAX) {
        return 1;
    } else if (value >= INT16_MIN && value <= INT16_MAX) {
        return 2;
    } else if (value >= INT32_MIN && value <= INT32_MAX) {
        return 4;
    }
    return 8;
}

static int value_bytes(const tern_io_value_t *value, uint8_t tmp[8],
                       const void **out, size_t *out_len) {
    *out = tmp;
    switch (value->type) {
        case TERN_IO_TYPE_STRING:
        case TERN_IO_TYPE_BYTES:
            *out = value->u.view.data;
            *out_len = value->u.view.len;
            return TERN_IO_OK;
        case TERN_IO_TYPE_INT:
        case TERN_IO_TYPE_TIME:
            *out_len = signed_width(value->u.i);
            put_be(tmp, (uint64_t) value->u.i, *out_len);
            return TERN_IO_OK;
        case TERN_IO_TYPE_UINT:
            /* Values a signed reader would misread need the full width. */
            *out_len = value->u.u > (uint64_t) INT64_MAX
                               ? 8
                               : signed_width((int64_t) value->u.u);
            put_be(tmp, value->u.u, *out_len);
            return TERN_IO_OK;
        case TERN_IO_TYPE_DOUBLE: {
            float f = (float) value->u.d;
            if ((double) f == value->u.d || value->u.d != value->u.d) {
                uint32_t bits;
                memcpy(&bits, &f, sizeof(bits));
                put_be(tmp, bits, 4);
                *out_len = 4;
            } else {
                uint64_t bits;
                memcpy(&bits, &value->u.d, sizeof(bits));
                put_be(tmp, bits, 8);
                *out_len = 8;
            }
            return TERN_IO_OK;
        }
        case TERN_IO_TYPE_BOOL:
            tmp[0] = value->u.b ? 1 : 0;
            *out_len = 1;
            return TERN_IO_OK;
        case TERN_IO_TYPE_OBJLNK:
            put_be(tmp, value->u.objlnk.oid, 2);
            put_be(tmp + 2, value->u.objlnk.iid, 2);
            *out_len = 4;
            return TERN_IO_OK;
        default:
            return TERN_IO_ERR_INVALID_ARG;
    }
}

static int put_tlv(tern_io_buf_t *buf, uint8_t kind, uint16_t id,
                   const void *data, size_t len) {
    if (len > TERN_IO_TLV_MAX_LEN) {
        io_log(DEBUG, "TLV value of %zu B exceeds the 24-bit length", len);
        return TERN_IO_ERR_UNSUPPORTED;
    }
    uint8_t hdr[MAX_HEADER];
    size_t hlen = header(hdr, kind, id, len);
    int result = tern_io_buf_reserve(buf, hlen + len);
    if (result) {
        return result;
    }
    memcpy(buf->data + buf->len, hdr, hlen);
    if (len) {
        memcpy(buf->data + buf->len + hlen, data, len);
    }
    buf->len += hlen + len;
    return TERN_IO_OK;
}

static int check_shape(const tern_io_enc_t *enc, const tern_io_path_t *path,
                       const tern_io_value_t *value) {
    const tern_io_tlv_enc_t *tlv = &enc->u.tlv;
    bool is_null = value->type == TERN_IO_TYPE_NULL;
    switch (path->len) {
        case 2: /* only an empty Object Instance under an Object */
            if (tlv->top == TERN_IO_IID && is_null) {
                return TERN_IO_OK;
            }
            break;
        case 3: /* a Resource, or an empty Multiple Resource if NULL */
            if (tlv->top <= TERN_IO_RID) {
                return TERN_IO_OK;
            }
            break;
        case 4:
            if (!is_null) {
                return TERN_IO_OK;
            }
            break;
        default:
            break;
    }
    io_log(DEBUG, "TLV cannot place a %s value at path depth %u",
           tern_io_type_name(value->type), (unsigned) path->len);
    return TERN_IO_ERR_UNSUPPORTED;
}

int tern_io_tlv_enc_add(tern_io_enc_t *enc, const tern_io_path_t *path,
                        const tern_io_value_t *value) {
    tern_io_tlv_enc_t *tlv = &enc->u.tlv;
    tern_io_buf_t *buf = enc->out;
    int result = check_shape(enc, path, value);
    if (result) {
        return result;
    }
    if ((result = tern_io_path_order_check(&tlv->order, path))) {
        io_log(DEBUG, "TLV entries must come in ascending path order");
        return result;
    }

    /* Close what the new entry does not belong to. Closing only shrinks the
     * output, so it is safe to keep even if the rest of this call fails. */
    if (tlv->multi.open &&
        !(path->len == 4 && tern_io_path_is_prefix(&tlv->multi.path, path))) {
        close_frame(buf, &tlv->multi, TERN_IO_TLV_MULTI_RES);
    }
    if (tlv->instance.open &&
        !(path->len >= 3 &&
          tern_io_path_is_prefix(&tlv->instance.path, path))) {
        close_frame(buf, &tlv->instance, TERN_IO_TLV_INSTANCE);
    }

    tern_io_tlv_enc_t saved = *tlv;
    size_t mark = buf->len;
    if (tlv->top == TERN_IO_IID && path->len >= 3 && !tlv->instance.open) {
        if ((result = tern_io_buf_reserve(buf, MAX_HEADER))) {
            goto fail;
        }
        open_frame(buf, &tlv->instance, path, 2);
    }
    if (path->len == 4 && tlv->top <= TERN_IO_RID && !tlv->multi.open) {
        if ((result = tern_io_buf_reserve(buf, MAX_HEADER))) {
            goto fail;
        }
        open_frame(buf, &tlv->multi, path, 3);
    }

    uint8_t kind;
    uint16_t id = path->ids[path->len - 1];
    const void *data = NULL;
    size_t len = 0;
    uint8_t tmp[8];
    if (value->type == TERN_IO_TYPE_NULL) {
        kind = path->len == 2 ? TERN_IO_TLV_INSTANCE : TERN_IO_TLV_MULTI_RES;
    } else {
        kind = path->len == 4 ? TERN_IO_TLV_RES_INSTANCE : TERN_IO_TLV_RESOURCE;
        if ((result = value_bytes(value, tmp, &data, &len))) {
            goto fail;
        }
    }
    if ((result = put_tlv(buf, kind, id, data, len))) {
        goto fail;
    }
    if (frame_too_big(buf, &tlv->multi) || frame_too_big(buf, &tlv->instance)) {
        io_log(DEBUG, "TLV container exceeds the 24-bit length");
        result = TERN_IO_ERR_UNSUPPORTED;
        goto fail;
    }
    tern_io_path_order_update(&tlv->order, path, true);
    return TERN_IO_OK;

fail:
    *tlv = saved;
    buf->len = mark;
    tern_io_path_order_update(&tlv->order, path, false);
    return result;
}

int tern_io_tlv_enc_finish(tern_io_enc_t *enc) {
    close_frame(enc->out, &enc->u.tlv.multi, TERN_IO_TLV_MULTI_RES);
    close_frame(enc->out, &enc->u.tlv.instance, TERN_IO_TLV_INSTANCE);
    return TERN_IO_OK;
}
