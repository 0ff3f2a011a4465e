/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_decode.h"

#include <stdio.h>
#include <string.h>

#include "server_cbor.h"
#include "server_format.h"
#include "server_lwm2m_cbor.h"
#include "server_path.h"
#include "server_senml.h"
#include "server_tlv.h"

int srv_decode_records(int ct, const uint8_t *data, size_t len,
                       const char *base_path, srv_records_t *out, char *err,
                       size_t err_size) {
    switch (ct) {
        case SRV_CT_TLV: {
            srv_path_t base;
            if (srv_path_parse(base_path, &base)) {
                snprintf(err, err_size, "TLV needs a numeric request path");
                return -1;
            }
            return srv_tlv_decode(data, len, &base, out, err, err_size);
        }
        case SRV_CT_SENML_JSON:
            return srv_senml_json_decode(data, len, out, err, err_size);
        case SRV_CT_SENML_CBOR:
            return srv_senml_cbor_decode(data, len, out, err, err_size);
        case SRV_CT_LWM2M_JSON:
            return srv_lwm2m_json_decode(data, len, out, err, err_size);
        case SRV_CT_LWM2M_CBOR:
            return srv_lwm2m_cbor_decode(data, len, out, err, err_size);
        default:
            return -2;
    }
}

/* A single CBOR value (Content-Format 60) renders like a record value. */
static int render_cbor_value(const uint8_t *data, size_t len, srv_buf_t *out) {
    srv_cbor_reader_t r;
    srv_cbor_item_t item;
    srv_record_t rec;
    memset(&rec, 0, sizeof(rec));
    srv_cbor_reader_init(&r, data, len);
    if (srv_cbor_read(&r, &item)) {
        return -1;
    }
    while (item.kind == SRV_CBOR_TAG) {
        if (srv_cbor_read(&r, &item)) {
            return -1;
        }
    }
    switch (item.kind) {
        case SRV_CBOR_UINT:
        case SRV_CBOR_NINT:
            if (srv_cbor_to_int64(&item, &rec.i) == 0) {
                rec.type = SRV_V_INT;
            } else if (item.kind == SRV_CBOR_UINT) {
                rec.type = SRV_V_UINT;
                rec.u = item.u;
            } else {
                return -1;
            }
            break;
        case SRV_CBOR_FLOAT:
            rec.type = SRV_V_FLOAT;
            rec.f = item.f;
            break;
        case SRV_CBOR_TRUE:
        case SRV_CBOR_FALSE:
            rec.type = SRV_V_BOOL;
            rec.b = item.kind == SRV_CBOR_TRUE;
            break;
        case SRV_CBOR_TEXT:
            rec.type = SRV_V_STRING;
            rec.bytes = (uint8_t *) (uintptr_t) item.data;
            rec.len = item.len;
            break;
        case SRV_CBOR_BYTES:
            rec.type = SRV_V_OPAQUE;
            rec.bytes = (uint8_t *) (uintptr_t) item.data;
            rec.len = item.len;
            break;
        default:
            return -1;
    }
    if (r.p != r.end) {
        return -1;
    }
    srv_value_render(&rec, out);
    return 0;
}

static void render_bad(const char *why, const uint8_t *data, size_t len,
                       srv_buf_t *out) {
    srv_buf_append_str(out, "!bad-payload ");
    srv_buf_append_escaped(out, why, strlen(why));
    srv_buf_append_str(out, " hex=");
    srv_buf_append_hex(out, data, len);
}

static int looks_like_text(const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        if ((data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' &&
             data[i] != '\r') ||
            data[i] == 0x7f) {
            return 0;
        }
    }
    return 1;
}

void srv_decode_render(int ct, const uint8_t *data, size_t len,
                       const char *base_path, srv_buf_t *out) {
    if (len == 0) {
        return;
    }
    switch (ct) {
        case SRV_CT_TEXT:
        case SRV_CT_LINK:
            srv_buf_append_escaped(out, data, len);
            return;
        case SRV_CT_OPAQUE:
            srv_buf_append_hex(out, data, len);
            return;
        case SRV_CT_CBOR:
            if (render_cbor_value(data, len, out)) {
                render_bad("malformed CBOR value", data, len, out);
            }
            return;
        default:
            break;
    }
    srv_records_t recs;
    char err[128] = "";
    srv_records_init(&recs);
    int result = srv_decode_records(ct, data, len, base_path, &recs, err,
                                    sizeof(err));
    if (result == 0) {
        srv_records_render(&recs, out);
    } else if (result == -1) {
        render_bad(err, data, len, out);
    } else if (looks_like_text(data, len)) {
        srv_buf_append_escaped(out, data, len);
    } else {
        srv_buf_append_hex(out, data, len);
    }
    srv_records_free(&recs);
}
