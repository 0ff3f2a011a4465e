/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_records.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void srv_records_init(srv_records_t *recs) {
    recs->items = NULL;
    recs->count = 0;
    recs->cap = 0;
}

void srv_records_free(srv_records_t *recs) {
    for (size_t i = 0; i < recs->count; ++i) {
        free(recs->items[i].path);
        free(recs->items[i].bytes);
    }
    free(recs->items);
    srv_records_init(recs);
}

srv_record_t *srv_records_add(srv_records_t *recs, const char *path) {
    if (recs->count == recs->cap) {
        recs->cap = recs->cap ? 2 * recs->cap : 8;
        recs->items = (srv_record_t *) srv_xrealloc(
                recs->items, recs->cap * sizeof(*recs->items));
    }
    srv_record_t *rec = &recs->items[recs->count++];
    memset(rec, 0, sizeof(*rec));
    rec->path = srv_xstrdup(path);
    return rec;
}

void srv_record_set_bytes(srv_record_t *rec, srv_vtype_t type, const void *data,
                          size_t len) {
    free(rec->bytes);
    rec->type = type;
    rec->bytes = (uint8_t *) srv_xmalloc(len + 1);
    if (len) {
        memcpy(rec->bytes, data, len);
    }
    /* A NUL after strings lets callers use them as C strings. */
    rec->bytes[len] = 0;
    rec->len = len;
}

void srv_double_render(double v, srv_buf_t *out) {
    if (isnan(v)) {
        srv_buf_append_str(out, "nan");
        return;
    }
    if (isinf(v)) {
        srv_buf_append_str(out, v < 0 ? "-inf" : "inf");
        return;
    }
    char text[40];
    for (int prec = 6; prec <= 17; ++prec) {
        snprintf(text, sizeof(text), "%.*g", prec, v);
        if (strtod(text, NULL) == v) {
            break;
        }
    }
    srv_buf_append_str(out, text);
}

void srv_value_render(const srv_record_t *rec, srv_buf_t *out) {
    switch (rec->type) {
        case SRV_V_NONE:
            break;
        case SRV_V_INT:
        case SRV_V_TIME:
            srv_buf_printf(out, "%" PRId64, rec->i);
            break;
        case SRV_V_UINT:
            srv_buf_printf(out, "%" PRIu64, rec->u);
            break;
        case SRV_V_FLOAT:
            srv_double_render(rec->f, out);
            break;
        case SRV_V_BOOL:
            srv_buf_append_str(out, rec->b ? "true" : "false");
            break;
        case SRV_V_STRING:
            srv_buf_append_escaped(out, rec->bytes, rec->len);
            break;
        case SRV_V_OPAQUE:
            srv_buf_append_str(out, "0x");
            srv_buf_append_hex(out, rec->bytes, rec->len);
            break;
        case SRV_V_OBJLNK:
            srv_buf_printf(out, "%u:%u", (unsigned) rec->oid,
                           (unsigned) rec->iid);
            break;
    }
}

void srv_records_render(const srv_records_t *recs, srv_buf_t *out) {
    for (size_t i = 0; i < recs->count; ++i) {
        const srv_record_t *rec = &recs->items[i];
        if (i) {
            srv_buf_append_byte(out, ';');
        }
        srv_buf_append_escaped(out, rec->path, strlen(rec->path));
        if (rec->type != SRV_V_NONE) {
            srv_buf_append_byte(out, '=');
            srv_value_render(rec, out);
        }
        if (rec->has_time) {
            srv_buf_append_byte(out, '@');
            srv_double_render(rec->time, out);
        }
    }
}
