/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include "server_model.h"
#include "server_tlv.h"

/* Identifier types from the top two bits of the type byte. */
enum {
    TLV_OBJECT_INSTANCE = 0,
    TLV_RESOURCE_INSTANCE = 1,
    TLV_MULTIPLE_RESOURCE = 2,
    TLV_RESOURCE = 3
};

typedef struct {
    int kind;
    uint16_t id;
    const uint8_t *value;
    size_t len;
} tlv_entry_t;

static int read_entry(const uint8_t **pp, const uint8_t *end, tlv_entry_t *e) {
    const uint8_t *p = *pp;
    if (p >= end) {
        return -1;
    }
    uint8_t type = *p++;
    e->kind = type >> 6;
    size_t id_len = (type & 0x20) ? 2 : 1;
    size_t len_len = (type >> 3) & 0x03;
    if ((size_t) (end - p) < id_len + len_len) {
        return -1;
    }
    e->id = p[0];
    if (id_len == 2) {
        e->id = (uint16_t) (p[0] << 8 | p[1]);
    }
    p += id_len;
    size_t len = type & 0x07;
    if (len_len) {
        len = 0;
        for (size_t i = 0; i < len_len; ++i) {
            len = len << 8 | *p++;
        }
    }
    if ((size_t) (end - p) < len) {
        return -1;
    }
    e->value = p;
    e->len = len;
    *pp = p + len;
    return 0;
}

static int all_printable(const uint8_t *data, size_t len) {
    for (size_t i = 0; i < len; ++i) {
        if (data[i] < 0x20 || data[i] > 0x7e) {
            return 0;
        }
    }
    return 1;
}

static uint64_t be_uint(const uint8_t *data, size_t len) {
    uint64_t v = 0;
    for (size_t i = 0; i < len; ++i) {
        v = v << 8 | data[i];
    }
    return v;
}

static int64_t be_int(const uint8_t *data, size_t len) {
    uint64_t v = be_uint(data, len);
    if (len < 8 && (data[0] & 0x80)) {
        v |= ~(uint64_t) 0 << (8 * len);
    }
    return (int64_t) v;
}

static int int_length(size_t len) {
    return len == 1 || len == 2 || len == 4 || len == 8;
}

/* Interprets the value bytes as @p type; 0 if they cannot be one. */
static int set_typed(srv_record_t *rec, srv_vtype_t type, const uint8_t *data,
                     size_t len) {
    switch (type) {
        case SRV_V_STRING:
        case SRV_V_OPAQUE:
            srv_record_set_bytes(rec, type, data, len);
            return 1;
        case SRV_V_INT:
        case SRV_V_TIME:
            if (!int_length(len)) {
                return 0;
            }
            rec->type = type;
            rec->i = be_int(data, len);
            return 1;
        case SRV_V_UINT:
            if (!int_length(len)) {
                return 0;
            }
            rec->type = type;
            rec->u = be_uint(data, len);
            return 1;
        case SRV_V_FLOAT:
            if (len == 4) {
                uint32_t bits = (uint32_t) be_uint(data, 4);
                float f;
                memcpy(&f, &bits, sizeof(f));
                rec->f = f;
            } else if (len == 8) {
                uint64_t bits = be_uint(data, 8);
                memcpy(&rec->f, &bits, sizeof(rec->f));
            } else {
                return 0;
            }
            rec->type = type;
            return 1;
        case SRV_V_BOOL:
            if (len != 1 || data[0] > 1) {
                return 0;
            }
            rec->type = type;
            rec->b = data[0];
            return 1;
        case SRV_V_OBJLNK:
            if (len != 4) {
                return 0;
            }
            rec->type = type;
            rec->oid = (uint16_t) be_uint(data, 2);
            rec->iid = (uint16_t) be_uint(data + 2, 2);
            return 1;
        case SRV_V_NONE:
            break;
    }
    return 0;
}

static void add_value(srv_records_t *out, const srv_path_t *path,
                      const uint8_t *data, size_t len) {
    char text[SRV_PATH_STR_MAX];
    srv_path_format(path, text);
    srv_record_t *rec = srv_records_add(out, text);
    srv_vtype_t type = srv_model_type(path->ids[0], path->ids[2]);
    if (type != SRV_V_NONE && set_typed(rec, type, data, len)) {
        return;
    }
    /* Unknown resource or a value that does not fit its declared type. */
    if (all_printable(data, len)) {
        set_typed(rec, SRV_V_STRING, data, len);
    } else if (int_length(len)) {
        set_typed(rec, SRV_V_INT, data, len);
    } else {
        set_typed(rec, SRV_V_OPAQUE, data, len);
    }
}

static int decode_level(const uint8_t *data, size_t len,
                        const srv_path_t *prefix, int top, srv_records_t *out,
                        char *err, size_t err_size) {
    /* The depth of the path that owns each kind of entry. */
    static const int parent_depth[4] = {1, 3, 2, 2};
    const uint8_t *p = data;
    const uint8_t *end = data + len;
    while (p < end) {
        tlv_entry_t e;
        if (read_entry(&p, end, &e)) {
            snprintf(err, err_size, "truncated TLV at offset %ld",
                     (long) (p - data));
            return -1;
        }
        srv_path_t path = *prefix;
        int want = parent_depth[e.kind];
        if (top && path.depth > want) {
            path.depth = want;
        }
        if (path.depth != want) {
            snprintf(err, err_size, "TLV entry kind %d with id %u misplaced",
                     e.kind, (unsigned) e.id);
            return -1;
        }
        srv_path_push(&path, e.id);
        switch (e.kind) {
            case TLV_OBJECT_INSTANCE:
            case TLV_MULTIPLE_RESOURCE:
                if (decode_level(e.value, e.len, &path, 0, out, err,
                                 err_size)) {
                    return -1;
                }
                break;
            default:
                add_value(out, &path, e.value, e.len);
                break;
        }
    }
    return 0;
}

int srv_tlv_decode(const uint8_t *data, size_t len, const srv_path_t *base,
                   srv_records_t *out, char *err, size_t err_size) {
    return decode_level(data, len, base, 1, out, err, err_size);
}
