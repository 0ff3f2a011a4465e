/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_payload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_cbor.h"
#include "server_format.h"
#include "server_json.h"
#include "server_path.h"
#include "server_records.h"
#include "server_senml.h"
#include "server_tlv.h"

static int cbor_value(const char *value, srv_buf_t *out) {
    size_t len = strlen(value);
    if (strcmp(value, "true") == 0 || strcmp(value, "false") == 0) {
        srv_cbor_write_bool(out, value[0] == 't');
        return 0;
    }
    if (len >= 2 && value[0] == '"' && value[len - 1] == '"') {
        srv_cbor_write_text(out, value + 1, len - 2);
        return 0;
    }
    char *end;
    errno = 0;
    long long i = strtoll(value, &end, 10);
    if (len && !*end && errno == 0) {
        srv_cbor_write_int(out, (int64_t) i);
        return 0;
    }
    double d = strtod(value, &end);
    if (len && !*end) {
        srv_cbor_write_double(out, d);
        return 0;
    }
    srv_cbor_write_text(out, value, len);
    return 0;
}

static void lwm2m_cbor_value(const srv_record_t *rec, srv_buf_t *out) {
    switch (rec->type) {
        case SRV_V_INT:
        case SRV_V_TIME:
            srv_cbor_write_int(out, rec->i);
            break;
        case SRV_V_UINT:
            srv_cbor_write_uint(out, rec->u);
            break;
        case SRV_V_FLOAT:
            srv_cbor_write_double(out, rec->f);
            break;
        case SRV_V_BOOL:
            srv_cbor_write_bool(out, rec->b);
            break;
        case SRV_V_STRING:
            srv_cbor_write_text(out, (const char *) rec->bytes, rec->len);
            break;
        case SRV_V_OPAQUE:
            srv_cbor_write_bytes(out, rec->bytes, rec->len);
            break;
        case SRV_V_OBJLNK: {
            char text[16];
            int n = snprintf(text, sizeof(text), "%u:%u", (unsigned) rec->oid,
                             (unsigned) rec->iid);
            srv_cbor_write_text(out, text, (size_t) n);
            break;
        }
        case SRV_V_NONE:
            srv_buf_append_byte(out, 0xf6);
            break;
    }
}

/* One map keyed by whole paths ([3, 0, 0]), which LwM2M CBOR allows. */
static int lwm2m_cbor_encode(const srv_records_t *recs, srv_buf_t *out,
                             char *err, size_t err_size) {
    srv_cbor_write_map(out, recs->count);
    for (size_t i = 0; i < recs->count; ++i) {
        srv_path_t p;
        if (srv_path_parse(recs->items[i].path, &p) || p.depth == 0) {
            snprintf(err, err_size, "bad path '%s'", recs->items[i].path);
            return -1;
        }
        srv_cbor_write_array(out, (size_t) p.depth);
        for (int d = 0; d < p.depth; ++d) {
            srv_cbor_write_uint(out, p.ids[d]);
        }
        lwm2m_cbor_value(&recs->items[i], out);
    }
    return 0;
}

int srv_payload_build(int ct, const char *value, const char *path,
                      srv_buf_t *out, char *err, size_t err_size) {
    size_t len = strlen(value);
    switch (ct) {
        case SRV_CT_OPAQUE:
            if (strncmp(value, "0x", 2) == 0) {
                value += 2;
            }
            if (srv_hex_decode(value, out)) {
                snprintf(err, err_size, "opaque values are hex digits");
                return -1;
            }
            return 0;
        case SRV_CT_CBOR:
            return cbor_value(value, out);
        case SRV_CT_LWM2M_JSON: {
            srv_json_t *j = srv_json_parse(value, len, err, err_size);
            if (!j) {
                return -1;
            }
            srv_json_free(j);
            srv_buf_append(out, value, len);
            return 0;
        }
        case SRV_CT_SENML_JSON:
        case SRV_CT_SENML_CBOR:
        case SRV_CT_LWM2M_CBOR:
        case SRV_CT_TLV:
            break;
        default:
            srv_buf_append(out, value, len);
            return 0;
    }
    srv_records_t recs;
    srv_records_init(&recs);
    int result = srv_senml_json_decode((const uint8_t *) value, len, &recs, err,
                                       err_size);
    if (!result) {
        if (ct == SRV_CT_SENML_JSON) {
            srv_buf_append(out, value, len);
        } else if (ct == SRV_CT_SENML_CBOR) {
            srv_senml_cbor_encode(&recs, out);
        } else if (ct == SRV_CT_LWM2M_CBOR) {
            result = lwm2m_cbor_encode(&recs, out, err, err_size);
        } else {
            srv_path_t target;
            if (srv_path_parse(path, &target)) {
                snprintf(err, err_size, "bad path '%s'", path);
                result = -1;
            } else {
                result = srv_tlv_encode(&recs, &target, out, err, err_size);
            }
        }
    }
    srv_records_free(&recs);
    return result;
}
