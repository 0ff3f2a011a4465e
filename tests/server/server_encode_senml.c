/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include "server_cbor.h"
#include "server_senml.h"

void srv_senml_cbor_encode(const srv_records_t *recs, srv_buf_t *out) {
    srv_cbor_write_array(out, recs->count);
    for (size_t i = 0; i < recs->count; ++i) {
        const srv_record_t *rec = &recs->items[i];
        size_t pairs = 1 + (rec->type != SRV_V_NONE) + (rec->has_time != 0);
        srv_cbor_write_map(out, pairs);
        srv_cbor_write_int(out, 0);
        srv_cbor_write_text(out, rec->path, strlen(rec->path));
        switch (rec->type) {
            case SRV_V_NONE:
                break;
            case SRV_V_INT:
            case SRV_V_TIME:
                srv_cbor_write_int(out, 2);
                srv_cbor_write_int(out, rec->i);
                break;
            case SRV_V_UINT:
                srv_cbor_write_int(out, 2);
                srv_cbor_write_uint(out, rec->u);
                break;
            case SRV_V_FLOAT:
                srv_cbor_write_int(out, 2);
                srv_cbor_write_double(out, rec->f);
                break;
            case SRV_V_BOOL:
                srv_cbor_write_int(out, 4);
                srv_cbor_write_bool(out, rec->b);
                break;
            case SRV_V_STRING:
                srv_cbor_write_int(out, 3);
                srv_cbor_write_text(out, (const char *) rec->bytes, rec->len);
                break;
            case SRV_V_OPAQUE:
                srv_cbor_write_int(out, 8);
                srv_cbor_write_bytes(out, rec->bytes, rec->len);
                break;
            case SRV_V_OBJLNK: {
                char text[16];
                int n = snprintf(text, sizeof(text), "%u:%u",
                                 (unsigned) rec->oid, (unsigned) rec->iid);
                srv_cbor_write_text(out, "vlo", 3);
                srv_cbor_write_text(out, text, (size_t) n);
                break;
            }
        }
        if (rec->has_time) {
            srv_cbor_write_int(out, 6);
            srv_cbor_write_double(out, rec->time);
        }
    }
}
